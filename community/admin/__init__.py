"""The community's admin, one module per part (registered on import)."""

from community.admin import discussions, mail, members, moderation

__all__ = ["discussions", "mail", "members", "moderation"]
