"""core.links: a link reversed once gives what reverse() gives for every value."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.links import linker


@pytest.mark.parametrize("pk", [1, 42, 7391846205, 10**12])
def test_a_post_link_is_what_reverse_gives(pk):
    for name in ("community:post_react", "community:post_permalink"):
        assert linker(name)(pk) == reverse(name, args=[pk])


@pytest.mark.parametrize(
    "username", ["maria", "maria.lopez", "ana+bob@x", "josé", "a b", "50%"]
)
def test_a_username_is_quoted_as_reverse_quotes_it(username):
    profile = linker("community:profile_detail")
    assert profile(username) == reverse("community:profile_detail", args=[username])


def test_a_site_served_under_a_prefix_gets_links_under_it():
    try:
        set_script_prefix("/commons/")
        link = linker("community:post_react")(5)
    finally:
        set_script_prefix("/")
    assert link == "/commons/community/p/5/react/"
    assert linker("community:post_react")(5) == "/community/p/5/react/"


def test_a_pattern_without_exactly_one_argument_is_refused():
    with pytest.raises(NoReverseMatch):
        linker("community:post_moderate")
    with pytest.raises(NoReverseMatch):
        linker("community:board_list")
