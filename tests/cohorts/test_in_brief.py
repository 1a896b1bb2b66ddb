"""Every program and cohort page opens with two plain sentences a resident could
understand, in the reader's language when a Spanish one is given."""

import re

import pytest
from django.core.exceptions import ValidationError

from cohorts.models import Cohort, Program
from cohorts.models.brief import validate_brief

pytestmark = pytest.mark.django_db


def _first_paragraph_after_h1(html: str) -> str:
    after = html.split("</h1>", 1)[1]
    match = re.match(r'\s*<p class="in-brief"([^>]*)>(.*?)</p>', after, re.S)
    assert match, "the page does not open with its summary"
    return match.group(1), match.group(2)


@pytest.fixture
def seeded(db):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)


def test_every_seeded_program_and_cohort_opens_with_its_plain_summary(client, seeded):
    pages = [p.get_absolute_url() for p in Program.objects.all()]
    pages += [c.get_absolute_url() for c in Cohort.objects.all()]
    assert len(pages) >= 3
    for url in pages:
        attrs, text = _first_paragraph_after_h1(client.get(url).text)
        assert attrs.strip() == 'data-testid="in-brief"', url
        assert 1 <= len(re.findall(r"[.!?](?=\s|$)", text)) <= 2, url
        assert max(len(s.split()) for s in re.split(r"[.!?]\s", text)) <= 30, url


def test_a_spanish_reader_gets_the_spanish_summary(client, seeded):
    program = Program.objects.get()
    attrs, text = _first_paragraph_after_h1(
        client.get(program.get_absolute_url(), headers={"accept-language": "es"}).text
    )
    assert text == program.in_brief_es
    assert 'lang="en"' not in attrs


def test_without_a_spanish_summary_the_english_shows_marked_as_english(client, seeded):
    program = Program.objects.get()
    Program.objects.filter(pk=program.pk).update(in_brief_es="")
    attrs, text = _first_paragraph_after_h1(
        client.get(program.get_absolute_url(), headers={"accept-language": "es"}).text
    )
    assert text == program.in_brief
    assert 'lang="en"' in attrs


@pytest.mark.parametrize(
    "text",
    [
        "One. Two. Three.",
        " ".join(["word"] * 51) + ".",
    ],
)
def test_a_summary_longer_than_two_short_sentences_is_refused(text):
    with pytest.raises(ValidationError):
        validate_brief(text)
