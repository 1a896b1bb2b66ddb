"""A cohort's private board, opened when the cohort is created (cohorts may not
import community: community/apps.py listens to cohorts.signals.cohort_created)."""

from django.utils.translation import gettext_lazy as _

from community.models import Board
from resources.services import unique_slug


def cohort_board_open(*, cohort) -> Board:
    """The cohort's private board, opened once, when the cohort is created."""
    board = Board.objects.filter(cohort=cohort).first()
    if board:
        return board
    board = Board(
        cohort=cohort,
        visibility=Board.Visibility.COHORT,
        name=f"{cohort.name}: {cohort.program.label}"[:100],
        slug=unique_slug(Board, f"{cohort.program.slug} {cohort.slug}", max_length=60),
        description=_(
            "The private board of the %(cohort)s: only its participants, coaches "
            "and program staff read it."
        )
        % {"cohort": cohort.name},
        position=100,
    )
    board.full_clean()
    board.save()
    return board
