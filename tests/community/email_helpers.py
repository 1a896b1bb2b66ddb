"""What the notification e-mail tests share: a reply whose e-mails go out at once."""

from community.discussions import services


def reply(run_tasks, thread, author, body="A reply", **kwargs):
    return run_tasks(
        services.post_create, thread=thread, author=author, body=body, **kwargs
    )
