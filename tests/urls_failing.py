from django.urls import include, path


def boom(request):
    raise RuntimeError("a failing view, for the 500 page test")


urlpatterns = [path("boom/", boom), path("", include("config.urls"))]
handler500 = "pages.views.server_error"
