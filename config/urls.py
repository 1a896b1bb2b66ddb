from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config import admin_widgets, views
from config.page_cache import cached_page
from resources.sitemaps import CollectionSitemap, ResourceSitemap

# What the home page and the search show: a bit of every part.
EVERYTHING = ("library", "topics", "cohorts", "discussions", "boards", "people")

sitemaps = {"resources": ResourceSitemap, "collections": CollectionSitemap}

# The admin's own login goes through allauth's, so its rate limits cover staff too.
admin.site.login = secure_admin_login(admin.site.login)
admin_widgets.install()
admin.site.site_header = f"{settings.SITE_NAME} administration"
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", cached_page(*EVERYTHING)(views.HomeView.as_view()), name="home"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("community/", include("community.urls")),
    path("resources/", include("resources.urls")),
    path("cohorts/", include("cohorts.urls")),
    path(
        "search/", cached_page(*EVERYTHING)(views.SearchView.as_view()), name="search"
    ),
    path("healthz", views.health, name="health"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
