"""The secretariat's appointment form and the ambassador's availability form."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.models import AmbassadorPage

from . import appointment_flow
from .appointments import AmbassadorAvailability, Appointment, AppointmentWay


class AmbassadorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class AppointmentForm(forms.Form):
    """Date and time are Europe/Amsterdam (TIME_ZONE); warnings must be confirmed once."""

    ambassador = AmbassadorChoice(queryset=AmbassadorPage.objects.none(), label=_("Ambassadeur"))
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(label=_("Duur (minuten)"), min_value=10, max_value=240, initial=45)
    way = forms.ChoiceField(label=_("Manier"), choices=AppointmentWay.choices, widget=forms.RadioSelect)
    location = forms.CharField(
        label=_("Telefoonnummer, videolink of adres"),
        max_length=300,
        help_text=_("Staat in de uitnodiging van beide deelnemers."),
    )
    note = forms.CharField(
        label=_("Toelichting voor beide deelnemers"), max_length=1000, required=False, widget=forms.Textarea
    )
    confirm_warnings = forms.BooleanField(label=_("Ik heb de waarschuwingen gelezen en plan toch"), required=False)

    def __init__(self, *args, appointment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.appointment = appointment
        self.warnings = []
        self.fields["ambassador"].queryset = AmbassadorPage.objects.filter(ambassador_account__isnull=False).order_by(
            "title"
        )
        if appointment is not None:
            # A move keeps the ambassador: a different one is a new proposal.
            del self.fields["ambassador"]
        for name in ("location",):
            self.fields[name].validators.extend(Appointment._meta.get_field(name).validators)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        starts_at = timezone.make_aware(datetime.combine(data["date"], data["start_time"]))
        data["starts_at"] = starts_at
        if starts_at <= timezone.now():
            self.add_error("date", _("Kies een moment in de toekomst."))
            return data
        ambassador = data.get("ambassador") or self.appointment.ambassador
        self.warnings = appointment_flow.planning_warnings(ambassador, starts_at, data["way"], exclude=self.appointment)
        if self.warnings and not data.get("confirm_warnings"):
            self.add_error(
                "confirm_warnings", _("Lees de waarschuwingen hierboven en bevestig als je toch wilt plannen.")
            )
        return data

    def appointment_fields(self):
        data = self.cleaned_data
        fields = {name: data[name] for name in ("starts_at", "duration_minutes", "way", "location", "note")}
        if "ambassador" in data:
            fields["ambassador"] = data["ambassador"]
        return fields


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = AmbassadorAvailability
        fields = ["takes_new", "max_per_month", "by_phone", "by_video", "by_visit", "note"]
