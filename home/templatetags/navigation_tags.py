from django import template

from home import site_context

register = template.Library()


@register.simple_tag(takes_context=True)
def privacy_url(context):
    """The URL of the privacy statement, while that page is live and public; else ""."""
    request = context.get("request")
    site = site_context.for_request(request) if request else None
    return site.privacy_url if site else ""


@register.inclusion_tag("includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The live children of the site's home page that editors marked "show in menus"."""
    request = context.get("request")
    site = site_context.for_request(request) if request else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    return {"items": [(item, bool(current and current.url_path.startswith(item.url_path))) for item in site.menu]}
