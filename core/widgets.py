"""Form widgets shared by the public forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PlainSelect(forms.Select):
    """
    A <select> of plain options (no groups), built in Python.

    Django renders every <option> through a template of its own: about 4 ms for the 37 options
    of the overview's filters, and most of the time of /contact/, whose ambassador choice lists
    every story (docs/performance.md). The markup is the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(chosen) for chosen in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option, " selected" if str(option) in selected else "", label) for option, label in self.choices),
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)
