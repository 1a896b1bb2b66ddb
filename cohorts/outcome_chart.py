"""The dashboard's chart, drawn on the server as SVG: per city, three horizontal
bars on one scale from 0 to 100% (plan items done, milestones reached, sessions
attended), each under a label that says its numbers, so neither colour nor the
bars' patterns are needed to read it (templates/cohorts/_outcome_chart.html)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cohorts.dashboard import CityOutcomes, Dashboard

CITY_ROW = 22  # the city's name
LABEL_ROW = 16  # a bar's label, above it
BAR_HEIGHT = 10
BAR_GAP = 5
GROUP_GAP = 12
MEASURE_ROW = LABEL_ROW + BAR_HEIGHT + BAR_GAP
MEASURES = ("plan", "milestones", "sessions")
GROUP_HEIGHT = CITY_ROW + len(MEASURES) * MEASURE_ROW + GROUP_GAP


@dataclass(frozen=True)
class Bar:
    measure: str  # a CSS class and the bar's pattern: plan, milestones, sessions
    label: str
    width: str  # an SVG length: a percentage of the chart's width
    label_y: int  # the label's baseline
    y: int  # the bar's top


@dataclass(frozen=True)
class Group:
    name: str
    y: int  # the name's baseline
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    groups: list[Group]
    height: int
    bar_height: int = BAR_HEIGHT


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _labels(city: CityOutcomes, kinds: int) -> list[tuple[str, int]]:
    """Each measure's label and percentage."""
    numbers = {
        "done": city.items_done,
        "total": city.items_total,
        "reached": len(city.milestones),
        "kinds": kinds,
        "attended": city.sessions_attended,
        "held": city.sessions_held,
    }
    plan = _percent(city.items_done, city.items_total)
    milestones = _percent(len(city.milestones), kinds)
    sessions = _percent(city.sessions_attended, city.sessions_held)
    return [
        (
            _("Plan items done: %(done)d of %(total)d (%(percent)d%%)")
            % (numbers | {"percent": plan})
            if city.items_total
            else _("Plan items done: no plan items yet"),
            plan,
        ),
        (
            _("Milestones reached: %(reached)d of %(kinds)d") % numbers
            if kinds
            else _("Milestones reached: none defined yet"),
            milestones,
        ),
        (
            _("Sessions attended: %(attended)d of %(held)d (%(percent)d%%)")
            % (numbers | {"percent": sessions})
            if city.sessions_held
            else _("Sessions attended: no session held yet"),
            sessions,
        ),
    ]


def outcome_chart(dashboard: Dashboard) -> Chart:
    kinds = len(dashboard.kinds)
    groups = []
    for n, city in enumerate(dashboard.cities):
        top = n * GROUP_HEIGHT
        bars = []
        for m, (measure, (label, percent)) in enumerate(
            zip(MEASURES, _labels(city, kinds), strict=True)
        ):
            row = top + CITY_ROW + m * MEASURE_ROW
            bars.append(
                Bar(
                    measure=measure,
                    label=label,
                    width=f"{percent}%",
                    label_y=row + LABEL_ROW - 4,
                    y=row + LABEL_ROW,
                )
            )
        groups.append(Group(name=str(city.city), y=top + CITY_ROW - 6, bars=bars))
    return Chart(groups=groups, height=max(len(groups) * GROUP_HEIGHT - GROUP_GAP, 1))
