import datetime
import itertools

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from community.models import Profile

PASSWORD = "correct horse battery staple 42"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ["user"]

    display_name = factory.Faker("name")
    job_title = "Equity officer"
    organization = factory.Sequence(lambda n: f"City of Testville {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A member who signed up and verified their e-mail address."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)
    profile = factory.RelatedFactory(ProfileFactory, factory_related_name="user")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=obj,
                email=obj.email,
                defaults={"verified": extracted is not False, "primary": True},
            )


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "resources.Organization"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published resource; pass topics=[...] for its tags."""

    class Meta:
        model = "resources.Resource"
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource number {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary = "A useful resource for city leaders."
    kind = "toolkit"
    url = factory.Sequence(lambda n: f"https://example.org/resource/{n}")
    state = "published"
    organization = factory.SubFactory(OrganizationFactory)
    published_on = factory.Sequence(
        lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n)
    )

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.add(*extracted)


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "resources.Collection"

    title = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")
    description = "Resources chosen by curators."


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Board"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    visibility = "members"


_thread_numbers = itertools.count(1)


def make_thread(*, board=None, author=None, title="A question", body=None):
    """A thread made the way members make them (through the service). Its first
    post's text is numbered unless given: the same text twice in a row by one
    member is refused."""
    from community.discussions.services import thread_create

    return thread_create(
        board=board or BoardFactory(),
        author=author or UserFactory(),
        title=title,
        body=body if body is not None else f"First post ({next(_thread_numbers)}).",
    )


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.Program"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    purpose = "Help cities advance racial equity."
    in_brief = "Cities work together on racial equity. Their staff get coaching."
    length_months = 15


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort created through the service, so it gets its private board."""

    class Meta:
        model = "cohorts.Cohort"

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"{2018 + n} cohort")
    slug = factory.Sequence(lambda n: f"{2018 + n}")
    starts_on = datetime.date(2018, 2, 1)
    ends_on = datetime.date(2019, 4, 30)
    in_brief = "A group of cities in the program. They meet and learn together."
    state = "active"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from cohorts.services import cohort_create

        return cohort_create(cohort=model_class(*args, **kwargs))


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.City"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Testville {n}")
    state = "KS"
    slug = factory.LazyAttribute(
        lambda c: f"{c.name} {c.state}".lower().replace(" ", "-")
    )
    time_zone = "America/Chicago"


def add_city(cohort, name="Wichita", state="KS", time_zone="America/Chicago"):
    """A city joined to a cohort the way program staff add it (the service)."""
    from cohorts.services import city_get_or_create, cohort_city_add

    city = city_get_or_create(name=name, state=state, time_zone=time_zone)
    return cohort_city_add(cohort=cohort, city=city)


def add_member(cohort, user, role="participant", city=None):
    from cohorts.services import membership_add

    return membership_add(cohort=cohort, user=user, role=role, city=city)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.Session"
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    kind = "webinar"
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.Sequence(
        lambda n: (
            datetime.datetime(2018, 3, 1, 14, tzinfo=datetime.UTC)
            + datetime.timedelta(days=n)
        )
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=1))
    time_zone = "America/New_York"
    location = ""


def give_second_factor(user) -> str:
    """An authenticator app for the user (staff need one); returns its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code the user's authenticator app shows now."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
