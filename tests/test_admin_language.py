"""
Every admin page each role can reach speaks plain Dutch: no English words, none of Wagtail's
jargon ("snippets", "workflow", "reviewers", "slug"), "je" and never "u"/"uw".

As each role (ambassador, Marketing, Moderator, Secretariaat, superuser, and a visitor who is
not logged in) the test follows the same-host /admin/ links of every page it reaches from the
dashboard, the menus included (the sidebar's menu is JSON on the page), one URL of each shape
(ids replaced), up to a bound. It reads what a person sees: text, button and link labels, the
tab title, placeholders and tooltips. It fails listing page and word.
"""

import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Comment
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Page

from tests.support.pages import submit_for_review
from tests.support.users import MARKETING, MODERATORS, SECRETARIAT, make_superuser, make_user

# Words that are English and not Dutch (a Dutch page never has them), matched as whole words.
ENGLISH_WORDS = [
    "the", "and", "your", "you", "with", "this", "that", "from", "have", "has", "been", "will",
    "are", "not", "for", "Page", "Pages", "page", "pages", "Edit", "edit", "Save", "save", "Delete",
    "Cancel", "Settings", "Reports", "Report", "Help", "Search", "Password", "Username", "Sign",
    "Submit", "Draft", "View", "Guide", "Editor", "New", "More", "History", "Images", "Documents",
    "Users", "Groups", "Redirects", "Shortcuts", "Choose", "Sort", "Title", "Owner", "Actions",
    "Add", "Copy", "Move", "Unpublish",
    "Publish", "Preview", "Close", "Previous", "Next", "Back", "Yes", "Loading", "Select",
]  # fmt: skip
# Wagtail's jargon, and the formal "u"/"uw" where the site says "je".
JARGON_WORDS = [
    "snippet", "snippets", "Snippets", "workflow", "workflows", "Workflow", "Workflows",
    "reviewer", "reviewers", "Slug", "slug", "Wagtail", "u", "uw", "Uw", "resetten", "Resetten",
    "inspecteren",
]  # fmt: skip
FORBIDDEN = re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, ENGLISH_WORDS + JARGON_WORDS)) + r")(?![\w/-])")

# What the test knowingly lets pass, each for a reason (the rest of the page is still checked):
# - Django stores permission names in English in the database ("Wagtail core | pagina | Can
#   add page"); only superusers see them, on the group forms.
# - Wagtail's form for a workflow's pages has fields without a label ("Page") and a
#   hard-coded heading ("Workflow"); only superusers configure workflows. Likewise the sites
#   list's "Root page" column, named after the field by Wagtail, not translated.
KNOWN_LEFTOVERS = {
    "/admin/sites/": re.compile(r"^Root page$"),
    "/admin/groups/": re.compile(r"\| .+ \| |^Can \w+ |^(Page|Workflow)$"),
    "/admin/workflows/": re.compile(r"^(Page|Workflow)$|: Workflow - "),
}

MAX_PAGES = 120
# Not followed: logging out ends the crawl's session; previews render the public site (its own
# tests cover it); JSON endpoints and file downloads are no pages.
SKIPPED_PATHS = re.compile(
    r"^/admin/(logout/|api/|jsi18n/|.*preview|.*/usage/|.*/export|.*\.(csv|xlsx)$|images/\d+/generate_url|"
    r"documents/\d+/|pages/\d+/view_draft/|sites/add/|.*/chooser/|.*/choose|.*/search/)"
)
ATTRIBUTES_READ = ("aria-label", "title", "placeholder", "alt", "data-w-tooltip-content-value")


def shape(path):
    """The URL's shape, ids replaced: one URL of each shape is enough."""
    return re.sub(r"/\d+(/|$)", r"/N\1", re.sub(r"/[\w-]{20,}/", "/T/", path))


def visible_texts(html):
    """What a person reads on the page: text, labels in attributes, and the sidebar menu's labels."""
    soup = BeautifulSoup(html, "html.parser")
    texts = []
    sidebar = soup.find("script", id="wagtail-sidebar-props")
    if sidebar is not None:
        texts += re.findall(r'"(?:label|footer_text|title)": "([^"]*)"', sidebar.string or "")
    for element in soup(["script", "style", "noscript", "svg"]):
        element.decompose()
    if soup.title is not None:
        texts.append(soup.title.get_text())
    texts += [
        string.strip() for string in soup.find_all(string=True) if string.strip() and not isinstance(string, Comment)
    ]
    for element in soup.find_all(True):
        texts += [element[name] for name in ATTRIBUTES_READ if isinstance(element.get(name), str)]
        if element.name == "input" and element.get("type") in {"submit", "button"} and element.get("value"):
            texts.append(element["value"])
    return texts


