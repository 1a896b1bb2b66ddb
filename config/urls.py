from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from community.members.language import LanguageSetView
from resources.sitemaps import CollectionSitemap, ResourceSitemap

sitemaps = {"resources": ResourceSitemap, "collections": CollectionSitemap}

# The admin's own login goes through allauth's, so its rate limits cover staff too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = format_lazy(
    _("{site_name} administration"), site_name=settings.SITE_NAME
)
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", include("pages.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("language/", LanguageSetView.as_view(), name="language_set"),
    path("community/", include("community.urls")),
    path("resources/", include("resources.urls")),
    path("cohorts/", include("cohorts.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
