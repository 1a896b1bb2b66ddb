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
