"""The library finds words inside its files: the worker reads a PDF, Word or
PowerPoint file when it is added or replaced, and the library's and the site's
searches find a word that is only inside it, saying on which page."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from resources import filetext, textract, textread
from resources.models import FilePage, Resource
from resources.services import resource_save
from tests.client import Client
from tests.resources import files
from tests.resources.library_helpers import titles
from tests.search_helpers import everything
from tests.search_helpers import titles as search_titles

pytestmark = pytest.mark.django_db

WORD = "zanzibarian"  # in no title, summary or description
PAGES = [
    "Budgeting for equity: the basics.",
    "Community engagement, step by step.",
    "Data and accountability.",
    f"The {WORD} procurement rule is explained on this page.",
]


@pytest.fixture
def curator_client(client):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    curator = UserFactory(username="curator", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    client.force_login(curator)
    return client


def upload(client, data: bytes, name: str = "guide.pdf", slug: str = "guide"):
    """A curator adds a published resource with this file in the admin (the
    client runs what waits for the commit: the worker's reading)."""
    return client.post(
        "/admin/resources/resource/add/",
        {
            "title": "Procurement guide",
            "slug": slug,
            "kind": "toolkit",
            "state": "published",
            "summary": "How cities buy fairly.",
            "published_on_precision": "day",
            "is_free": "on",
            "file": SimpleUploadedFile(name, data),
        },
        follow=True,
    )


@pytest.fixture
def attach(django_capture_on_commit_callbacks):
    """Give a resource a file through the service, as the admin does, and run
    what waits for the commit (the worker's reading)."""

    def attach(resource: Resource, name: str, data: bytes | None) -> Resource:
        resource.file = SimpleUploadedFile(name, data) if data is not None else ""
        with django_capture_on_commit_callbacks(execute=True):
            resource_save(resource=resource, user=None)
        resource.refresh_from_db()
        return resource

    return attach


def stored_files() -> set[Path]:
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    return {path for path in root.rglob("*") if path.is_file()}


# --- Found by search, with the page -------------------------------------------------


def test_a_word_only_inside_an_uploaded_pdf_is_found_with_its_page(curator_client):
    response = upload(curator_client, files.pdf(PAGES))
    assert response.status_code == 200
    resource = Resource.objects.get(slug="guide")
    assert resource.file_text == Resource.FileText.INDEXED
    assert resource.file_text_pages == 4
    assert resource.file_text_note == "Text of 4 pages."
    assert list(resource.file_pages.values_list("number", flat=True)) == [1, 2, 3, 4]

    guest = Client()
    library = guest.get("/resources/", {"q": WORD})
    assert titles(library) == ["Procurement guide"]
    page = library.content.decode()
    assert '<span class="found-in-file">In the attached PDF, page 4:</span>' in page
    assert f"<mark>{WORD}</mark> procurement rule is explained" in page

    found = guest.get("/search/", {"q": WORD})
    assert search_titles(found, "resources") == ["Procurement guide"]
    snippet = everything(found)
    assert "In the attached PDF, page 4:" in snippet
    assert f"<mark>{WORD}</mark>" in snippet
    assert "In the attached PDF, page 4:" in found.content.decode()

    # A word of the summary shows the summary, as before, not the file.
    summary = guest.get("/resources/", {"q": "fairly"}).content.decode()
    assert "In the attached PDF" not in summary


def test_a_match_in_the_title_ranks_above_one_only_in_a_file(attach):
    from tests.factories import ResourceFactory

    in_file = attach(ResourceFactory(title="Guide"), "guide.pdf", files.pdf(PAGES))
    in_title = ResourceFactory(title=f"The {WORD} rule, in short")
    in_file.refresh_from_db()
    library = Client().get("/resources/", {"q": WORD})
    assert titles(library) == [in_title.title, in_file.title]
    found = Client().get("/search/", {"q": WORD})
    assert search_titles(found, "resources") == [in_title.title, in_file.title]


def test_phrases_and_excluded_words_reach_into_the_file(attach):
    from tests.factories import ResourceFactory

    attach(ResourceFactory(title="Guide"), "guide.pdf", files.pdf(PAGES))
    guest = Client()
    assert titles(guest.get("/resources/", {"q": f'"{WORD} procurement"'})) == ["Guide"]
    assert titles(guest.get("/resources/", {"q": f"{WORD} -accountability"})) == []


def test_the_files_text_is_escaped_in_the_snippet(attach):
    from tests.factories import ResourceFactory

    text = f'Fees < 6% & "fair" terms: the {WORD} <i>rule</i>, <img src=x>'
    attach(ResourceFactory(title="Guide"), "guide.pdf", files.pdf([text]))
    page = Client().get("/resources/", {"q": WORD}).content.decode()
    snippet = page[page.index('class="found-in-file"') :].split("</p>")[0]
    assert f"<mark>{WORD}</mark>" in snippet
    assert "Fees &lt; 6% &amp; &quot;fair&quot; terms" in snippet
    # PostgreSQL's headline leaves out what looks like a tag.
    assert "<i>" not in snippet
    assert "<img" not in snippet


def test_word_and_powerpoint_files_are_read_too(attach):
    from tests.factories import ResourceFactory

    word = attach(
        ResourceFactory(title="Word guide"),
        "plan.docx",
        files.docx(["An opening paragraph."], [["Cost", f"{WORD} fee"]]),
    )
    slides = attach(
        ResourceFactory(title="Slide deck"),
        "deck.pptx",
        files.pptx([["Welcome"], ["Agenda"], [f"The {WORD} idea"]]),
    )
    assert word.file_text == slides.file_text == Resource.FileText.INDEXED
    page = Client().get("/resources/", {"q": WORD}).content.decode()
    assert "In the attached Word document:" in page
    assert "In the attached PowerPoint, slide 3:" in page


def test_a_format_whose_text_is_not_read_says_so(attach):
    from tests.factories import ResourceFactory

    resource = attach(ResourceFactory(), "data.csv", b"city,fee\nOakland,12\n")
    assert resource.file_text == Resource.FileText.NOT_READ
    assert "PDF, Word (.docx) and PowerPoint (.pptx)" in resource.file_text_note
    assert not FilePage.objects.exists()


# --- Replaced, removed, edited meanwhile --------------------------------------------


def test_a_replaced_file_is_read_again_and_a_removed_one_forgotten(attach):
    from tests.factories import ResourceFactory

    resource = attach(ResourceFactory(title="Guide"), "guide.pdf", files.pdf(PAGES))
    guest = Client()
    assert titles(guest.get("/resources/", {"q": WORD})) == ["Guide"]

    new = files.pdf(["A lighthouse policy for the coast."])
    resource = attach(resource, "guide-2.pdf", new)
    assert resource.file_text == Resource.FileText.INDEXED
    assert titles(guest.get("/resources/", {"q": WORD})) == []
    assert titles(guest.get("/resources/", {"q": "lighthouse"})) == ["Guide"]
    assert list(resource.file_pages.values_list("number", flat=True)) == [1]

    resource = attach(resource, "", None)
    assert resource.file_text == Resource.FileText.NONE
    assert resource.file_text_vector is None
    assert not FilePage.objects.exists()
    assert titles(guest.get("/resources/", {"q": "lighthouse"})) == []


def test_a_curators_save_of_a_copy_loaded_before_the_reading_keeps_it(
    django_capture_on_commit_callbacks,
):
    from tests.factories import ResourceFactory

    resource = ResourceFactory(title="Guide")
    resource.file = SimpleUploadedFile("guide.pdf", files.pdf(PAGES))
    with django_capture_on_commit_callbacks() as after_commit:
        resource_save(resource=resource, user=None)
    opened_in_the_admin = Resource.objects.get(pk=resource.pk)
    assert opened_in_the_admin.file_text == Resource.FileText.PENDING
    for callback in after_commit:  # the commit: the worker reads the file
        callback()
    opened_in_the_admin.title = "Guide, edited"
    resource_save(resource=opened_in_the_admin, user=None)
    resource.refresh_from_db()
    assert resource.file_text == Resource.FileText.INDEXED
    assert titles(Client().get("/resources/", {"q": WORD})) == ["Guide, edited"]


def test_the_reading_of_a_file_replaced_meanwhile_is_dropped(attach):
    from tests.factories import ResourceFactory

    resource = attach(ResourceFactory(), "guide.pdf", files.pdf(PAGES))
    old_name = resource.file.name
    resource = attach(resource, "other.pdf", files.pdf(["Another text entirely."]))
    assert filetext.file_text_update(resource.pk, old_name) == "stale"
    assert titles(Client().get("/resources/", {"q": WORD})) == []


# --- For curators: scans and failures in the admin ----------------------------------


def test_a_scanned_pdf_is_marked_for_curators(curator_client):
    upload(curator_client, files.pdf([None, None, None]), name="scan.pdf")
    resource = Resource.objects.get(slug="guide")
    assert resource.file_text == Resource.FileText.NO_TEXT
    assert resource.file_text_note.startswith("3 pages, none with text")
    assert "OCR" in resource.file_text_note

    listed = curator_client.get("/admin/resources/resource/", {"file_text": "no_text"})
    assert [r.pk for r in listed.context["cl"].result_list] == [resource.pk]
    assert "No text layer (scanned?)" in listed.content.decode()
    change = curator_client.get(f"/admin/resources/resource/{resource.pk}/change/")
    assert "none with text: a scan without a text layer" in change.content.decode()


def test_a_partly_scanned_pdf_is_indexed_and_says_which_part(attach):
    from tests.factories import ResourceFactory

    resource = attach(ResourceFactory(), "mixed.pdf", files.pdf([None, PAGES[3]]))
    assert resource.file_text == Resource.FileText.INDEXED
    assert resource.file_text_note == "Text on 1 of 2 pages (the others may be scans)."
    assert titles(Client().get("/resources/", {"q": WORD})) == [resource.title]


def test_curators_have_files_read_again(curator_client):
    from django.core.files.base import ContentFile

    from tests.factories import ResourceFactory

    resource = ResourceFactory()
    # A file stored before the library read files' text.
    resource.file.save("old.pdf", ContentFile(files.pdf(PAGES)))
    assert resource.file_text == Resource.FileText.NONE
    response = curator_client.post(
        "/admin/resources/resource/",
        {"action": "read_file_text_again", "_selected_action": [resource.pk]},
        follow=True,
    )
    assert "The text of 1 file will be read again" in response.content.decode()
    resource.refresh_from_db()
    assert resource.file_text == Resource.FileText.INDEXED


# --- An upload that cannot be read ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("guide.pdf", files.truncated_pdf(), "This file cannot be read: it is damaged"),
        ("guide.pdf", files.encrypted_pdf(), "This PDF is protected by a password"),
        ("guide.pdf", files.cyclic_pdf(), "not really a PDF file"),
        ("plan.docx", files.zip_bomb_docx(), "it unpacks to too much data"),
    ],
    ids=["truncated", "encrypted", "cyclic", "zip-bomb"],
)
def test_an_upload_that_cannot_be_read_is_refused_with_a_clear_message(
    curator_client, name, data, message
):
    before = stored_files()
    response = upload(curator_client, data, name=name)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Please correct the error below." in page
    assert not Resource.objects.exists()
    assert stored_files() == before


