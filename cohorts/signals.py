"""Events of the cohort program that higher apps act on.

Imports flow one way (resources <- cohorts <- community), so a cohort cannot
create its own discussion board: the cohorts services announce a new cohort
and `community` (in its AppConfig.ready) opens the private board for it.
"""

from django.dispatch import Signal

# Sent explicitly by cohorts.services.cohort_create, inside its transaction.
# Arguments: cohort.
cohort_created = Signal()
