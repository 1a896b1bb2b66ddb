"""Illustrative action plans, one per city and each its own: the release names no
city's plan, so every item says on the page that it is an example."""

from cohorts.models import ActionPlanItem, Cohort, ParticipatingCity
from cohorts.services import months_after

ILLUSTRATIVE_ITEM = "Illustrative example, not the city's actual plan."

S = ActionPlanItem.Status

# (title, owner, status, months after the cohort's start it is due)
PLANS_2018 = {
    "Charlotte": [
        ("Draft a racial equity resolution for council", "Mayor's office", S.DONE, 4),
        ("Train department heads to apply a racial equity lens to budget requests",
         "Budget office", S.IN_PROGRESS, 9),
        ("Hold community dialogues in the neighborhoods most impacted by racial "
         "inequity", "Community relations", S.NOT_STARTED, 13),
    ],
    "Long Beach": [
        ("Map where hiring and promotion practices reproduce institutional racism",
         "Human resources", S.DONE, 5),
        ("Form a staff racial equity team with members from every department",
         "City manager's office", S.IN_PROGRESS, 8),
        ("Co-host listening sessions with community organizations",
         "Equity office", S.IN_PROGRESS, 11),
        ("Normalize the dialogue of governing for racial equity in staff meetings",
         "Department heads", S.NOT_STARTED, 14),
    ],
    "Pittsburgh": [
        ("Review two city policies with a racial equity tool", "Equity team",
         S.IN_PROGRESS, 7),
        ("Build relationships with community partners in the most impacted "
         "neighborhoods", "Mayor's office", S.NOT_STARTED, 10),
        ("Report to council on what the policy reviews found", "Equity team",
         S.NOT_STARTED, 14),
    ],
    "Rochester": [
        ("Form a cross-department team to lead the city's racial equity work",
         "City manager's office", S.DONE, 3),
        ("Run racial healing dialogues between residents and city staff",
         "Neighborhood services", S.IN_PROGRESS, 9),
        ("Set racial equity goals for the city's contracting", "Procurement",
         S.NOT_STARTED, 14),
    ],
    "Saint Paul": [
        ("Train city staff in a shared language for racial equity",
         "Human resources", S.DONE, 4),
        ("Apply a racial equity lens to one capital budget decision",
         "Budget office", S.IN_PROGRESS, 10),
        ("Plan a community conversation on racial healing with the mayor",
         "Mayor's office", S.NOT_STARTED, 13),
    ],
    "Wichita": [
        ("Hold a council study session on a racial equity resolution", "Council",
         S.DONE, 3),
        ("Assess which city services residents of color find hardest to reach",
         "City manager's office", S.IN_PROGRESS, 8),
        ("Create a structure that intentionally addresses structural racism",
         "City manager's office", S.NOT_STARTED, 13),
    ],
}  # fmt: skip


def plans_ensure(cohort: Cohort, plans: dict, *, note: str) -> None:
    """Give each city of the cohort that has no plan yet its own plan."""
    for city in ParticipatingCity.objects.filter(
        cohort=cohort, plan_items=None
    ).select_related("city"):
        items = plans.get(city.city.name, [])
        ActionPlanItem.objects.bulk_create(
            ActionPlanItem(
                city=city,
                title=title,
                owner=owner,
                due_on=months_after(cohort.starts_on, months),
                status=status,
                notes=note,
                position=n,
            )
            for n, (title, owner, status, months) in enumerate(items)
        )
