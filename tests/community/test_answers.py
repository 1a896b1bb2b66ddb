"""Questions and accepted answers: the asker or a moderator marks one reply; the
thread and the board show it; nobody else can; a hidden answer stops being one."""

import re

import pytest

from community.discussions import answers, moderation, services
from community.models import Notification
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    return BoardFactory(slug="ask", name="Ask the community", kind="questions")


@pytest.fixture
def question(board, member):
    return make_thread(
        board=board, author=member, title="Where do you start?", body="Training?"
    )


@pytest.fixture
def reply(question, other_member):
    return services.post_create(
        thread=question, author=other_member, body="Start with **an assessment**."
    )


def page(client, thread) -> str:
    return client.get(f"{thread.get_absolute_url()}?page=1").content.decode()


def test_the_asker_marks_the_answer_and_everyone_sees_it(
    client, member_client, question, reply, other_member
):
    mine = page(member_client, question)
    assert mine.count("Mark as the answer") == 1  # the reply's, not the question's
    response = member_client.post(f"/community/p/{reply.pk}/answer/", follow=True)
    assert "Marked as the answer" in response.content.decode()
    question.refresh_from_db()
    assert question.answer == reply

    client.force_login(other_member)
    shown = page(client, question)
    box = re.search(r'<aside class="accepted-answer".*?</aside>', shown, re.S)[0]
    assert "Answered by James Carter" in box
    assert "Start with an assessment." in box
    assert f'href="/community/p/{reply.pk}/"' in box
    article = re.search(rf'<article class="post[^"]*" id="post-{reply.pk}"', shown)[0]
    assert "accepted" in article
    assert "Mark as the answer" not in shown  # not James's question
    assert Notification.objects.filter(
        recipient=other_member, kind="answer", post=reply
    ).exists()


def test_the_board_marks_answered_questions_and_filters_unanswered(
    client, other_member, member, question, reply, board
):
    open_question = make_thread(board=board, author=member, title="Who pays?")
    answers.answer_mark(post=reply, user=member)
    client.force_login(other_member)
    listing = client.get("/community/ask/").content.decode()
    rows = dict(
        re.findall(r'thread-title" href="[^"]+">([^<]+)</a>(.*?)</li>', listing, re.S)
    )
    assert "Answered" in rows["Where do you start?"]
    assert "Answered" not in rows[open_question.title]
    unanswered = client.get("/community/ask/?show=unanswered").content.decode()
    assert "Who pays?" in unanswered
    assert "Where do you start?" not in unanswered
    assert 'aria-current="page">Unanswered' in unanswered


def test_nobody_but_the_asker_or_a_moderator_marks_it(
    client, question, reply, moderator_user
):
    third = UserFactory(username="amara")
    client.force_login(third)
    response = client.post(f"/community/p/{reply.pk}/answer/")
    assert response.status_code == 403
    assert "Only the member who asked" in response.content.decode()
    question.refresh_from_db()
    assert question.answer is None
    client.force_login(moderator_user)
    client.post(f"/community/p/{reply.pk}/answer/")
    question.refresh_from_db()
    assert question.answer == reply
    client.post(f"/community/t/{question.pk}/answer/clear/")
    question.refresh_from_db()
    assert question.answer is None


@pytest.mark.parametrize("which", ["question", "discussion"])
def test_the_question_itself_or_a_discussion_has_no_answer(
    member_client, member, question, which
):
    if which == "question":
        post = question.posts.get()
        message = "not the question itself"
    else:
        thread = make_thread(board=BoardFactory(), author=member, body="Chat")
        services.post_create(thread=thread, author=member, body="More chat")
        post = thread.posts.last()
        message = "Only a thread on a question board"
    response = member_client.post(f"/community/p/{post.pk}/answer/", follow=True)
    assert message in response.content.decode()
    post.thread.refresh_from_db()
    assert post.thread.answer is None


def test_a_hidden_or_deleted_answer_stops_being_one(
    member, other_member, moderator_user, question, reply
):
    answers.answer_mark(post=reply, user=member)
    moderation.post_hide(post=reply, moderator=moderator_user, reason="Spam")
    question.refresh_from_db()
    assert question.answer is None
    second = services.post_create(thread=question, author=other_member, body="Again")
    answers.answer_mark(post=second, user=member)
    services.post_delete(post=second, user=other_member)
    question.refresh_from_db()
    assert question.answer is None
    with pytest.raises(Exception, match="hidden or deleted"):
        answers.answer_mark(post=reply, user=member)


@pytest.mark.versions_on_commit
@pytest.mark.django_db(transaction=True)
def test_the_kept_page_follows_the_mark(client, member, question, reply):
    """The thread's kept posts move when the answer does."""
    client.force_login(member)
    assert "Accepted answer" not in page(client, question)
    answers.answer_mark(post=reply, user=member)
    assert "Accepted answer" in page(client, question)
    answers.answer_unmark(thread=question, user=member)
    assert "Accepted answer" not in page(client, question)


def test_the_digest_lists_questions_without_an_accepted_answer(
    member, other_member, board, question, reply
):
    from datetime import timedelta

    from django.utils import timezone

    from community.notifications.digest import _unanswered_section

    def waiting() -> list[str]:
        now = timezone.now()
        since = now - timedelta(days=7)
        section = _unanswered_section(other_member, since, now, seen_threads=set())
        return [item.title for item in section.items]

    # James replied to the first question, so he has read it; not this one:
    other = make_thread(board=board, author=member, title="Who pays for it?")
    assert waiting() == ["Who pays for it?"]
    answer = services.post_create(
        thread=other, author=UserFactory(), body="The general fund."
    )
    assert waiting() == ["Who pays for it?"]  # a reply is not an answer
    answers.answer_mark(post=answer, user=member)
    assert waiting() == []
