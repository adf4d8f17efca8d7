from functools import lru_cache

from django import forms
from django.core.validators import MinLengthValidator
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ambassadors.models import AmbassadorPage
from ambassadors.queries import with_school_visibility
from core.queries import public_pages
from core.visibility import is_below_a_restriction, known_restricted_roots
from core.widgets import PlainSelect

from .contact_requests import ContactRequest, PreferredContact

HONEYPOT_FIELD = "website"
# A question of a letter or two gives the secretariat nothing to answer.
QUESTION_MIN_LENGTH = 10


# What a chosen ambassador needs: her title, and her school's for the label. A story's body,
# the largest column by far, stays in the database.
CHOICE_FIELDS = ("title", "live", "school__title", "school__live")


def contactable_ambassadors():
    stories = public_pages(AmbassadorPage.objects.live()).select_related("school").only(*CHOICE_FIELDS)
    return with_school_visibility(stories).order_by("title")


def choice_label(title, school_title, school_is_public):
    """A story as the choice shows it; a draft or restricted school is never named."""
    return f"{title} ({school_title})" if school_is_public else title


class AmbassadorChoiceIterator(forms.models.ModelChoiceIterator):
    """
    The options from one query of plain values: building a page object per story (each
    a modelcluster with its own set-up) was most of the form's cost with hundreds of stories.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # Whether a school is public: from the request's known restricted paths where a public
        # GET knows them, else from the query's annotation (ambassadors.queries).
        roots = known_restricted_roots()
        columns = ["pk", "title", "school__title", "school__live", "school__path"]
        if roots is None:
            columns.append("school_is_public")
        for pk, title, school_title, school_live, school_path, *annotated in self.queryset.values_list(*columns):
            if roots is None:
                school_is_public = bool(annotated[0])
            else:
                school_is_public = bool(school_live) and not is_below_a_restriction(school_path, roots)
            yield (pk, choice_label(title, school_title, school_is_public))


class AmbassadorChoiceField(forms.ModelChoiceField):
    iterator = AmbassadorChoiceIterator


class ContactRequestForm(forms.ModelForm):
    """The visitor's request. Limits and validators come from the model fields."""

    ambassador = AmbassadorChoiceField(
        queryset=AmbassadorPage.objects.none(),
        required=False,
        label=_("Met wie wil je contact?"),
        empty_label=_("Geen voorkeur: iemand van Klaver CT"),
        error_messages={"invalid_choice": _("Kies een ambassadeur uit de lijst.")},
        widget=PlainSelect,
    )
    consent = forms.BooleanField(
        required=True,
        label=_("Ik geef toestemming om mijn gegevens te bewaren voor het afhandelen van dit verzoek."),
        error_messages={"required": _("Zonder je toestemming kunnen we je verzoek niet in behandeling nemen.")},
    )
    # A honeypot: hidden from people, filled in by bots that fill in every field.
    website = forms.CharField(
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactRequest
        fields = [
            "ambassador",
            "name",
            "email",
            "phone",
            "organisation",
            "role",
            "question",
            "preferred_contact",
            "preferred_time",
            "consent",
        ]
        labels = {
            "name": _("Je naam"),
            "email": _("Je e-mailadres"),
            "phone": _("Je telefoonnummer (niet verplicht)"),
            "organisation": _("School of organisatie"),
            "role": _("Je functie"),
            "question": _("Je vraag"),
            "preferred_contact": _("Hoe wil je benaderd worden?"),
            "preferred_time": _("Wanneer ben je het best bereikbaar? (niet verplicht)"),
        }
        help_texts = {
            "role": _("Bijvoorbeeld directeur, intern begeleider of leerkracht."),
            "question": _("Wat wil je weten of bespreken? Minstens 10 en hoogstens 2000 tekens."),
            "preferred_time": _("Bijvoorbeeld: dinsdagmiddag of na 15.00 uur."),
        }
        widgets = {
            "question": forms.Textarea(attrs={"rows": 6}),
            "preferred_contact": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": _("Vul je naam in.")},
            "email": {"required": _("Vul je e-mailadres in."), "invalid": _("Vul een geldig e-mailadres in.")},
            "organisation": {"required": _("Vul je school of organisatie in.")},
            "role": {"required": _("Vul je functie in.")},
            "question": {"required": _("Vul je vraag in.")},
            "preferred_contact": {"required": _("Kies hoe je benaderd wilt worden.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ambassador"].queryset = contactable_ambassadors()
        self.fields["preferred_contact"].choices = PreferredContact.choices
        for name, field in self.fields.items():
            max_length = getattr(field, "max_length", None)
            if max_length and name != HONEYPOT_FIELD:
                field.error_messages["max_length"] = _("Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d).")
        question = self.fields["question"]
        question.validators.append(MinLengthValidator(QUESTION_MIN_LENGTH))
        question.error_messages["min_length"] = _(
            "Je vraag is te kort. Schrijf in een paar woorden wat je wilt weten of bespreken "
            "(minstens %(limit_value)d tekens)."
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("preferred_contact") == PreferredContact.PHONE and not cleaned_data.get("phone"):
            self.add_error("phone", _("Vul je telefoonnummer in als je telefonisch benaderd wilt worden."))
        return cleaned_data


class ContactRequestHandlingForm(WagtailAdminModelForm):
    """
    The secretariat's edit form in the inbox. It writes only the handling fields, so it never
    overwrites delivery state the retry command recorded while the form was open.
    """

    HANDLING_FIELDS = ["status", "internal_note", "status_changed_at", "status_changed_by"]

    def save(self, commit=True):
        instance = super().save(commit=False)
        if commit:
            instance.save(update_fields=self.HANDLING_FIELDS)
        return instance


@lru_cache(maxsize=16)
def unbound_form_fields(language, privacy_url, auto_id="id_%s"):
    """
    The fields of an empty contact form (all but the ambassador choice), rendered once per
    process for each language, privacy page URL and id prefix.

    A story page's form is never bound (it posts to /contact/, which shows any errors), and
    /contact/ shows an empty one until it is posted, so these fields are the same every time.
    Django renders each field through several templates, which made this the costliest part
    of an uncached story page (docs/performance.md). The result depends on the code and the
    arguments, never on content. `language` is only part of the key: the caller renders in it.
    """
    form = ContactRequestForm(auto_id=auto_id)
    return render_to_string("contact/includes/contact_form_fields.html", {"form": form, "privacy_url": privacy_url})
