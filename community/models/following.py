from django.conf import settings
from django.db import models


class ThreadFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        "community.Thread", on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"], name="follow_thread_once"
            )
        ]

    def __str__(self):
        return f"{self.user} follows {self.thread}"


class BoardFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    board = models.ForeignKey(
        "community.Board", on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "board"], name="follow_board_once")
        ]

    def __str__(self):
        return f"{self.user} follows {self.board}"


class ReadState(models.Model):
    """The newest post of a thread this member has seen."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        "community.Thread", on_delete=models.CASCADE, related_name="read_states"
    )
    last_read_post_id = models.BigIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="read_state_once")
        ]

    def __str__(self):
        return f"{self.user} read {self.thread} to {self.last_read_post_id}"
