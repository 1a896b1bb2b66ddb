"""The library's real content, written from the two source documents (part of seed_demo).

Only facts the documents state: no invented URLs, days or contacts. Where a document
gives only a month, the date is stored with month precision.
"""

import datetime
import random

from django.db import transaction
from taggit.models import Tag

from core.bulk import bulk_insert
from resources.models import (
    Collection,
    CollectionItem,
    Organization,
    Resource,
    TaggedResource,
)
from resources.services import resource_save

K = Resource.Kind
P = Resource.DatePrecision

ORGANIZATIONS = [
    {
        "slug": "nlc",
        "name": "National League of Cities",
        "short_name": "NLC",
        "description": "The voice of America's cities, towns and villages, representing "
        "more than 200 million people. NLC works to strengthen local leadership, "
        "influence federal policy and drive innovative solutions.",
    },
    {
        "slug": "nlc-real",
        "name": "NLC Race, Equity and Leadership (REAL)",
        "short_name": "NLC REAL",
        "description": "The National League of Cities' Race, Equity and Leadership "
        "department, established in the wake of the 2014 unrest in Ferguson, Missouri, "
        "to strengthen local leaders' capacity to build more equitable communities.",
    },
    {
        "slug": "cal-cities",
        "name": "League of California Cities",
        "short_name": "Cal Cities",
        "description": "Established in 1898, a nonprofit statewide association that "
        "advocates for cities with the state and federal governments and provides "
        "education and training services to elected and appointed city officials.",
    },
    {
        "slug": "gare",
        "name": "Government Alliance on Race and Equity",
        "short_name": "GARE",
        "description": "A national network of government working to achieve racial "
        "equity and advance opportunities for all.",
    },
    {
        "slug": "race-forward",
        "name": "Race Forward",
        "description": "Brings systemic analysis and an innovative approach to complex "
        "race issues to help people take effective action toward racial equity.",
    },
    {
        "slug": "icma",
        "name": "International City/County Management Association",
        "short_name": "ICMA",
        "description": "The professional association of local government managers.",
    },
    {
        "slug": "mayors-business-leaders-center",
        "name": "Mayors and Business Leaders Center for Compassionate and Equitable "
        "Cities",
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
        "description": "A center where people report anti-Asian hate incidents.",
    },
]

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
        "summary": "A national network of government working to achieve racial equity "
        "and advance opportunities for all.",
        "description": "GARE supports jurisdictions that are at the forefront of work "
        "to achieve racial equity; develops a “pathway for entry” into racial equity "
        "work for new jurisdictions; and builds local and regional collaborations that "
        "are inclusive and focused on achieving racial equity.",
        "topics": [EQUITY, "networks"],
        "audience": ("staff",),
    },
    {
        "slug": "race-forward",
        "title": "Race Forward",
        "kind": K.ORGANIZATION,
        "organization": "race-forward",
        "subject": "race-forward",
        "summary": "Race Forward brings systemic analysis and an innovative approach to "
        "complex race issues to help people take effective action toward racial "
        "equity.",
        "description": "The organization conducts original research on pressing racial "
        "justice issues ranging from immigration to economic inequality.",
        "topics": [EQUITY, "research", "networks"],
        "audience": ("staff", "partners"),
    },
    {
        "slug": "icma-race-equity-social-justice",
        "title": "ICMA Race, Equity, and Social Justice",
        "kind": K.READING_LIST,
        "organization": "icma",
        "summary": "Materials curated by ICMA, along with reports and surveys that "
        "describe approaches that have an impact and provide the opportunity to learn "
        "from the experiences of others.",
        "topics": [EQUITY, "social justice", "research"],
        "audience": ("staff",),
        "notes": "The source page calls ICMA the “International City Managers "
        "Association”; its name is the International City/County Management "
        "Association.",
    },
    {
        "slug": "mayors-business-leaders-center",
        "title": "Mayors and Business Leaders Center for Compassionate and Equitable "
        "Cities",
        "kind": K.ORGANIZATION,
        "organization": "mayors-business-leaders-center",
        "subject": "mayors-business-leaders-center",
        "summary": "Resources, including ideas, initiatives, toolkits, and reports, by "
        "mayors and for mayors and other city leaders.",
        "topics": [EQUITY, "toolkits", "networks"],
        "audience": ("elected",),
    },
    {
        "slug": "nlc-selects-six-cities-racial-equity-racial-healing-2018",
        "title": "National League of Cities Selects Six Cities for the Cities for Racial "
        "Equity and Racial Healing Technical Assistance Initiative",
        "kind": K.STATEMENT,
        "organization": "nlc",
        "published_on": datetime.date(2018, 2, 12),
        "summary": "NLC's Race, Equity and Leadership (REAL) initiative announced six "
        "cities for a 15-month program that gives city leaders the strategies they "
        "need to advance racial equity and racial healing in their communities.",
        "description": "The participating cities are Charlotte, N.C.; Long Beach, "
        "Calif.; Pittsburgh, Pa.; Rochester, N.Y.; St. Paul, Minn.; and Wichita, Kan. "
        "Each city meets with NLC for a cross-site convening, site visits and a "
        "mayors' leadership academy; city staff also have coaching calls and webinars "
        "with the REAL team throughout the initiative.\n\n"
        "The initiative helps city leaders identify the impacts of institutional racism "
        "in their communities' policies and practices and take action to address it. "
        "Each city receives tailored coaching to build relationships with communities "
        "most impacted by racial inequity, create structures that intentionally "
        "address structural racism and normalize the dialogue of governing for racial "
        "equity.\n\n"
        "The program is made possible with the support of the W.K. Kellogg Foundation "
        "and its Truth, Racial Healing and Transformation initiative.",
        "topics": [EQUITY, HEALING, "technical assistance", "cohorts"],
        "audience": ("elected", "staff"),
        "notes": "[TM1] A reviewer's comment was left in the published release after "
        "the paragraph on tailored coaching: “Does this mean anything?”\n"
        "The release lists Pittsburgh twice (seven lines for six cities).\n"
        "Dated February 12, 2018 in the release; the web page shows February 8, 2018.\n"
        "Press contact details in the release are not reproduced here.",
    },
    {
        "slug": "cal-cities-api-caucus-decry-anti-asian-violence-2021",
        "title": "League of California Cities and Asian Pacific Islander Caucus Decry "
        "Anti-Asian Violence",
        "kind": K.STATEMENT,
        "organization": "cal-cities",
        "published_on": datetime.date(2021, 3, 19),
        "summary": "In the wake of escalating anti-Asian incidents and attacks across "
        "the country, including the killing of eight people, mostly Asian women, in "
        "Atlanta, Georgia, the League of California Cities condemns these horrific "
        "acts.",
        "description": "A statement by Cal Cities President Cheryl Viegas Walker, mayor "
        "of El Centro, and Cal Cities Asian Pacific Islander Caucus President Sheng "
        "Thao, council president pro tem of Oakland. It calls the week's murders part "
        "of a long and dark history of anti-Asian violence that has intensified during "
        "the COVID-19 pandemic, thanks the leaders who have denounced it, and "
        "encourages anyone who has seen or been a victim of such attacks to report it "
        "to the Stop AAPI Hate Center.",
        "topics": ["anti-Asian hate", EQUITY, "statements"],
        "audience": ("elected", "staff", "partners"),
        "notes": "Source text began “n the wake of…”: the first letter was lost; "
        "corrected to “In the wake of…”.\n"
        "Contacts named in the release are not reproduced here.",
    },
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
        "summary": "Where to report anti-Asian hate incidents, as the Cal Cities "
        "statement of March 2021 encourages anyone who has seen or been a victim of "
        "such attacks to do.",
        "topics": ["anti-Asian hate"],
        "audience": ("partners",),
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


