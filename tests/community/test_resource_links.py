"""The new-thread form's library resources: links, slugs or exact titles, one a line."""

import json

import pytest
from django import forms

from community.discussions.forms import (
    AMBIGUOUS_RESOURCE,
    MAX_RESOURCES,
    TOO_MANY_RESOURCES,
    UNKNOWN_RESOURCE,
    ResourceLinksField,
    ThreadForm,
)
from community.models import Board, Thread
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolution():
    return ResourceFactory(
        slug="racial-equity-resolution", title="Racial Equity Resolution"
    )


def clean(value: str) -> list:
    return ResourceLinksField(required=False).clean(value)


def errors_of(value: str) -> list[str]:
    with pytest.raises(forms.ValidationError) as caught:
        clean(value)
    return caught.value.messages


@pytest.mark.parametrize(
    "line",
    [
        "Racial Equity Resolution",
        "racial equity resolution",
        "RACIAL EQUITY RESOLUTION",
        "  Racial   Equity  Resolution ",
    ],
)
def test_a_title_typed_exactly_in_any_case_is_the_resource(resolution, line):
    assert clean(line) == [resolution]


@pytest.mark.parametrize(
    "line",
    [
        "https://commons.example.org/resources/racial-equity-resolution/",
        "http://testserver/resources/racial-equity-resolution",
        "/resources/racial-equity-resolution/",
        "/resources/racial-equity-resolution/?from=search#summary",
        "racial-equity-resolution",
    ],
)
def test_a_link_or_a_slug_is_the_resource(resolution, line):
    assert clean(line) == [resolution]


def test_an_unknown_title_of_several_words_is_one_error_naming_the_line(resolution):
    assert errors_of("Racial equity toolkit") == [
        UNKNOWN_RESOURCE % {"value": "Racial equity toolkit"}
    ]


def test_each_bad_line_is_one_error_and_good_lines_give_none(resolution):
    value = "Racial Equity Resolution\nRacial equity toolkit\nhttps://evil.example/x"
    assert errors_of(value) == [
        UNKNOWN_RESOURCE % {"value": "Racial equity toolkit"},
        UNKNOWN_RESOURCE % {"value": "https://evil.example/x"},
    ]


@pytest.mark.parametrize("state", ["suggested", "draft", "review", "archived"])
@pytest.mark.parametrize(
    "line", ["Draft Toolkit", "draft-toolkit", "/resources/draft-toolkit/"]
)
def test_an_unpublished_resource_is_refused(state, line):
    ResourceFactory(slug="draft-toolkit", title="Draft Toolkit", state=state)
    assert errors_of(line) == [UNKNOWN_RESOURCE % {"value": line}]


def test_a_title_several_resources_share_asks_for_the_link():
    ResourceFactory(slug="budget-guide-2020", title="Budget Guide")
    ResourceFactory(slug="budget-guide-2024", title="Budget guide")
    assert errors_of("budget guide") == [AMBIGUOUS_RESOURCE % {"value": "budget guide"}]
    assert [r.slug for r in clean("budget-guide-2024")] == ["budget-guide-2024"]


def test_one_resource_named_three_ways_is_shared_once(resolution):
    value = (
        "/resources/racial-equity-resolution/\n"
        "Racial Equity Resolution\n"
        "racial-equity-resolution\n"
        "/resources/racial-equity-resolution/\n"
    )
    assert clean(value) == [resolution]


def test_up_to_five_resources_are_shared_in_the_order_given():
    resources = ResourceFactory.create_batch(MAX_RESOURCES + 1)
    lines = [r.title for r in resources]
    assert clean("\n".join(lines[:MAX_RESOURCES])) == resources[:MAX_RESOURCES]
    assert errors_of("\n".join(lines)) == [
        TOO_MANY_RESOURCES % {"limit": MAX_RESOURCES}
    ]


def test_empty_lines_and_no_lines_share_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert clean("") == []
        assert clean("\n  \n\r\n") == []


@pytest.mark.parametrize("size", [1, MAX_RESOURCES])
def test_slugs_links_and_titles_are_looked_up_in_one_query(
    django_assert_num_queries, size
):
    resources = ResourceFactory.create_batch(size)
    ways = [
        lambda r: r.title.lower(),
        lambda r: r.slug,
        lambda r: f"https://commons.example.org{r.get_absolute_url()}",
    ]
    lines = [ways[n % len(ways)](r) for n, r in enumerate(resources)]
    with django_assert_num_queries(1):
        assert clean("\n".join(lines)) == resources


def test_a_thread_shares_a_resource_given_by_its_title(
    member_client, board, resolution
):
    member_client.post(
        "/community/ask/new/",
        {
            "title": "Used it?",
            "body": "Tell me.",
            "resources": "racial equity resolution",
        },
    )
    thread = Thread.objects.get()
    assert list(thread.resources.all()) == [resolution]


def test_an_unknown_title_on_the_form_is_one_error_and_keeps_what_was_typed(
    member_client, board, resolution
):
    data = {"title": "Toolkits", "body": "Which?", "resources": "Racial equity toolkit"}
    response = member_client.post("/community/ask/new/", data)
    form = response.context["form"]
    assert form.errors["resources"] == [
        UNKNOWN_RESOURCE % {"value": "Racial equity toolkit"}
    ]
    assert form["resources"].value() == "Racial equity toolkit"
    assert form["title"].value() == "Toolkits"
    assert not Thread.objects.exists()


def test_the_picker_is_told_the_titles_of_linked_resources(resolution):
    boards = Board.objects.all()
    link = "/resources/racial-equity-resolution/"
    bound = ThreadForm({"title": "T", "body": "B", "resources": link}, boards=boards)
    bound.is_valid()
    unbound = ThreadForm(initial={"resources": link}, boards=boards)
    for form in (bound, unbound):
        attrs = form.fields["resources"].widget.attrs
        assert json.loads(attrs["data-titles"]) == {
            "racial-equity-resolution": "Racial Equity Resolution"
        }
    assert (
        "data-titles" not in ThreadForm(boards=boards).fields["resources"].widget.attrs
    )
