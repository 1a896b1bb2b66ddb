"""The organizations the source documents name, with their well-known home pages
(the documents link none but www.wkkf.org; no deeper page is guessed)."""

# The Center has no site of its own: it is a program of the U.S. Conference of
# Mayors, whose page for it this is (checked, not guessed).
MAYORS_CENTER_PAGE = (
    "https://www.usmayors.org/programs/"
    "mayors-and-business-leaders-center-for-compassionate-and-equitable-cities/"
)

ORGANIZATIONS = [
    {
        "slug": "nlc",
        "name": "National League of Cities",
        "short_name": "NLC",
        "website": "https://www.nlc.org",
        "description": "The voice of America's cities, towns and villages, representing "
        "more than 200 million people. NLC works to strengthen local leadership, "
        "influence federal policy and drive innovative solutions.",
    },
    {
        "slug": "nlc-real",
        "name": "NLC Race, Equity and Leadership (REAL)",
        "short_name": "NLC REAL",
        "website": "https://www.nlc.org",
        "description": "The National League of Cities' Race, Equity and Leadership "
        "department, established in the wake of the 2014 unrest in Ferguson, Missouri, "
        "to strengthen local leaders' capacity to build more equitable communities.",
    },
    {
        "slug": "cal-cities",
        "name": "League of California Cities",
        "short_name": "Cal Cities",
        "website": "https://www.calcities.org",
        "description": "Established in 1898, a nonprofit statewide association that "
        "advocates for cities with the state and federal governments and provides "
        "education and training services to elected and appointed city officials.",
    },
    {
        "slug": "gare",
        "name": "Government Alliance on Race and Equity",
        "short_name": "GARE",
        "website": "https://www.racialequityalliance.org",
        "description": "A national network of government working to achieve racial "
        "equity and advance opportunities for all.",
    },
    {
        "slug": "race-forward",
        "name": "Race Forward",
        "website": "https://www.raceforward.org",
        "description": "Brings systemic analysis and an innovative approach to complex "
        "race issues to help people take effective action toward racial equity.",
    },
    {
        "slug": "icma",
        "name": "International City/County Management Association",
        "short_name": "ICMA",
        "website": "https://icma.org",
        "description": "Curates materials on race, equity, and social justice, along with "
        "reports and surveys that describe approaches that have an impact.",
    },
    {
        "slug": "mayors-business-leaders-center",
        "name": "Mayors and Business Leaders Center for Compassionate and Equitable "
        "Cities",
        "website": MAYORS_CENTER_PAGE,
        "description": "Resources by mayors and for mayors and other city leaders.",
    },
    {
        "slug": "wkkf",
        "name": "W.K. Kellogg Foundation",
        "short_name": "WKKF",
        "website": "https://www.wkkf.org",
        "description": "Founded in 1930 as an independent, private foundation by "
        "breakfast cereal pioneer Will Keith Kellogg; among the largest philanthropic "
        "foundations in the United States.",
    },
    {
        "slug": "stop-aapi-hate",
        "name": "Stop AAPI Hate",
        "website": "https://stopaapihate.org",
        "description": "A center where people report anti-Asian hate incidents.",
    },
]
