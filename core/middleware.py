"""Requests no page can answer, refused before any view sees them."""

from django.core.exceptions import BadRequest

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RefuseNulMiddleware:
    """A NUL character in the address, its query or a posted field answers 400.

    No link or form of a browser sends one, and PostgreSQL refuses it in text: a
    view that looked it up would fail with a 500. (Uploaded files' contents are
    not fields and are not read here.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = [request.GET]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            fields.append(request.POST)
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for params in fields
            for key, values in params.lists()
            for value in values
        ):
            raise BadRequest("A NUL character in the request.")
        return self.get_response(request)
