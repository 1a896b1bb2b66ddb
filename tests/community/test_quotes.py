"""Quotes: the quoted text as it was, rendered, naming and linking the original;
a part of a post; refused when the post is hidden, elsewhere or misquoted.
Excerpts show text, never Markdown."""

import re

import pytest
from django.core import mail
from django.utils import translation

from community.discussions import moderation, services
from community.members.account import account_anonymize
from community.models import Notification, Post
from tests.community.email_helpers import reply
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

ORIGINAL = """**Tree canopy** gaps by neighborhood.

- first item
- second item

See [the resolution](https://example.org/resolution)."""


@pytest.fixture
def thread(board, other_member):
    return make_thread(board=board, author=other_member, body=ORIGINAL)


def quoting(post, text):
    return f"[quote=post:{post.pk}]\n{text}\n[/quote]\n\nMy answer."


def post_reply(client, thread, body, **data):
    return client.post(f"/community/t/{thread.pk}/reply/", {"body": body, **data})


def thread_page(client, thread) -> str:
    return client.get(f"{thread.get_absolute_url()}?page=1").content.decode()


def test_the_quote_link_opens_the_form_with_the_whole_post_quoted(
    member_client, thread
):
    first = thread.posts.get()
    page = member_client.get(f"{thread.get_absolute_url()}?page=1&quote={first.pk}")
    form = page.content.decode().split('id="reply"')[1]
    assert f"[quote=post:{first.pk}]\n**Tree canopy** gaps" in form
    assert "[/quote]" in form
    assert f'name="reply_to" value="{first.pk}"' in form


def test_a_quote_is_shown_rendered_with_its_author_and_a_link(member_client, thread):
    first = thread.posts.get()
    response = post_reply(member_client, thread, quoting(first, ORIGINAL))
    assert response.status_code == 302
    page = thread_page(member_client, thread)
    quote = re.search(r'<blockquote class="quote".*?</blockquote>', page, re.S)[0]
    assert f'<a href="/community/p/{first.pk}/">James Carter wrote:</a>' in quote
    assert "<strong>Tree canopy</strong>" in quote
    assert "<li>first item</li>" in quote
    assert "**" not in quote


def test_a_quote_stays_as_it_was_when_the_original_is_edited(
    member_client, thread, other_member
):
    first = thread.posts.get()
    post_reply(member_client, thread, quoting(first, "Tree canopy gaps"))
    services.post_edit(post=first, editor=other_member, body="Rewritten entirely.")
    page = thread_page(member_client, thread)
    assert "Rewritten entirely." in page
    assert re.search(r'<blockquote class="quote".*?Tree canopy gaps', page, re.S)


def test_a_member_quotes_just_a_part(member_client, thread):
    first = thread.posts.get()
    post_reply(member_client, thread, quoting(first, "gaps by neighborhood"))
    reply_post = thread.posts.get(body__endswith="My answer.")
    assert "<p>gaps by neighborhood</p>" in reply_post.body_html
    assert "second item" not in reply_post.body_html


def test_quoting_an_earlier_version_of_an_edited_post_is_allowed(
    member, thread, other_member
):
    first = thread.posts.get()
    services.post_edit(post=first, editor=other_member, body="Rewritten entirely.")
    post = services.post_create(
        thread=thread, author=member, body=quoting(first, "second item")
    )
    assert "second item" in post.body_html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[quote=post:{pk}]\nwords never written\n[/quote]", "is not in the post"),
        ("[quote=post:{pk}]\nTree canopy", "A quote is not closed"),
        ("[quote=post:{pk}]\n\n[/quote]\nHi", "A quote is empty"),
        ("[quote=post:{pk}]\n[quote=post:{pk}]\nx\n[/quote]\n[/quote]", "another"),
        ("[quote=post:99999999]\nTree canopy\n[/quote]", "not there"),
    ],
)
def test_a_bad_quote_is_refused_with_the_text_kept(
    member_client, thread, body, message
):
    first = thread.posts.get()
    body = body.format(pk=first.pk)
    response = post_reply(member_client, thread, body)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert body.splitlines()[1] in page  # the member's text, kept in the form
    assert thread.posts.count() == 1


def test_a_hidden_or_deleted_post_cannot_be_quoted(
    member, other_member, moderator_user, thread
):
    first = thread.posts.get()
    gone = services.post_create(thread=thread, author=other_member, body="Soon gone")
    services.post_delete(post=gone, user=other_member)
    moderation.post_hide(post=first, moderator=moderator_user, reason="Spam")
    for post, text in [(first, "Tree canopy"), (gone, "Soon gone")]:
        with pytest.raises(Exception, match="hidden or deleted"):
            services.post_create(thread=thread, author=member, body=quoting(post, text))
    assert thread.posts.count() == 2


