class ForgivingPaginationMixin:
    """A ListView page=abc or page=99999 shows the first or last page, not a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
