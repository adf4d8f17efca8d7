"""Template tags of the story pages: share links."""

from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def share_urls(url, title):
    """
    Plain share URLs of the networks' own share pages: nothing is loaded from them until the
    visitor clicks, so no third-party scripts or cookies reach our pages.
    """
    text = _("Lees het verhaal van %(title)s over de Glans-techniek") % {"title": title}
    return [
        {
            "network": "x",
            "label": _("Deel op X"),
            "url": "https://x.com/intent/tweet?" + urlencode({"url": url, "text": text}),
        },
        {
            "network": "facebook",
            "label": _("Deel op Facebook"),
            "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "network": "linkedin",
            "label": _("Deel op LinkedIn"),
            "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
        {
            "network": "email",
            "label": _("Deel per e-mail"),
            # quote_via keeps spaces as %20: mail programs show a "+" literally.
            "url": "mailto:?" + urlencode({"subject": text, "body": f"{text}: {url}"}, quote_via=quote),
        },
    ]


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, page):
    url = page.get_full_url(context["request"])
    return {"share_url": url, "links": share_urls(url, page.title), "title": page.title}