def test_the_note_is_stored_in_the_sites_language_whatever_the_worker_last_spoke():
    """A worker thread left in Spanish by an earlier task still stores a note
    curators read in the site's language."""
    from django.utils import translation

    from tests.factories import ResourceFactory

    resource = ResourceFactory()
    resource.file.save("good.pdf", SimpleUploadedFile("x", files.pdf(PAGES)))
    filetext.file_text_read_again(Resource.objects.filter(pk=resource.pk))
    with translation.override("es"):
        filetext.file_text_read.call(resource.pk, resource.file.name)
    resource.refresh_from_db()
    assert resource.file_text_note == "Text of 4 pages."


# --- The reader's limits --------------------------------------------------------------


def test_a_file_that_loops_is_stopped_at_the_time_limit(monkeypatch, attach):
    from tests.factories import ResourceFactory

    monkeypatch.setattr(textract, "EXTRACT", textract.Limits(seconds=2))
    resource = ResourceFactory()
    resource.file.save("endless.pdf", SimpleUploadedFile("x", files.endless_pdf()))
    filetext.file_text_read_again(Resource.objects.filter(pk=resource.pk))
    result = filetext.file_text_read.call(resource.pk, resource.file.name)
    resource.refresh_from_db()
    assert result == resource.file_text == Resource.FileText.FAILED
    assert resource.file_text_note == (
        "Reading it took longer than the limit of 2 seconds: a file that loops? "
        "Stopped."
    )


