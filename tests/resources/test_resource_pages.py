"""Resource pages, collections, feed, sitemap, bookmarks, suggestions, downloads."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from resources import views
from resources.models import Bookmark, Collection, CollectionItem, Resource
from tests.factories import CollectionFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_NOTE = "QUIBBLEFROST internal remark"


@pytest.fixture
def noted(db):
    resource = ResourceFactory(
        slug="noted", title="Noted resource", editorial_notes=SECRET_NOTE
    )
    collection = CollectionFactory(slug="picks")
    CollectionItem.objects.create(collection=collection, resource=resource)
    return resource


def jsonld_of(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_editorial_notes_appear_on_no_public_page(client, member_client, noted):
    for c in (client, member_client):
        for path in [
            "/resources/",
            "/resources/noted/",
            "/resources/?q=quibblefrost",
            "/resources/feed/",
            "/sitemap.xml",
            "/resources/collections/",
            "/resources/collections/picks/",
            "/",
            "/search/?q=quibblefrost",
        ]:
            response = c.get(path)
            assert response.status_code == 200, path
            assert "QUIBBLEFROST" not in response.content.decode(), path


def test_resource_page_has_structured_data(client):
    ResourceFactory(
        slug="res",
        title="Racial Equity Resolution </script><script>alert(1)</script>",
        published_on="2020-08-27",
        topics=["resolutions"],
    )
    html = client.get("/resources/res/").content.decode()
    data = jsonld_of(html)
    assert data["@type"] == "CreativeWork"
    assert data["name"].startswith("Racial Equity Resolution")
    assert data["datePublished"] == "2020-08-27"
    assert data["keywords"] == ["resolutions"]
    assert "editorial" not in json.dumps(data).lower()
    # The title cannot close the data block early: the only other scripts are
    # the site's own files.
    assert html.count("<script") - html.count('<script src="/static/') == 1


def test_description_markdown_is_rendered_and_sanitized(client):
    resource = ResourceFactory(slug="md")
    resource.description = "**Bold** <script>alert(1)</script> [x](javascript:alert(1))"
    from resources.services import resource_save

    resource_save(resource=resource, user=None)
    html = client.get("/resources/md/").content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html


def test_curator_sees_a_draft_with_a_notice(client):
    ResourceFactory(slug="draft", state="draft", title="Draft thing")
    curator = UserFactory(username="cur", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    client.force_login(curator)
    response = client.get("/resources/draft/")
    assert response.status_code == 200
    assert "Only curators see this page" in response.content.decode()


def test_collection_lists_resources_in_curators_order(client):
    collection = CollectionFactory(slug="found", title="Foundational resources")
    for position, title in [(2, "Third"), (0, "First"), (1, "Second")]:
        CollectionItem.objects.create(
            collection=collection,
            resource=ResourceFactory(title=title),
            position=position,
        )
    CollectionItem.objects.create(
        collection=collection, resource=ResourceFactory(title="Hidden", state="draft")
    )
    response = client.get("/resources/collections/found/")
    assert [i.resource.title for i in response.context["items"]] == [
        "First",
        "Second",
        "Third",
    ]
    assert "Hidden" not in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_collection_page_runs_fixed_queries(client, django_assert_num_queries, count):
    collection = CollectionFactory(slug="c")
    for n in range(count):
        CollectionItem.objects.create(
            collection=collection,
            resource=ResourceFactory(topics=[f"t{n % 6}"]),
            position=n,
        )
    # the versions (guest page cache; they serve the list's fragment too),
    # collection, its items with resources, their tags
    with django_assert_num_queries(4):
        assert client.get("/resources/collections/c/").status_code == 200
    # Again: a guest gets the whole page from the cache.
    with django_assert_num_queries(1):
        assert client.get("/resources/collections/c/").status_code == 200


def test_unpublished_collection_is_404(client):
    CollectionFactory(slug="wip", is_published=False)
    assert client.get("/resources/collections/wip/").status_code == 404


def test_atom_feed_lists_published_resources(client):
    ResourceFactory(title="Fresh template")
    ResourceFactory(title="Secret draft", state="draft")
    response = client.get("/resources/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = [e.find("a:title", ns).text for e in root.findall("a:entry", ns)]
    assert entries == ["Fresh template"]


def test_sitemap_lists_published_resources_and_collections(client):
    ResourceFactory(slug="pub")
    ResourceFactory(slug="hidden", state="review")
    CollectionFactory(slug="picks")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        loc.text.split("testserver", 1)[1] for loc in root.iterfind(".//s:loc", ns)
    }
    assert locations == {"/resources/pub/", "/resources/collections/picks/"}


def test_member_saves_and_unsaves_a_resource(member_client, member):
    ResourceFactory(slug="keep", title="Keep me")
    response = member_client.post("/resources/keep/save/", follow=True)
    assert escape(str(views.SAVED)) in response.content.decode()
    assert Bookmark.objects.filter(user=member, resource__slug="keep").exists()
    saved = member_client.get("/resources/saved/")
    assert [b.resource.title for b in saved.context["bookmarks"]] == ["Keep me"]
    member_client.post("/resources/keep/save/")
    assert not Bookmark.objects.filter(user=member).exists()


def test_guest_cannot_save(client):
    ResourceFactory(slug="keep")
    response = client.post("/resources/keep/save/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not Bookmark.objects.exists()


def test_saving_a_draft_is_404(member_client):
    ResourceFactory(slug="draft", state="draft")
    assert member_client.post("/resources/draft/save/").status_code == 404


def test_member_suggests_a_resource_that_waits_for_curators(member_client, member):
    response = member_client.post(
        "/resources/suggest/",
        {
            "title": "  Equity budgeting   guide ",
            "url": "https://example.org/guide",
            "reason": "It helped our budget office.",
        },
        follow=True,
    )
    assert "Thank you" in response.content.decode()
    resource = Resource.objects.get()
    assert resource.title == "Equity budgeting guide"
    assert resource.state == Resource.State.SUGGESTED
    assert resource.suggested_by == member
    assert "It helped our budget office." in resource.editorial_notes
    assert member_client.get("/resources/").context["paginator"].count == 0
    assert member_client.get(resource.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.org/file", "data:text/html,hi", "nope"],
)
def test_suggestion_refuses_non_web_addresses(member_client, url):
    response = member_client.post(
        "/resources/suggest/", {"title": "T", "url": url, "reason": "R"}
    )
    assert response.status_code == 200
    assert "http:// or https://" in " ".join(response.context["form"].errors["url"])
    assert not Resource.objects.exists()


def test_suggestions_are_rate_limited_per_member(member_client):
    data = {"title": "T", "url": "https://example.org", "reason": "R"}
    for _ in range(5):
        assert member_client.post("/resources/suggest/", data).status_code == 302
    response = member_client.post("/resources/suggest/", data)
    assert response.status_code == 429
    assert str(views.SUGGESTION_RATE_LIMITED) in response.content.decode()
    assert Resource.objects.count() == 5


def test_guest_must_sign_in_to_suggest(client):
    response = client.get("/resources/suggest/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_uploaded_file_is_served_as_a_download(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resource = ResourceFactory(slug="pdf")
    resource.file.save("guide.pdf", SimpleUploadedFile("guide.pdf", b"%PDF-1.7 test"))
    response = client.get("/resources/pdf/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    # Kept outside MEDIA_ROOT, which the web server serves to anyone: a draft's
    # file has no address of its own.
    assert not list(tmp_path.rglob("guide*.pdf"))
    resource.state = "draft"
    resource.save()
    assert client.get("/resources/pdf/download/").status_code == 404


def test_reserved_slugs_are_refused():
    from django.core.exceptions import ValidationError

    resource = ResourceFactory.build(slug="feed", organization=None)
    with pytest.raises(ValidationError) as error:
        resource.full_clean(exclude=["tags", "related"])
    assert "slug" in error.value.message_dict


def test_collection_holds_a_resource_once():
    from django.db import IntegrityError

    collection = Collection.objects.create(title="C", slug="c")
    resource = ResourceFactory()
    CollectionItem.objects.create(collection=collection, resource=resource)
    with pytest.raises(IntegrityError):
        CollectionItem.objects.create(collection=collection, resource=resource)


def test_autocomplete_finds_published_titles_only(client):
    ResourceFactory(slug="res", title="Racial Equity Resolution")
    ResourceFactory(slug="draft-res", title="Resolution draft", state="draft")
    data = client.get("/resources/autocomplete/?q=resol").json()
    assert [r["title"] for r in data["results"]] == ["Racial Equity Resolution"]
    assert data["results"][0]["url"].endswith("/resources/res/")
    assert client.get("/resources/autocomplete/?q=r").json() == {"results": []}
    assert client.get("/resources/autocomplete/?q=%01%01").status_code == 200
    assert client.get("/resources/autocomplete/?q=%00%00").status_code == 400


def test_autocomplete_lists_titles_holding_the_words_first(client):
    for n in range(8):
        ResourceFactory(title=f"Almanac {n}", summary="A chapter on zoning reform.")
    ResourceFactory(title="Zoning handbook")
    data = client.get("/resources/autocomplete/?q=zoning").json()
    titles = [r["title"] for r in data["results"]]
    assert titles == ["Zoning handbook", *(f"Almanac {n}" for n in range(7))]


@pytest.mark.parametrize("count", [5, 50])
def test_saved_page_runs_fixed_queries(
    member_client, member, django_assert_num_queries, count
):
    for resource in ResourceFactory.create_batch(count):
        Bookmark.objects.create(user=member, resource=resource)
    # the user (with the header's profile and unread count), count, page of
    # bookmarks with resources
    with django_assert_num_queries(3):
        response = member_client.get("/resources/saved/")
    assert len(response.context["bookmarks"]) == min(count, 24)
