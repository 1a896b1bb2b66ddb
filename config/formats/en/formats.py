"""How the site writes dates, times and numbers in English: Django's format strings
(https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date), asked for by
name (`|date:"DATE_FORMAT"`, `date_format(day, "ABBREVIATED_DATE_FORMAT")`). Django's
own English formats fill in what is not here (TIME_FORMAT "P": 2 p.m.; DATETIME_FORMAT
"N j, Y, P": Dec. 3, 2026, 2 p.m.). es/formats.py has every name this module has."""

# Django's names.
DATE_FORMAT = "F j, Y"  # December 3, 2026
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "F j"  # December 3

# The site's own names (Django looks a name up in these modules first).
ABBREVIATED_DATE_FORMAT = "M j, Y"  # Dec 3, 2026
ABBREVIATED_MONTH_DAY_FORMAT = "M j"  # Dec 3
ABBREVIATED_YEAR_MONTH_FORMAT = "M Y"  # Dec 2026
TIME_ZONE_FORMAT = "g:i A T"  # 2:00 PM EST
WEEKDAY_DATETIME_FORMAT = "D j M Y, g:i A"  # Thu 3 Dec 2026, 2:00 PM
WEEKDAY_DATETIME_ZONE_FORMAT = "D j M Y, g:i A T"  # Thu 3 Dec 2026, 2:00 PM EST
LONG_WEEKDAY_DATETIME_FORMAT = "l, F j, Y, g:i A"  # Thursday, December 3, 2026, 2:00 PM
LONG_WEEKDAY_TIME_ZONE_FORMAT = "l, F j, g:i A T"  # Thursday, December 3, 2:00 PM EST

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","  # 1,234