@transaction.atomic
def seed_library() -> int:
    """Create what is missing of the library's real content; return how many resources."""
    orgs = {}
    for data in ORGANIZATIONS:
        orgs[data["slug"]], _ = Organization.objects.get_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )
    created = 0
    resources = {}
    for data in RESOURCES:
        existing = Resource.objects.filter(slug=data["slug"]).first()
        if existing:
            resources[data["slug"]] = existing
            continue
        resource = Resource(
            slug=data["slug"],
            title=data["title"],
            kind=data["kind"],
            summary=data["summary"],
            description=data.get("description", ""),
            url=data.get("url", ""),
            organization=orgs[data["organization"]],
            subject_organization=orgs.get(data.get("subject", "")),
            published_on=data.get("published_on"),
            published_on_precision=data.get("precision", P.DAY),
            editorial_notes=data.get("notes", ""),
            state=Resource.State.PUBLISHED,
            **{AUDIENCE_FIELDS[a]: True for a in data.get("audience", ())},
        )
        resource_save(resource=resource, user=None)
        resource.tags.add(*data["topics"])
        resources[data["slug"]] = resource
        created += 1
    for left, right in RELATED:
        resources[left].related.add(resources[right])
    collection, _ = Collection.objects.get_or_create(
        slug=FOUNDATIONAL["slug"],
        defaults={k: v for k, v in FOUNDATIONAL.items() if k != "slug"}
        | {"featured": True},
    )
    for position, data in enumerate(RESOURCES):
        CollectionItem.objects.get_or_create(
            collection=collection,
            resource=resources[data["slug"]],
            defaults={"position": position},
        )
    featured = ["racial-equity-resolution", "advancing-racial-equity-an-introduction",
                "nlc-real", "gare"]  # fmt: skip
    if created:
        Resource.objects.filter(slug__in=featured).update(featured=True)
    return created


