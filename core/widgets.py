"""Form widgets shared by the public forms."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _escaped(value):
    """As Django's conditional_escape, without its lazy-string wrapper around every call."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


class PlainSelect(forms.Select):
    """
    A <select> of plain options (no groups), built in Python.

    Django renders every <option> through a template of its own: about 4 ms for the 37 options
    of the overview's filters, and most of the time of /contact/, whose ambassador choice lists
    every story (docs/performance.md). The markup is the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(chosen) for chosen in self.format_value(value)}
        # A plain format per option: format_html's checks per argument cost more than the
        # option itself with a thousand stories in the contact form's choice.
        options = "".join(
            f'<option value="{_escaped(option)}"{" selected" if str(option) in selected else ""}>'
            f"{_escaped(label)}</option>"
            for option, label in self.choices
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308 - escaped above