def test_the_reader_stops_at_its_memory_and_processor_limits():
    small = textract.Limits(memory_mb=40)
    memory = textract.read(files.pdf(PAGES), "pdf", limits=small)
    assert (memory.ok, memory.reason) == (False, "memory")
    busy = textract.read(
        files.endless_pdf(), "pdf", limits=textract.Limits(seconds=30, cpu_seconds=1)
    )
    assert (busy.ok, busy.reason) == (False, "cpu")


def test_the_reader_keeps_to_its_caps(monkeypatch):
    # The child's reading, run here in the test's process with smaller caps.
    monkeypatch.setattr(textread, "MAX_PAGES", 3)
    answer = textread._pdf(files.pdf([f"Page {n} has words." for n in range(5)]), "")
    assert (answer["page_count"], len(answer["pages"]), answer["truncated"]) == (
        5,
        3,
        True,
    )
    monkeypatch.setattr(textread, "MAX_CHARS", 30)
    pages = textread.Pages()
    assert pages.add("Twenty characters...")
    assert not pages.add("and twenty more here")
    assert pages.pages == ["Twenty characters...", "and twenty"]
    assert pages.truncated


def test_text_with_too_many_distinct_words_is_indexed_by_its_start(attach):
    import secrets

    from tests.factories import ResourceFactory

    resource = ResourceFactory()
    # 180,000 distinct made-up words on 18 pages: each page's tsvector is small,
    # but one of them all would be over PostgreSQL's 1 MB.
    pages = [" ".join(secrets.token_hex(4) for _ in range(10_000)) for _ in range(18)]
    pages[0] = f"{WORD} {pages[0]}"
    name = "resources/noise.pdf"
    Resource.objects.filter(pk=resource.pk).update(file=name, file_text_of=name)
    result = textract.Result(True, pages=pages, page_count=len(pages))
    assert filetext._store(resource.pk, name, "pdf", result) == "indexed"
    resource.refresh_from_db()
    assert resource.file_text_note.endswith(
        "Only the start of its text is found by search."
    )
    assert titles(Client().get("/resources/", {"q": WORD})) == [resource.title]


