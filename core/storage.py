"""Files served only after a permission check: the "private" storage of
STORAGES (core.environ.storages_config), and how a view hands one out."""

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, Http404
from django.shortcuts import redirect


class PrivateFileSystemStorage(FileSystemStorage):
    """Private files on disk, outside MEDIA_ROOT: they have no address (a
    FileSystemStorage without base_url would give them MEDIA_URL's)."""

    def url(self, name):
        raise ValueError(f"{name} is private: a view serves it after its check.")


class PrivateStorage(Storage):
    """STORAGES["private"] as the settings say when it is used, not when the
    models were loaded (a test, or a deployment's settings, may change it)."""

    def __getattr__(self, name):
        return getattr(storages["private"], name)


def _forwarded(name):
    def method(self, *args, **kwargs):
        return getattr(storages["private"], name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in (
    "open", "save", "get_valid_name", "get_alternative_name", "get_available_name",
    "generate_filename", "path", "delete", "exists", "listdir", "size", "url",
    "get_accessed_time", "get_created_time", "get_modified_time",
):  # fmt: skip
    setattr(PrivateStorage, _name, _forwarded(_name))

_PRIVATE = PrivateStorage()


def private_storage() -> Storage:
    """For a FileField's storage=: files the app serves itself, never by an
    address of their own."""
    return _PRIVATE


def serve(file, *, filename: str, as_attachment: bool, content_type=None):
    """A private file for a viewer the caller has checked: streamed from disk,
    or, from object storage, a redirect to a signed address that expires in
    minutes. Kept by no shared cache; nothing in it runs in the browser."""
    if not isinstance(storages["private"], FileSystemStorage):
        response = redirect(file.storage.url(file.name))
    else:
        try:
            handle = file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
    response["Cache-Control"] = "private, no-cache"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
