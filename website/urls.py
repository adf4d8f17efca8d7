from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from ambassadors import story_check_views
from contact import views as contact_views
from core import paths
from core import views as core_views
from core.paths import route
from search import views as search_views

from .api import api_router

# A friendly 503 (not a 500) when the database cannot be reached; see core/views.py.
handler500 = "core.views.server_error"
# Dutch, self-contained error pages in the same style (templates/400.html, 403.html).
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"

urlpatterns = [
    path(route(paths.ADMIN), include(wagtailadmin_urls)),
    path(route(paths.DOCUMENTS), include(wagtaildocs_urls)),
    path(route(paths.SEARCH), search_views.search, name="search"),
    path(route(paths.CONTACT_FORM_TOKEN), contact_views.csrf_token, name="contact_csrf_token"),
    path(route(paths.API), api_router.urls),
    path(route(paths.STORY_CHECK), story_check_views.story_check_signed_in, name="story_check_signed_in"),
    path(route(paths.STORY_CHECK) + "<str:token>/", story_check_views.story_check, name="story_check"),
    path(route(paths.APPOINTMENTS), include("contact.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]

if settings.SERVE_MEDIA_FILES:
    # Development and tests only; in production the web server or object storage serves media.
    urlpatterns += [
        re_path(rf"^{route(paths.MEDIA)}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    # Wagtail's page serving comes last: it answers for every other path.
    path("", include(wagtail_urls)),
]
