"""Site-wide models: the outbox of every email the site sends, and the periodic jobs' clock."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One email waiting for, or done with, delivery by the worker (core/outbox.py)."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Wacht op verzending")
        SENT = "sent", _("Verzonden")
        FAILED = "failed", _("Mislukt")

    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    from_email = models.CharField(_("afzender"), max_length=320)
    to = models.JSONField(_("aan"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.TextField(_("onderwerp"))
    body = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # Each as {"filename", "content" (base64), "mimetype"}; the site's own emails have none.
    attachments = models.JSONField(default=list, blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail in de verzendrij")
        verbose_name_plural = _("verzendrij (e-mail)")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def recipients(self):
        return ", ".join(self.to + self.cc + self.bcc)


class PeriodicJob(models.Model):
    """When a periodic job (core/schedule.py) is next due; claimed by one worker at a time."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()

    def __str__(self):
        return self.name
