"""A post's attached file, served only to those who may read the post."""

from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from community.models import Attachment, Post


@require_safe
def attachment(request, pk, name):
    """The file, if the viewer may read its post's text (a deleted post's, a
    hidden post's but for moderators, a closed board's: 404, as if it were not
    there). From disk, the app streams it; from object storage, it sends the
    viewer to a signed address that expires in minutes."""
    readable = Post.objects.text_readable_by(request.user)
    attached = get_object_or_404(Attachment.objects.filter(post__in=readable), pk=pk)
    if not isinstance(storages["private"], FileSystemStorage):
        response = redirect(attached.file.storage.url(attached.file.name))
    else:
        try:
            handle = attached.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=not attached.is_image,
            filename=attached.name,
            content_type=attached.content_type,
        )
    # Never kept by a shared cache; a browser asks again each time, so a post
    # hidden since is not shown from its copy. Nothing in it runs.
    response["Cache-Control"] = "private, no-cache"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
