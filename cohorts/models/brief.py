"""A plain-language summary: what a program or cohort is, in at most two short
sentences a resident could understand; in English, and in Spanish if a curator
gives it (shown as every curator's text in two languages: core/translated.py)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translated import spanish_char

MAX_SENTENCES = 2
MAX_WORDS = 50
TOO_LONG = _(
    "Keep it to two short sentences (at most %(words)d words) a resident "
    "could understand."
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def validate_brief(value: str) -> None:
    sentences = len(_SENTENCE_END.findall(value.strip())) or 1
    if sentences > MAX_SENTENCES or len(value.split()) > MAX_WORDS:
        raise ValidationError(TOO_LONG, params={"words": MAX_WORDS})


class InBrief(models.Model):
    in_brief = models.CharField(
        _("in brief"),
        max_length=400,
        validators=[validate_brief],
        help_text=_(
            "Shown first on the page: two plain sentences a resident could "
            "understand (what it is, and for whom)."
        ),
    )
    in_brief_es = spanish_char(
        _("in brief, in Spanish"), max_length=400, validators=[validate_brief]
    )

    class Meta:
        abstract = True
