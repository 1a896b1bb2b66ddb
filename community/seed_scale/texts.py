"""What synthetic threads and posts say: a few templates, each rendered once.

A template's Markdown goes through the site's own renderer
(community.discussions.markup) once, with stand-in words for the topic, the city
and a real member's handle; each post then gets its copy by replacing those words
in the source and in the HTML, so the stored HTML is exactly what rendering the
post itself would have produced.
"""

import random

from django.utils.html import escape

from community.discussions.markup import render_post

TITLES = [
    "How did your city approach {topic}?",
    "Lessons from our first year of {topic} work",
    "Looking for a template: {topic} and equity",
    "Council asked for {topic} numbers. Where do we start?",
    "What worked for {topic} in a small city",
    "Measuring outcomes, not outputs, in {topic}",
    "Who owns {topic} in your org chart?",
    "Bringing residents into {topic} decisions",
    "Budgeting for {topic}: what did it cost you?",
    "Pairing {topic} with a racial equity assessment",
]
OPENINGS = [
    "Has anyone tied their **racial equity action plan** to {topic}? In {city} we "
    "have goals, but no line items yet, and council asks what it will cost.",
    "We are starting a working group on {topic} in {city}. What would you put on "
    "the agenda of its first three meetings?\n\n- who is at the table\n- what data "
    "we already have\n- what residents have already told us",
    "Our {topic} team is drafting an equity assessment. Did anyone write their own "
    "questions, or adapt someone else's? We are stuck on *who fills it in*.",
    "Short question: how often does your council hear a progress report on {topic}? "
    "Ours is yearly, and it feels too slow to change anything.",
    "Sharing what {city} learned about {topic} this year, in case it helps:\n\n"
    "1. Start with the people most affected\n2. Publish the numbers, even when they "
    "are bad\n3. Budget for the follow-up, not only the kickoff",
    "> Equity is not a program, it is a practice.\n\nOur mayor said this at the "
    "kickoff. How do you keep {topic} work going after the first year?",
]
REPLIES = [
    "We did this last year. Three things helped:\n\n1. A short equity assessment "
    "attached to every budget request\n2. A standing item on the finance "
    "committee's agenda\n3. Quarterly numbers published on the city website\n\n"
    "Happy to share our template.",
    "Thanks, this is useful. We tried something similar for {topic}; the hardest "
    "part was getting data broken down by neighborhood.",
    "How did you choose the measures? Ours are mostly *outputs* (trainings held, "
    "staff reached) and we would like *outcomes*.",
    "Our engagement team started with listening sessions in the three "
    "neighborhoods with the lowest tree canopy. It took longer than planned, but "
    "residents now co-chair the advisory group.\n\nThe hardest part was paying "
    "residents for their time: the city attorney had to approve stipends.",
    "+1. Start small, publish what you learn, repeat.",
    "We tried that and it stalled when our lead left. Write the process down and "
    "give it a second owner.",
    "Could you share the template? A redacted version is fine.",
    "In {city} the council passed a resolution first, then funded a half-time "
    "position for {topic}. The resolution alone did not move much.",
    "Agree with the points above. One more: talk to the budget office early, not "
    "after the plan is written.",
    "Following this thread: we are about six months behind you on {topic}.",
]
MENTIONS = [
    "@{handle} that matches what we saw. Did your council ask about cost?",
    "Thanks @{handle}. Could you say more about who sat on the advisory group?",
    "+1 to @{handle}'s point. Start small, publish what you learn, repeat.",
    "@{handle} we would love to see your template too, if you can share it.",
]
_TOPIC, _CITY = "zqsynthtopiczq", "zqsynthcityzq"  # words Markdown leaves alone


class Template:
    def __init__(self, text: str, sample_handle: str):
        self.text, self.sample = text, sample_handle
        body = text.format(topic=_TOPIC, city=_CITY, handle=sample_handle)
        self.html, _mentioned = render_post(body)
        for word in (_TOPIC, _CITY, sample_handle):
            if body.count(word) and self.html.count(word) < body.count(word):
                raise RuntimeError(f"The renderer changed {word!r} in {text!r}")

    def fill(self, *, topic: str = "", city: str = "", handle: str = ""):
        """Return (body, body_html) for these words."""
        body = self.text.format(topic=topic, city=city, handle=handle)
        html = self.html.replace(_TOPIC, escape(topic)).replace(_CITY, escape(city))
        if handle:
            html = html.replace(self.sample, handle)
        return body, html


class Texts:
    """The templates, rendered once; `sample_handle` must be an active member's."""

    def __init__(self, sample_handle: str):
        self.openings = [Template(t, sample_handle) for t in OPENINGS]
        self.replies = [Template(t, sample_handle) for t in REPLIES]
        self.mentions = [Template(t, sample_handle) for t in MENTIONS]

    @staticmethod
    def title(rng: random.Random, topic: str) -> str:
        title = rng.choice(TITLES).format(topic=topic)
        return title[:1].upper() + title[1:]