SYNTHETIC_TOPICS = [
    "budgeting", "housing", "policing", "public health", "workforce", "procurement",
    "community engagement", "data", "transportation", "youth", EQUITY, HEALING,
]  # fmt: skip
SYNTHETIC_WORDS = [
    "equity",
    "housing",
    "budget",
    "council",
    "community",
    "data",
    "youth",
    "policy",
    "plan",
    "health",
    "workforce",
    "transit",
    "engagement",
    "hiring",
    "procurement",
    "resolution",
    "toolkit",
    "assessment",
    "training",
]


def seed_synthetic_resources(count: int, *, batch_size: int = 2000) -> int:
    """Add up to count synthetic published resources (marked as such) for load tests."""
    existing = Resource.objects.filter(is_synthetic=True).count()
    missing = max(0, count - existing)
    if not missing:
        return 0
    rng = random.Random(existing)
    orgs = list(Organization.objects.all()) or [None]
    tags = [Tag.objects.get_or_create(name=name)[0] for name in SYNTHETIC_TOPICS]
    kinds = [k for k in Resource.Kind.values if k != Resource.Kind.ORGANIZATION]
    noon = datetime.time(12, tzinfo=datetime.UTC)
    for start in range(existing, existing + missing, batch_size):
        batch = []
        for n in range(start, min(start + batch_size, existing + missing)):
            words = rng.sample(SYNTHETIC_WORDS, 4)
            published_on = datetime.date(2015, 1, 1) + datetime.timedelta(
                days=rng.randrange(3650)
            )
            batch.append(
                Resource(
                    slug=f"synthetic-{n}",
                    title=f"[Synthetic] {' '.join(words).capitalize()} {n}",
                    summary=f"Synthetic demo resource about {', '.join(words)}.",
                    kind=rng.choice(kinds),
                    organization=rng.choice(orgs),
                    published_on=published_on,
                    # Dated as published then, so feeds and digests do not take
                    # the synthetic rows for news.
                    published_at=datetime.datetime.combine(published_on, noon),
                    state=Resource.State.PUBLISHED,
                    is_synthetic=True,
                    editorial_notes="Generated by seed_demo --resources.",
                    **{rng.choice(list(AUDIENCE_FIELDS.values())): True},
                )
            )
        bulk_insert(Resource, batch)
        bulk_insert(
            TaggedResource,
            (
                TaggedResource(content_object_id=resource.pk, tag=tag)
                for resource in batch
                for tag in rng.sample(tags, 2)
            ),
        )
    return missing


def seed_synthetic_collections(count: int, *, size: int = 25) -> int:
    """Make sure `count` synthetic collections exist, each with up to `size`
    synthetic resources of one topic; return how many collections were added."""
    added = 0
    for n in range(count):
        topic = SYNTHETIC_TOPICS[n % len(SYNTHETIC_TOPICS)]
        collection, created = Collection.objects.get_or_create(
            slug=f"synthetic-reading-list-{n + 1}",
            defaults={
                "title": f"[Synthetic] Reading list: {topic}",
                "description": f"[Synthetic] Generated demo collection of resources "
                f"on {topic}.",
            },
        )
        added += created
        if collection.items.exists():
            continue
        picked = (
            Resource.objects.filter(is_synthetic=True, tags__name=topic)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        CollectionItem.objects.bulk_create(
            CollectionItem(collection=collection, resource_id=pk, position=position)
            for position, pk in enumerate(picked)
        )
    return added
