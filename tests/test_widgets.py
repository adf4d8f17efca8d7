"""PlainSelect (core/widgets.py) renders what Django's Select renders, without its templates."""

import re

from django import forms

from core.widgets import PlainSelect

CHOICES = [("", "Alle plaatsen"), ("denekamp", "Denekamp"), ("<b>", 'Plaats "<script>alert(1)</script>"')]


def parsed(html):
    select = re.search(r"<select([^>]*)>", html).group(1)
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
    return sorted(re.findall(r'(\w[\w-]*)="([^"]*)"', select)), options


def test_renders_the_same_select_as_django():
    attrs = {"id": "id_plaats", "aria-invalid": "true"}
    for value in ("", "denekamp", "<b>", None):
        ours = PlainSelect(choices=CHOICES).render("plaats", value, attrs)
        djangos = forms.Select(choices=CHOICES).render("plaats", value, attrs)
        assert parsed(ours) == parsed(djangos)
        assert "<script>" not in ours
        assert len(parsed(ours)[1]) == len(CHOICES)


def test_marks_the_chosen_option_selected():
    html = PlainSelect(choices=CHOICES).render("plaats", "denekamp", {"id": "id_plaats"})
    assert '<option value="denekamp" selected>Denekamp</option>' in html
    assert html.count(" selected") == 1