def forbidden_words(html, path=""):
    """{word: the text it was found in} for every forbidden word on the page."""
    found = {}
    leftovers = [pattern for prefix, pattern in KNOWN_LEFTOVERS.items() if path.startswith(prefix)]
    for text in visible_texts(html):
        if any(pattern.search(text) for pattern in leftovers):
            continue
        for word in FORBIDDEN.findall(text):
            found.setdefault(word, " ".join(text.split())[:80])
    return found


def admin_links(html, page_url):
    soup = BeautifulSoup(html, "html.parser")
    hrefs = [a.get("href") for a in soup.find_all("a")]
    sidebar = soup.find("script", id="wagtail-sidebar-props")
    if sidebar is not None:
        hrefs += re.findall(r'"url": "([^"]*)"', sidebar.string or "")
    for href in filter(None, hrefs):
        url = urlsplit(urljoin(page_url, href))
        if url.netloc in ("", "testserver") and url.path.startswith("/admin/") and not SKIPPED_PATHS.match(url.path):
            yield url.path


def crawl(client, start_paths):
    """{path: words} for every page found with forbidden words, and the paths visited."""
    queue, seen_shapes, visited, problems = deque(start_paths), set(), [], {}
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        if shape(path) in seen_shapes:
            continue
        seen_shapes.add(shape(path))
        response = client.get(path, follow=True)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        visited.append(path)
        html = response.content.decode()
        words = forbidden_words(html, path)
        if words:
            problems[path] = words
        queue.extend(admin_links(html, path))
    return problems, visited


def report(problems):
    lines = [f"{path}: {word!r} in {text!r}" for path, words in problems.items() for word, text in words.items()]
    return "\n".join(sorted(lines))


@pytest.fixture
def admin_site(ambassador_index, school, anje, anje_story, magda_story, contact_page):
    """Two live stories, Anje's in review, a school and the contact page: what staff work with."""
    # Wagtail's own first page ("Welcome to your new Wagtail site!") is content, not the admin's words.
    Page.objects.filter(depth=2).exclude(pk=ambassador_index.get_parent().pk).delete()
    submit_for_review(anje_story, user=anje)
    return {"anje": anje, "story": anje_story}


ROLES = {
    "ambassadeur": lambda site: site["anje"],
    "marketing": lambda site: make_user("marketing", MARKETING),
    "moderator": lambda site: make_user("moderator", MODERATORS),
    "secretariaat": lambda site: make_user("secretaris", SECRETARIAT),
    "superuser": lambda site: make_superuser("beheer"),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_a_role_reaches_is_plain_dutch(admin_site, role):
    client = Client()
    client.force_login(ROLES[role](admin_site))
    problems, visited = crawl(client, ["/admin/", "/admin/bestaat-niet/"])
    assert len(visited) > 3, visited
    assert not problems, f"English or jargon as {role}:\n{report(problems)}"


def test_the_pages_before_logging_in_are_plain_dutch(admin_site):
    user = admin_site["anje"]
    set_password = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )
    client = Client()
    pages = {}
    for path in ["/admin/login/", "/admin/password_reset/", "/admin/password_reset/done/", set_password]:
        response = client.get(path, follow=True)
        pages[response.request["PATH_INFO"]] = response.content.decode()
    assert any("set-password" in path for path in pages), pages.keys()
    problems = {path: words for path, html in pages.items() if (words := forbidden_words(html))}
    assert not problems, f"English or jargon before logging in:\n{report(problems)}"


def test_the_first_password_page_says_choose_not_reset(admin_site):
    user = admin_site["anje"]
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    response = Client().get(
        reverse("wagtailadmin_password_reset_confirm", args=[uidb64, default_token_generator.make_token(user)]),
        follow=True,
    )
    title = BeautifulSoup(response.content, "html.parser").find("h1").get_text(" ", strip=True)
    assert title == "Kies je wachtwoord"


def test_the_sidebar_menu_is_read(admin_site):
    """The crawl reads the menu Wagtail renders from JSON: a guard for the test itself."""
    client = Client()
    client.force_login(make_superuser("beheer"))
    html = client.get("/admin/").content.decode()
    props = BeautifulSoup(html, "html.parser").find("script", id="wagtail-sidebar-props").string
    assert json.loads(props)
    assert "Instellingen" in visible_texts(html)
