"""Post text: Markdown rendered once, with @mentions turned into profile links."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from core.markdown import render_markdown
from core.people import active_users

MENTION = re.compile(r"(?<![\w@/.])@([A-Za-z0-9][A-Za-z0-9_-]{2,149})")
_TAG = re.compile(r"(<[^>]+>)")


def mentioned_handles(body: str) -> set[str]:
    return {handle.lower() for handle in MENTION.findall(body or "")}


def mentioned_users(body: str):
    handles = mentioned_handles(body)
    if not handles:
        return get_user_model().objects.none()
    return active_users().filter(username__in=handles)


def _link(match: re.Match, known: set[str]) -> str:
    handle = match.group(1).lower()
    if handle not in known:
        return match.group(0)
    url = reverse("community:profile_detail", args=[handle])
    return f'<a class="mention" href="{url}">@{match.group(1)}</a>'


def render_post(body: str) -> tuple[str, list]:
    """Return the sanitized HTML of a post and the members it mentions."""
    html = render_markdown(body)
    users = list(mentioned_users(body))
    known = {u.username for u in users}
    if not known:
        return html, users
    parts, out, skip = _TAG.split(html), [], 0
    for part in parts:
        if part.startswith("<"):
            name = part.strip("</> ").split()[0].lower() if part.strip("</> ") else ""
            if name in {"a", "code", "pre"}:
                skip += -1 if part.startswith("</") else 1
            out.append(part)
        elif skip > 0:
            out.append(part)
        else:
            out.append(MENTION.sub(lambda m: _link(m, known), part))
    return "".join(out), users
