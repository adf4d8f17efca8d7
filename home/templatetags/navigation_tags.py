from django import template
from wagtail.models import Site

from home.queries import public_pages

register = template.Library()


@register.inclusion_tag("includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The live children of the site's home page that editors marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    items = public_pages(site.root_page.get_children().live().in_menu())
    return {"items": [(item, bool(current and current.url_path.startswith(item.url_path))) for item in items]}
