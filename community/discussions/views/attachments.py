"""A post's attached file, served only to those who may read the post."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from community.models import Attachment, Post
from core import storage


@require_safe
def attachment(request, pk, name):
    """The file, if the viewer may read its post's text (a deleted post's, a
    hidden post's but for moderators, a closed board's: 404, as if it were not
    there). From disk, the app streams it; from object storage, it sends the
    viewer to a signed address that expires in minutes."""
    readable = Post.objects.text_readable_by(request.user)
    attached = get_object_or_404(Attachment.objects.filter(post__in=readable), pk=pk)
    return storage.serve(
        attached.file,
        filename=attached.name,
        as_attachment=not attached.is_image,
        content_type=attached.content_type,
    )
