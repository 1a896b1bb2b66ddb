"""What the library page's tests share: the titles a page lists."""


def titles(response):
    return [r.title for r in response.context["resources"]]
