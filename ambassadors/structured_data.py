"""
schema.org data (JSON-LD) for stories and school pages.

Search engines read it to show who the ambassador is and where they work: a `Person` who
`worksFor` an `EducationalOrganization`, plus a `VideoObject` for each video reference.
Built as plain dicts here and written into the page with the `json_ld` filter
(core/templatetags/seo_tags.py), which escapes it safely. https://schema.org/Person
"""

from core.seo import page_description, social_image
from core.videos import fetch_embed, parse_video_url

from .story_checks import confirmed_at

SCHEMA_ORG = "https://schema.org"


def organisation_node(school, request):
    url = school.get_full_url(request)
    node = {
        "@type": "EducationalOrganization",
        "@id": f"{url}#organisatie",
        "name": school.title,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": school.place,
            "addressCountry": "NL",
        },
    }
    if school.province:
        node["address"]["addressRegion"] = school.get_province_display()
    if school.website:
        node["sameAs"] = [school.website]
    image = school.logo or school.photo
    if image is not None:
        node["logo" if school.logo else "image"] = social_image(image, request)["url"]
    board = school.published_board
    if board is not None:
        node["parentOrganization"] = {
            "@type": "EducationalOrganization",
            "@id": f"{board.get_full_url(request)}#organisatie",
            "name": board.title,
            "url": board.get_full_url(request),
        }
    return node


def video_nodes(page, request):
    """One VideoObject per video block whose embed data is known."""
    nodes = []
    for block in page.body:
        if block.block_type != "video" or not block.value.get("video"):
            continue
        url = block.value["video"].url
        reference = parse_video_url(url)
        embed = fetch_embed(url) if reference else None
        if embed is None:
            continue
        node = {
            "@type": "VideoObject",
            "name": embed.title or block.value["caption"],
            "description": block.value["caption"],
            "url": reference.watch_url,
            "embedUrl": reference.player_url.split("?")[0],
        }
        poster = block.value.get("poster")
        thumbnail = social_image(poster, request)["url"] if poster else embed.thumbnail_url
        if thumbnail:
            node["thumbnailUrl"] = thumbnail
        nodes.append(node)
    return nodes


def story_structured_data(page, request):
    """JSON-LD graph for an AmbassadorPage."""
    url = page.get_full_url(request)
    person = {
        "@type": "Person",
        "@id": f"{url}#ambassadeur",
        "name": page.title,
        "jobTitle": page.role,
        "url": url,
        "description": page_description(page),
    }
    if page.portrait is not None:
        person["image"] = social_image(page.portrait, request)["url"]
    graph = [person]
    school = page.published_school
    if school is not None:
        organisation = organisation_node(school, request)
        person["worksFor"] = {"@id": organisation["@id"]}
        graph.append(organisation)
    for video in video_nodes(page, request):
        video["about"] = {"@id": person["@id"]}
        graph.append(video)
    graph.append(profile_page_node(page, url, person))
    return {"@context": SCHEMA_ORG, "@graph": graph}


def profile_page_node(page, url, person):
    """
    The page about the person: when it last changed, and when the ambassador last confirmed
    that it is still true (`lastReviewed`, the yearly check of ambassadors/story_checks.py).
    """
    node = {"@type": "ProfilePage", "@id": f"{url}#pagina", "url": url, "mainEntity": {"@id": person["@id"]}}
    if page.last_published_at:
        node["dateModified"] = page.last_published_at.isoformat()
    reviewed = confirmed_at(page)
    if reviewed:
        node["lastReviewed"] = reviewed.isoformat()
    return node


def school_structured_data(page, request):
    """JSON-LD for a SchoolPage."""
    return {"@context": SCHEMA_ORG, **organisation_node(page, request)}