def test_text_that_postgresql_cannot_store_is_cleaned():
    assert textread.clean("a\x00b \ue000c\ue001  \t d\n\n\n\ne\ud800") == "ab c d\n\ne?"


# --- The worker goes on --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_hostile_files_fail_alone_and_the_worker_goes_on(monkeypatch, admin_client):
    """The real worker (django-tasks-db's db_worker) reads six damaged or
    hostile files, each stored as an older upload would be (the upload check is
    not in their way), then a good one: every task ends, each bad file is
    recorded with its reason, and the good one is indexed."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test.utils import override_settings
    from django_tasks_db.models import DBTaskResult

    from tests.factories import ResourceFactory

    monkeypatch.setattr(textract, "EXTRACT", textract.Limits(seconds=3))
    uploads = {
        "encrypted.pdf": files.encrypted_pdf(),
        "truncated.pdf": files.truncated_pdf(),
        "bomb.pdf": files.bomb_pdf(),
        "cyclic.pdf": files.cyclic_pdf(),
        "endless.pdf": files.endless_pdf(),
        "bomb.docx": files.zip_bomb_docx(),
        "good.pdf": files.pdf(PAGES),
    }
    database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=database):
        for name, data in uploads.items():
            resource = ResourceFactory(slug=name.replace(".", "-"), title=name)
            resource.file.save(name, ContentFile(data), save=False)
            resource_save(resource=resource, user=None)
        read = filetext.file_text_read.module_path
        reads = DBTaskResult.objects.filter(task_path=read)
        assert reads.count() == len(uploads)
        worker = ["--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0"]
        call_command("db_worker", *worker)
    assert set(reads.values_list("status", flat=True)) == {"SUCCESSFUL"}

    outcome = {r.title: (r.file_text, r.file_text_note) for r in Resource.objects.all()}
    assert outcome["good.pdf"] == ("indexed", "Text of 4 pages.")
    failed = {name: note for name, (st, note) in outcome.items() if st == "failed"}
    assert failed.keys() == uploads.keys() - {"good.pdf"}
    assert failed["encrypted.pdf"] == "Encrypted: it needs a password to open."
    assert failed["truncated.pdf"].startswith("Damaged, or not really a PDF file")
    assert "cyclic page references" in failed["cyclic.pdf"]
    assert failed["bomb.pdf"].startswith("Too large once unpacked: a decompression")
    assert failed["bomb.docx"].startswith("Too large once unpacked")
    assert "took longer than the limit of 3 seconds" in failed["endless.pdf"]
    assert titles(Client().get("/resources/", {"q": WORD})) == ["good.pdf"]

    # Curators find them in the admin, with the reason on each one's page.
    listed = admin_client.get("/admin/resources/resource/", {"file_text": "failed"})
    assert len(listed.context["cl"].result_list) == 6
    assert listed.content.decode().count("Could not be read") >= 6
    encrypted = Resource.objects.get(title="encrypted.pdf")
    page = admin_client.get(f"/admin/resources/resource/{encrypted.pk}/change/")
    assert "Encrypted: it needs a password to open." in page.content.decode()


# --- Fixed cost -------------------------------------------------------------------


def give_text(resource: Resource, pages: list[str]) -> None:
    """The worker's storing of what it read from a resource's PDF, without the
    reading (the tests above read real files)."""
    name = f"resources/{resource.slug}.pdf"
    Resource.objects.filter(pk=resource.pk).update(file=name, file_text_of=name)
    result = textract.Result(True, pages=pages, page_count=len(pages))
    assert filetext._store(resource.pk, name, "pdf", result) == "indexed"


@pytest.mark.parametrize("size", [3, 30])
def test_searches_that_find_words_in_files_run_fixed_queries(
    client, django_assert_num_queries, size
):
    from tests.factories import ResourceFactory

    for n in range(size):
        pages = [f"Page {p} of guide {n}, on budgets." for p in range(1, 40)]
        pages[n % 39] += f" The {WORD} rule."
        give_text(ResourceFactory(title=f"Guide {n}"), pages)
    # As a search of the resources' own text (test_library.py): the versions
    # (the guest page cache's, which serve the library's), the newest matches (with
    # their kind, organization and year, counted in Python), their topics, the
    # organizations' names, the page's ids by rank, its resources (with where
    # each was found in its file and their topics: the same query).
    with django_assert_num_queries(6):
        library = client.get("/resources/", {"q": WORD})
    # As any guest's search (test_search_freshness.py): versions (once, for
    # the page and its sections), topics, the resources' count and their page
    # (with where in each file: the same query), and the other sections' own.
    with django_assert_num_queries(8):
        found = client.get("/search/", {"q": WORD, "section": "resources"})
    assert library.context["paginator"].count == size
    assert all(r.found_in_file for r in library.context["resources"])
    newest = f"Guide {size - 1}"  # its word is on page `size`
    assert library.context["resources"][0].title == newest
    assert f"In the attached PDF, page {size}:" in library.content.decode()
    snippets = [hit.snippet for hit in found.context["sections"][0].hits]
    assert len(snippets) == min(size, 20)
    assert all("In the attached PDF, page" in snippet for snippet in snippets)


def test_files_stored_before_are_read_by_a_command(django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from tests.factories import ResourceFactory

    old = ResourceFactory(title="Older upload")
    old.file.save("old.pdf", ContentFile(files.pdf(PAGES)))
    ResourceFactory(title="No file")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("read_file_texts", stdout=out)
    assert out.getvalue().startswith("Queued 1 files")
    old.refresh_from_db()
    assert old.file_text == Resource.FileText.INDEXED
    with django_capture_on_commit_callbacks(execute=True):
        call_command("read_file_texts", stdout=out)  # nothing left to read
    assert "Queued 0 files" in out.getvalue()


def test_an_upload_is_opened_once(curator_client, monkeypatch):
    opened = []
    read = textract.read

    def counting(data, fmt, mode="extract", limits=None):
        opened.append(mode)
        return read(data, fmt, mode, limits)

    monkeypatch.setattr(textract, "read", counting)
    upload(curator_client, files.pdf(PAGES))
    assert opened == ["probe", "extract"]


def test_a_deleted_resource_takes_its_pages_along(admin_client, attach):
    from tests.factories import ResourceFactory

    resource = attach(ResourceFactory(), "guide.pdf", files.pdf(PAGES))
    assert FilePage.objects.count() == 4
    url = f"/admin/resources/resource/{resource.pk}/delete/"
    confirm = admin_client.get(url).content.decode()
    assert "page of a file" not in confirm.lower()  # deleted by PostgreSQL, unlisted
    admin_client.post(url, {"post": "yes"})
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert not FilePage.objects.exists()
