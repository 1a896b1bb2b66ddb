"""The two press statements of the source documents, in full, as published.

Verbatim but for what the editorial notes list: an evident slip corrected (a lost
first letter, a lost period, a city listed twice), a reviewer's comment left out,
and the press contacts' names, phone numbers and e-mail addresses left out
(personal contact data is shown only where its owner chose to show it).
"""

import datetime

from resources.models import Resource

K = Resource.Kind


def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


NLC_RELEASE_TEXT = _text(
    "WASHINGTON — February 12, 2018 — Today the National League of Cities (NLC) "
    "Race, Equity and Leadership (REAL) initiative announced six cities that will "
    "participate in its Cities for Racial Equity and Racial Healing Technical "
    "Assistance Initiative. The 15-month program will provide city leaders with the "
    "strategies they need to advance racial equity and racial healing in their "
    "communities.",
    "Beginning in early February, each city will meet with NLC three times for a "
    "cross-site convening, site visits and a mayor’s leadership academy. In "
    "addition to in-person meetings, city staff will have access to REAL team "
    "members on coaching calls and webinars throughout the initiative.",
    "The six cities participating in the program include:",
    "- Charlotte, N.C.\n- Long Beach, Calif.\n- Pittsburgh, Penn.\n"
    "- Rochester, N.Y.\n- St. Paul, Minn.\n- Wichita, Kan.",
    "“City leaders have the capacity to create lasting change in their communities "
    "by advancing racial equity,” said Clarence E. Anthony, CEO and executive "
    "director of the National League of Cities (NLC). “The National League of "
    "Cities is proud to work on the ground with these six cities and help them take "
    "action to address institutional and structural racism.”",
    "The technical assistance initiative will help city leaders identify the "
    "impacts of institutional racism within their community’s policies and "
    "practices, and take action to address it. Each city will receive tailored "
    "coaching to build relationships with communities most impacted by racial "
    "inequity, create structures that intentionally address structural racism and "
    "normalize the dialogue of governing for racial equity.",
    "“Launching the National Municipal Learning Community for Truth, Racial Healing "
    "and Transformation last fall was an important step in identifying cities that "
    "are well-positioned to make progress,” said Leon Andrews, director of the "
    "National League of Cities (NLC) Race, Equity Leadership Initiative. “We look "
    "forward to working alongside these six cities as they take meaningful steps to "
    "advance racial healing and address institutional and structural racism in "
    "their local governments.”",
    "Cities will explore various models for engaging both the community and city "
    "staff through dialogues, trainings and other activities with the end goal of "
    "understanding and facilitating racial healing and reconciliation.",
    "This program is made possible with the generous support of the W. K. Kellogg "
    "Foundation and its Truth, Racial Healing and Transformation initiative.",
    "**About the W. K. Kellogg Foundation:**",
    "The W.K. Kellogg Foundation (WKKF), founded in 1930 as an independent, private "
    "foundation by breakfast cereal pioneer Will Keith Kellogg, is among the largest "
    "philanthropic foundations in the United States. Guided by the belief that all "
    "children should have an equal opportunity to thrive, WKKF works with "
    "communities to create conditions for vulnerable children so they can realize "
    "their full potential in school, work and life. For more information, visit "
    "www.wkkf.org",
    "\\#\\#\\#",  # the release's end mark, not a heading
    "The National League of Cities (NLC) is the voice of America’s cities, towns and "
    "villages, representing more than 200 million people across the country. NLC "
    "works to strengthen local leadership, influence federal policy and drive "
    "innovative solutions. Stay connected with NLC on Facebook, Twitter, LinkedIn "
    "and Instagram.",
)

