"""The library's resources, as the two source documents describe them.

Only facts the documents state: no invented days or contacts. Where a document gives
only a month, the date is stored with month precision. A resource links where a
document names its home (an organization, whose well-known home page it gets);
the others say on their page that the source does not link them.
"""

import datetime

from resources.models import Resource
from resources.seed.organizations import MAYORS_CENTER_PAGE
from resources.seed.statements import CAL_CITIES_STATEMENT, NLC_RELEASE

K = Resource.Kind
P = Resource.DatePrecision

EQUITY = "racial equity"
HEALING = "racial healing"

RESOURCES = [
    {
        "slug": "advancing-racial-equity-an-introduction",
        "title": "Advancing Racial Equity: An Introduction",
        "kind": K.WEBINAR,
        "organization": "cal-cities",
        "published_on": datetime.date(2020, 8, 27),
        "summary": "Cal Cities and the National League of Cities REAL Department set "
        "the stage for the work necessary to expand city leaders' knowledge and "
        "capacity to eliminate racial disparities, heal racial divisions, and build "
        "more equitable communities.",
        "description": "A Cal Cities webinar, originally offered on August 27, 2020, "
        "and free to watch.",
        "topics": [EQUITY, "getting started", "equitable communities"],
        "audience": ("elected", "staff"),
    },
    {
        "slug": "advancing-racial-equity-a-discussion",
        "title": "Advancing Racial Equity: A Discussion",
        "kind": K.WEBINAR,
        "organization": "cal-cities",
        "published_on": datetime.date(2020, 10, 8),
        "summary": "Cities across the nation are grappling with frustration, outrage, "
        "and grief stemming from the effects of systemic racism. Leadership from the "
        "National League of Cities REAL Department and three California city leaders "
        "discuss how they are building more equitable and just cities.",
        "description": "A keynote panel discussion originally offered at the League of "
        "California Cities Annual Conference and Expo on October 8, 2020; free to "
        "watch.",
        "topics": [EQUITY, "systemic racism", "equitable communities"],
        "audience": ("elected", "staff"),
    },
    *[
        {
            "slug": f"western-city-{month.lower()}-{year}",
            "title": f"Western City magazine, {month} {year}",
            "kind": K.MAGAZINE,
            "organization": "cal-cities",
            "published_on": datetime.date(year, number, 1),
            "precision": P.MONTH,
            "summary": "An issue of Western City magazine highlighting efforts to "
            "address systemic inequities in city institutions and policies and replace "
            "them with systems that are inclusive and fair.",
            "description": "Learn from other cities: one of three Western City "
            "issues (November 2020, December 2021 and December 2022) on advancing "
            "equity in city government.",
            "topics": [EQUITY, "systemic racism", "city policy"],
            "audience": ("elected", "staff"),
        }
        for month, number, year in [
            ("November", 11, 2020),
            ("December", 12, 2021),
            ("December", 12, 2022),
        ]
    ],
    {
        "slug": "nlc-real",
        "title": "NLC REAL: Race, Equity and Leadership",
        "kind": K.ORGANIZATION,
        "organization": "nlc",
        "subject": "nlc-real",
        "url": "https://www.nlc.org",
        "summary": "The National League of Cities (NLC) Race, Equity, and Leadership "
        "(REAL) program was established in the wake of the 2014 unrest in Ferguson, "
        "Missouri, to strengthen the capacity to build more equitable communities.",
        "description": "The REAL department offers tools and resources that help local "
        "elected leaders build safe places where people from all racial, ethnic, and "
        "cultural backgrounds thrive socially, economically, academically, and "
        "physically. Its reading list includes the Racial Equity Resolution and The "
        "City Leader's Compass to the My Brother's Keeper Landscape.",
        "topics": [EQUITY, "equitable communities"],
        "audience": ("elected",),
        "notes": "Link: the home page of the National League of Cities, whose department "
        "REAL is; the source names REAL but does not link it.",
    },
    {
        "slug": "racial-equity-resolution",
        "title": "Racial Equity Resolution",
        "kind": K.TEMPLATE,
        "organization": "nlc",
        "summary": "A template and talking points that explain why pursuing equity is "
        "good for local government.",
        "description": "From the NLC REAL reading list. Use it to draft a resolution "
        "for your council and to explain the case for it.",
        "topics": [EQUITY, "resolutions", "city policy"],
        "audience": ("elected", "staff"),
    },
    {
        "slug": "city-leaders-compass-my-brothers-keeper",
        "title": "The City Leader's Compass to the My Brother's Keeper Landscape",
        "kind": K.PUBLICATION,
        "organization": "nlc",
        "summary": "Resources for city leaders working to respond to the My Brother's "
        "Keeper Community Challenge.",
        "description": "This publication highlights a comprehensive set of steps cities "
        "can take to tackle disparities, change systems, and improve outcomes for boys "
        "and young men of color. From the NLC REAL reading list.",
        "topics": [EQUITY, "boys and young men of color", "my brother's keeper"],
        "audience": ("elected", "staff"),
    },
    {
        "slug": "gare",
        "title": "Government Alliance on Race and Equity (GARE)",
        "kind": K.ORGANIZATION,
        "organization": "gare",
        "subject": "gare",
        "url": "https://www.racialequityalliance.org",
        "summary": "A national network of government working to achieve racial equity "
        "and advance opportunities for all.",
        "description": "GARE supports jurisdictions that are at the forefront of work "
        "to achieve racial equity; develops a “pathway for entry” into racial equity "
        "work for new jurisdictions; and builds local and regional collaborations that "
        "are inclusive and focused on achieving racial equity.",
        "topics": [EQUITY, "networks"],
        "audience": ("staff",),
        "notes": "Link: the organization's home page, which the source names but does not link.",
    },
    {
        "slug": "race-forward",
        "title": "Race Forward",
        "kind": K.ORGANIZATION,
        "organization": "race-forward",
        "subject": "race-forward",
        "url": "https://www.raceforward.org",
        "summary": "Race Forward brings systemic analysis and an innovative approach to "
        "complex race issues to help people take effective action toward racial "
        "equity.",
        "description": "The organization conducts original research on pressing racial "
        "justice issues ranging from immigration to economic inequality.",
        "topics": [EQUITY, "research", "networks"],
        "audience": ("staff", "partners"),
        "notes": "Link: the organization's home page, which the source names but does not link.",
    },
    {
        "slug": "icma-race-equity-social-justice",
        "title": "ICMA Race, Equity, and Social Justice",
        "kind": K.READING_LIST,
        "organization": "icma",
        "url": "https://icma.org",
        # As the source words it; the correction is for curators (notes).
        "summary": "Materials curated by the International City Managers Association "
        "(ICMA), along with reports and surveys that describe approaches that have an "
        "impact and provide the opportunity to learn from the experiences of others.",
        "topics": [EQUITY, "social justice", "research"],
        "audience": ("staff",),
        "notes": "Correction due: the source calls ICMA the “International City "
        "Managers Association”, its name from 1924 to 1969; since 1991 the "
        "organization is the International City/County Management Association. The "
        "summary keeps the source's wording.\n"
        "Link: ICMA's home page; the source does not link the collection itself.",
    },
    {
        "slug": "mayors-business-leaders-center",
        "title": "Mayors and Business Leaders Center for Compassionate and Equitable "
        "Cities",
        "kind": K.ORGANIZATION,
        "organization": "mayors-business-leaders-center",
        "subject": "mayors-business-leaders-center",
        "url": MAYORS_CENTER_PAGE,
        "summary": "Resources, including ideas, initiatives, toolkits, and reports, by "
        "mayors and for mayors and other city leaders.",
        "topics": [EQUITY, "toolkits", "networks"],
        "audience": ("elected",),
        "notes": "Link: the Center's page on the site of the U.S. Conference of Mayors, "
        "which runs it (checked); the source names the Center but does not link it.",
    },
    NLC_RELEASE,
    CAL_CITIES_STATEMENT,
    {
        "slug": "cal-cities-board-statement-june-2020",
        "title": "Cal Cities Board of Directors statement on an equitable and just "
        "future",
        "kind": K.STATEMENT,
        "organization": "cal-cities",
        "published_on": datetime.date(2020, 6, 1),
        "precision": P.MONTH,
        "summary": "In June 2020, the Cal Cities Board of Directors issued a statement "
        "committing to the creation of an equitable and just future for all "
        "Californians.",
        "topics": [EQUITY, "statements"],
        "audience": ("elected",),
    },
    {
        "slug": "cal-cities-equity-roadmap",
        "title": "Cal Cities Equity Roadmap",
        "kind": K.REPORT,
        "organization": "cal-cities",
        "summary": "Lays out the organization's planned actions and strategies to "
        "support city leaders in advancing equity in their communities.",
        "topics": [EQUITY, "city policy"],
        "audience": ("elected", "staff"),
    },
    {
        "slug": "stop-aapi-hate",
        "title": "Stop AAPI Hate",
        "kind": K.ORGANIZATION,
        "organization": "stop-aapi-hate",
        "subject": "stop-aapi-hate",
        "url": "https://stopaapihate.org",
        "summary": "Where to report anti-Asian hate incidents, as the Cal Cities "
        "statement of March 2021 encourages anyone who has seen or been a victim of "
        "such attacks to do.",
        "topics": ["anti-Asian hate"],
        "audience": ("partners",),
        "notes": "Link: the home page of Stop AAPI Hate, where incidents are reported; "
        "the statement names the “Stop AAPI Hate Center” but does not link it.",
    },
    {
        "slug": "wk-kellogg-foundation",
        "title": "W.K. Kellogg Foundation",
        "kind": K.ORGANIZATION,
        "organization": "wkkf",
        "subject": "wkkf",
        "url": "https://www.wkkf.org",
        "summary": "Guided by the belief that all children should have an equal "
        "opportunity to thrive, WKKF works with communities to create conditions for "
        "vulnerable children so they can realize their full potential in school, work "
        "and life.",
        "description": "The foundation supports the Cities for Racial Equity and Racial "
        "Healing Technical Assistance Initiative through its Truth, Racial Healing and "
        "Transformation initiative.",
        "topics": [HEALING, "funders"],
        "audience": ("partners",),
    },
]

RELATED = [
    ("advancing-racial-equity-an-introduction", "advancing-racial-equity-a-discussion"),
    ("nlc-real", "racial-equity-resolution"),
    ("nlc-real", "city-leaders-compass-my-brothers-keeper"),
    ("racial-equity-resolution", "gare"),
    ("cal-cities-api-caucus-decry-anti-asian-violence-2021", "stop-aapi-hate"),
    (
        "nlc-selects-six-cities-racial-equity-racial-healing-2018",
        "wk-kellogg-foundation",
    ),
    ("western-city-november-2020", "western-city-december-2021"),
    ("western-city-december-2021", "western-city-december-2022"),
]

FOUNDATIONAL = {
    "slug": "foundational-resources",
    "title": "Foundational resources",
    "description": "A list of foundational resources to strengthen city leaders' "
    "knowledge and capacity to eliminate racial disparities, heal racial divisions, "
    "and build more equitable communities. It will grow as we deepen our knowledge "
    "and breadth in this space.",
}

AUDIENCE_FIELDS = {
    "elected": "for_elected_officials",
    "staff": "for_city_staff",
    "partners": "for_community_partners",
}