def test_a_members_post_is_not_quoted_where_guests_read(member, other_member):
    members_board = BoardFactory(visibility="members")
    public_board = BoardFactory(visibility="public")
    private = make_thread(board=members_board, author=other_member, body="Inside")
    public = make_thread(board=public_board, author=member, body="Outside")
    inside = private.posts.get()
    with pytest.raises(Exception, match="not everyone here may read"):
        services.post_create(
            thread=public, author=member, body=quoting(inside, "Inside")
        )
    # The other way round, and between members' boards, is fine.
    outside = public.posts.get()
    services.post_create(
        thread=private, author=member, body=quoting(outside, "Outside")
    )
    elsewhere = make_thread(board=BoardFactory(visibility="members"), author=member)
    services.post_create(
        thread=elsewhere, author=member, body=quoting(inside, "Inside")
    )


def test_a_post_the_writer_cannot_read_is_not_quoted(member, other_member):
    cohort_board = BoardFactory(visibility="cohort")
    secret = make_thread(board=cohort_board, author=other_member, body="Our plan")
    mine = make_thread(board=BoardFactory(visibility="cohort"), author=member)
    with pytest.raises(Exception, match="not there, or that you cannot read"):
        services.post_create(
            thread=mine, author=member, body=quoting(secret.posts.get(), "Our plan")
        )


def test_mentions_inside_a_quote_notify_no_one_again(member, other_member, board):
    third = UserFactory(username="amara")
    thread = make_thread(board=board, author=third, body="Ask @james about it")
    first = thread.posts.get()
    services.post_create(
        thread=thread, author=member, body=quoting(first, "Ask @james about it")
    )
    # The first post's mention only.
    assert (
        Notification.objects.filter(recipient=other_member, kind="mention").count() == 1
    )


def test_a_closed_account_is_no_longer_named_in_quotes(member, other_member, thread):
    first = thread.posts.get()
    post = services.post_create(
        thread=thread, author=member, body=quoting(first, "Tree canopy")
    )
    assert "James Carter wrote:" in post.body_html
    account_anonymize(user=other_member)
    post.refresh_from_db()
    assert "James Carter" not in post.body_html
    assert "James Carter" not in post.body_text
    assert f"former-member-{other_member.pk} wrote:" in post.body_html


def test_excerpts_show_text_never_markdown(
    client, member, other_member, thread, run_tasks
):
    post = reply(run_tasks, thread, member, "@james the **second** item, see _this_")
    assert post.body_text == "@james the second item, see this"
    client.force_login(other_member)
    profile = client.get(f"/community/members/{member.username}/").content.decode()
    assert "the second item, see this" in profile
    assert "**" not in profile
    assert "**" not in mail.outbox[-1].body
    assert "the second item, see this" in mail.outbox[-1].body
    found = client.get("/search/", {"q": "second item"}).content.decode()
    assert "**" not in found
    assert Post.objects.filter(body_text__contains="Tree canopy gaps").exists()


def test_a_quoted_post_hidden_later_leaves_the_quote_without_its_words(
    member, thread, moderator_user
):
    first = thread.posts.get()
    post = services.post_create(
        thread=thread, author=member, body=quoting(first, "Tree canopy")
    )
    moderation.post_hide(post=first, moderator=moderator_user, reason="Spam")
    post.refresh_from_db()
    assert "Tree canopy" not in post.body_html
    assert "Tree canopy" not in post.body_text
    assert "its words are not shown" in post.body_html
    assert "James Carter wrote:" in post.body_html  # still says whose
    moderation.post_restore(post=first, moderator=moderator_user)
    post.refresh_from_db()
    assert "Tree canopy" in post.body_html


def test_a_quote_is_headed_in_each_readers_language(member_client, thread, member):
    """Stored once in the site's language, shown in the reader's: a Spanish
    reader never sees "wrote:", an English one never "escribió"."""
    quoted = thread.posts.get()
    with translation.override("es"):  # a Spanish-speaking member writes
        reply = services.post_create(
            thread=thread,
            author=member,
            body=quoting(quoted, "**Tree canopy** gaps by neighborhood."),
        )
    assert " wrote:</a>" in reply.body_html
    url = thread.get_absolute_url()
    english = member_client.get(url).text
    spanish = member_client.get(url, headers={"accept-language": "es"})
    assert " wrote:</a>" in english
    assert "escribió" not in english
    assert " escribió:</a>" in spanish.text
    assert " wrote:" not in spanish.text
