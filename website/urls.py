from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from contact import views as contact_views
from search import views as search_views

from .api import api_router

# A friendly 503 (not a 500) when the database cannot be reached; see home/views.py.
handler500 = "home.views.server_error"
# Dutch, self-contained error pages in the same style (templates/400.html, 403.html).
handler400 = "home.views.bad_request"
handler403 = "home.views.permission_denied"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", search_views.search, name="search"),
    path("contact-token/", contact_views.csrf_token, name="contact_csrf_token"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]

if settings.SERVE_MEDIA_FILES:
    # Development and tests only; in production the web server or object storage serves media.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    # Wagtail's page serving comes last: it answers for every other path.
    path("", include(wagtail_urls)),
]
