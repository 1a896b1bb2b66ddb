"""How the site writes dates, times and numbers in Spanish: as Spanish-speaking
readers in the United States read them. Dates in Spanish order with month and
weekday names in lower case ("3 de diciembre de 2026", "jueves"), abbreviated months
with their period ("3 dic. 2026"; "N" leaves short names whole: "3 mayo 2026"),
times on the 24-hour clock ("14:00"), and numbers as U.S. and Mexican Spanish write
them ("1,234", "3.5"; Spain's Spanish, Django's default, writes "1234" and "3,5").
The same names as en/formats.py; Django's own Spanish formats fill in the rest
(DATETIME_FORMAT: "3 de diciembre de 2026 a las 14:00")."""

# Django's names.
DATE_FORMAT = r"j \d\e F \d\e Y"  # 3 de diciembre de 2026
YEAR_MONTH_FORMAT = r"F \d\e Y"  # diciembre de 2026
MONTH_DAY_FORMAT = r"j \d\e F"  # 3 de diciembre
TIME_FORMAT = "H:i"  # 14:00

# The site's own names.
ABBREVIATED_DATE_FORMAT = "j N Y"  # 3 dic. 2026
ABBREVIATED_MONTH_DAY_FORMAT = "j N"  # 3 dic.
ABBREVIATED_YEAR_MONTH_FORMAT = "N Y"  # dic. 2026
TIME_ZONE_FORMAT = "H:i T"  # 14:00 EST
WEEKDAY_DATETIME_FORMAT = "D j N Y, H:i"  # jue 3 dic. 2026, 14:00
WEEKDAY_DATETIME_ZONE_FORMAT = "D j N Y, H:i T"  # jue 3 dic. 2026, 14:00 EST
LONG_WEEKDAY_DATETIME_FORMAT = (
    r"l j \d\e F \d\e Y, H:i"  # jueves 3 de diciembre de 2026, 14:00
)
LONG_WEEKDAY_TIME_ZONE_FORMAT = r"l j \d\e F, H:i T"  # jueves 3 de diciembre, 14:00 EST

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","  # 1,234
