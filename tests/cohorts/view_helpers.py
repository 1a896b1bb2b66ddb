"""What the cohort page tests share: signing in as a world's viewer, the page's URL."""


def sign_in(client, world, viewer):
    if viewer != "guest":
        client.force_login(getattr(world, viewer))


def url(world, suffix=""):
    return world.cohort.get_absolute_url() + suffix
