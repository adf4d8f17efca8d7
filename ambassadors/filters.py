"""
The filters of the story overview (/ambassadeurs/).

Filters are plain GET parameters, so a filtered list can be bookmarked and shared and works
without JavaScript. The parameter names are Dutch because visitors see them in the address
bar: ?concept=montessori&provincie=overijssel&plaats=Denekamp&populatie=gemengd.

A value the site does not know never causes an error page: that filter is left out, the
field shows a Dutch message, and the rest of the filters still apply.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import Case, CharField, Count, F, Value, When
from django.utils.translation import gettext_lazy as _

from core.widgets import PlainSelect

from .choices import EducationalConcept, Population, Province
from .queries import public_school_condition

# Which school field each filter reads.
FILTER_FIELDS = {
    "concept": "school__educational_concept",
    "provincie": "school__province",
    "plaats": "school__place",
    "populatie": "school__population",
}


def public_school_values():
    """
    Per filter, an expression for the story's school value, or "" when the school is not live
    and public: a draft or private school's place is neither offered nor matched.
    """
    condition = public_school_condition()
    return {
        f"filter_{name}": Case(When(condition, then=F(field)), default=Value(""), output_field=CharField())
        for name, field in FILTER_FIELDS.items()
    }


def invalid_choice_message(unknown):
    """`unknown` names the value with its own article: "Dit onderwijsconcept" (het), "Deze provincie" (de)."""
    return _("%(unknown)s kennen we niet; we tonen de verhalen zonder dit filter.") % {"unknown": unknown}


class StoryFilterForm(forms.Form):
    concept = forms.ChoiceField(
        label=_("Onderwijsconcept"),
        required=False,
        choices=[("", _("Alle onderwijsconcepten")), *EducationalConcept.choices],
        error_messages={"invalid_choice": invalid_choice_message(_("Dit onderwijsconcept"))},
        widget=PlainSelect,
    )
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        choices=[("", _("Alle provincies")), *Province.choices],
        error_messages={"invalid_choice": invalid_choice_message(_("Deze provincie"))},
        widget=PlainSelect,
    )
    plaats = forms.CharField(label=_("Plaats"), required=False, max_length=100, widget=PlainSelect)
    populatie = forms.ChoiceField(
        label=_("Leerlingenpopulatie"),
        required=False,
        choices=[("", _("Alle populaties")), *Population.choices],
        error_messages={"invalid_choice": invalid_choice_message(_("Deze leerlingenpopulatie"))},
        widget=PlainSelect,
    )

    def __init__(self, data, stories):
        """`stories`: the published stories, whose schools decide which options are offered."""
        super().__init__(data)
        self.available = self._available_values(stories)
        # Offer only values that some published story has (plus the chosen one, so a
        # bookmarked filter stays visible); validation still knows every value editors can pick.
        for name in ("concept", "provincie", "populatie"):
            field = self.fields[name]
            chosen = self.data.get(name)
            field.widget.choices = [
                (value, label)
                for value, label in field.choices
                if value == "" or value in self.available[name] or value == chosen
            ]
        self.fields["plaats"].widget.choices = [
            ("", _("Alle plaatsen")),
            *[(place, place) for place in sorted(self.available["plaats"], key=str.casefold)],
        ]

    def _available_values(self, stories):
        # One query gives both the options and, per combination of values, the number of
        # stories: enough to count any filtered list without asking the database again.
        values = public_school_values()
        rows = stories.order_by().annotate(**values).values_list(*values).annotate(stories=Count("pk"))
        self.combinations = [(dict(zip(FILTER_FIELDS, row[:-1], strict=True)), row[-1]) for row in rows]
        available = {name: set() for name in FILTER_FIELDS}
        for values, _count in self.combinations:
            for name, value in values.items():
                if value:
                    available[name].add(value)
        return available

    def count(self):
        """How many stories the active filters leave, from the combinations counted above."""
        active = self.active
        return sum(
            count for values, count in self.combinations if all(values[name] == value for name, value in active.items())
        )

    def clean_plaats(self):
        place = self.cleaned_data["plaats"].strip()
        if not place:
            return ""
        for known in self.available["plaats"]:
            if known.casefold() == place.casefold():
                return known
        raise forms.ValidationError(
            _("Er zijn geen verhalen uit de plaats “%(place)s”; we tonen de verhalen zonder dit filter."),
            code="unknown_place",
            params={"place": place},
        )

    def full_clean(self):
        super().full_clean()
        # Tie each error to its field for screen readers (WCAG 3.3.1).
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_error"}
                )

    @property
    def active(self):
        """The filters that apply: {name: value}, leaving out empty and invalid ones."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def apply(self, stories):
        lookups = {FILTER_FIELDS[name]: value for name, value in self.active.items()}
        return stories.filter(public_school_condition(), **lookups) if lookups else stories

    def active_filter_links(self):
        """Per active filter: its label, the value shown, and the query string without it."""
        links = []
        active = self.active
        for name, value in active.items():
            field = self.fields[name]
            label = dict(field.choices).get(value, value) if isinstance(field, forms.ChoiceField) else value
            others = {other: other_value for other, other_value in active.items() if other != name}
            links.append({"name": field.label, "value": label, "query": urlencode(others)})
        return links
