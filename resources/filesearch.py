"""Finding words inside the library's files (resources/filetext.py stores them):
which resources a search found only by their file's words, and the snippet that
says where: "In the attached PDF, page 4: … <mark>word</mark> …"."""

from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db.models import (
    Case,
    CharField,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core import search
from resources import textract
from resources.filters import found_in_spanish, search_query
from resources.models import FilePage, Resource


def _own_words(query: SearchQuery):
    """The query matches the resource's title, summary or description (weights
    A, B, C of its search_vector), not only its file's words (D)."""
    own = Func(
        F("search_vector"),
        function="ts_filter",
        template="%(function)s(%(expressions)s, '{a,b,c}'::\"char\"[])",
        output_field=Resource._meta.get_field("search_vector"),
    )
    return SearchVectorExact(own, query)


def file_hit(q: str):
    """An annotation for resources a search for q found: for one found only by
    its file's words, "<page number><TAB><headline>" of the first page that
    matches; NULL otherwise (the resource's own snippet shows why it was found,
    in English or in Spanish).

    Evaluated for the page of results only (PostgreSQL computes an expensive
    column after the sort and limit), reading that resource's pages through the
    (resource, number) index or the pages' GIN index."""
    query = search_query(q)
    first_page = (
        FilePage.objects.filter(resource=OuterRef("pk"), search_vector=query)
        .order_by("number")
        .values_list(
            Concat(
                Cast("number", CharField()),
                Value("\t"),
                search.headline("text", query),
                output_field=TextField(),
            )
        )[:1]
    )
    return Case(
        When(file_text_vector__isnull=True, then=Value(None)),
        When(Q(_own_words(query)) | found_in_spanish(q), then=Value(None)),
        default=Subquery(first_page),
        output_field=TextField(),
    )


def where_found(file_name: str, page: int) -> str:
    fmt = textract.format_of(file_name)
    if fmt == "pptx":
        return _("In the attached PowerPoint, slide %(n)d:") % {"n": page}
    if fmt == "docx":
        return _("In the attached Word document:")
    return _("In the attached PDF, page %(n)d:") % {"n": page}


def found_in_file(resource: Resource) -> SafeString | None:
    """The snippet of a resource annotated with file_hit, or None: "In the
    attached PDF, page 4: … <mark>word</mark> …"."""
    hit = getattr(resource, "file_hit", None)
    if not hit:
        return None
    number, _tab, headline = hit.partition("\t")
    return format_html(
        '<span class="found-in-file">{}</span> {}',
        where_found(resource.file.name, int(number)),
        search.marked(headline),
    )
