"""What the cohort page tests share: signing in as one of the world's viewers
(tests/cohorts/conftest.py), and the cohort page's address."""


def sign_in(client, world, viewer):
    if viewer != "guest":
        client.force_login(getattr(world, viewer))


def url(world, suffix=""):
    return world.cohort.get_absolute_url() + suffix