CAL_CITIES_STATEMENT_TEXT = _text(
    "*By Karina Gonzalez, Mar 19, 2021*",
    "FOR IMMEDIATE RELEASE",
    "Sacramento – In the wake of escalating anti-Asian incidents and attacks across "
    "the country, including the brutal killing of eight people, mostly Asian women, "
    "this week in Atlanta, Georgia, the League of California Cities condemns these "
    "horrific acts. In response, Cal Cities President Cheryl Viegas Walker, mayor, "
    "El Centro, and Cal Cities Asian Pacific Islander Caucus (API) President Sheng "
    "Thao, council president pro tem, Oakland, issued the following statement:",
    "“The League of California Cities is deeply saddened and equally outraged at "
    "yet another despicable display of bigotry and hate in our country. Our hearts "
    "go out to the victims’ families, their communities, and all those across the "
    "country who are reeling from the onslaught of violence directed against Asians "
    "and Asian Americans during the pandemic.",
    "“The League of California Cities stands in solidarity with our API Caucus and "
    "all our Asian brothers and sisters who have been the targets of hate, racism, "
    "and violence during a year when the pandemic has already caused so much pain "
    "and suffering. The dual pandemic of racism is more than any community should "
    "be forced to bear, and just as our communities have worked together to stop "
    "the spread of the coronavirus, we must band together to stop the spread of "
    "hate.",
    "“This week’s murders cannot be viewed in isolation but as part of a long and "
    "dark history of anti-Asian violence that has intensified during the COVID-19 "
    "pandemic and been enflamed by racist rhetoric. Right here in California, Asian "
    "Americans have been subjected to these acts of bigotry in the past months. A "
    "91-year-old man was shoved to the ground in Oakland, a 51-year-old teacher’s "
    "aide was beaten with his own cane in Rosemead, for months an immigrant family "
    "has been harassed in Orange County, and in another hurtful incident, a school "
    "teacher made slant-eyed gestures during a Zoom class with students in "
    "Sacramento.",
    "“To the local, state, and national leaders who have stepped up to denounce "
    "this rising racist tide, thank you. It is only through our collective voices "
    "and actions that we will root out hate and xenophobia. We stand united in "
    "support of the voices of inclusion and firmly against the voices inciting "
    "hate.",
    "“We encourage anyone who has either seen or been a victim of these senseless "
    "attacks to please report it to the Stop AAPI Hate Center.”",
    "Established in 1898, the League of California Cities is a nonprofit statewide "
    "association that advocates for cities with the state and federal governments "
    "and provides education and training services to elected and appointed city "
    "officials.",
)

NLC_RELEASE = {
    "slug": "nlc-selects-six-cities-racial-equity-racial-healing-2018",
    "title": "National League of Cities Selects Six Cities for the Cities for Racial "
    "Equity and Racial Healing Technical Assistance Initiative",
    "kind": K.STATEMENT,
    "organization": "nlc",
    "published_on": datetime.date(2018, 2, 12),
    # The list as the site names the cities (Saint Paul is the release's St. Paul),
    # so the library finds the release under either name.
    "summary": "The National League of Cities' Race, Equity and Leadership (REAL) "
    "initiative announced the six cities of its 15-month Cities for Racial Equity "
    "and Racial Healing Technical Assistance Initiative: Charlotte, Long Beach, "
    "Pittsburgh, Rochester, Saint Paul and Wichita.",
    "description": NLC_RELEASE_TEXT,
    "topics": ["racial equity", "racial healing", "technical assistance", "cohorts"],
    "audience": ("elected", "staff"),
    "notes": "[TM1] A reviewer's comment was left in the published release after "
    "the paragraph on tailored coaching: “Does this mean anything?” Left out of "
    "the text here.\n"
    "The release lists Pittsburgh twice (seven lines for “six cities”): listed "
    "once here.\n"
    "“Charlotte, N.C” lost its last period in the release: corrected.\n"
    "Dated February 12, 2018 in the release; the web page shows February 8, 2018.\n"
    "Press contact: the release names a person with a phone number and an e-mail "
    "address; not reproduced here (see the source document).",
}

CAL_CITIES_STATEMENT = {
    "slug": "cal-cities-api-caucus-decry-anti-asian-violence-2021",
    "title": "League of California Cities and Asian Pacific Islander Caucus Decry "
    "Anti-Asian Violence",
    "kind": K.STATEMENT,
    "organization": "cal-cities",
    "published_on": datetime.date(2021, 3, 19),
    "summary": "In the wake of escalating anti-Asian incidents and attacks across "
    "the country, including the brutal killing of eight people, mostly Asian women, "
    "this week in Atlanta, Georgia, the League of California Cities condemns these "
    "horrific acts.",
    "description": CAL_CITIES_STATEMENT_TEXT,
    "topics": ["anti-Asian hate", "racial equity", "statements"],
    "audience": ("elected", "staff", "partners"),
    "notes": "Source text began “n the wake of…”: the first letter was lost; "
    "corrected to “In the wake of…”.\n"
    "The page dates it “Mar 19, 2021, 00:00”: the time is the site's default, "
    "left out.\n"
    "Contacts: the release names a Cal Cities contact and an API Caucus contact, "
    "each with a phone number and an e-mail address; not reproduced here (see the "
    "source document).",
}
