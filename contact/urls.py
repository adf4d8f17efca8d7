"""The links in appointment emails (mounted under core.paths.APPOINTMENTS, outside the page cache)."""

from django.urls import path

from . import appointment_views

urlpatterns = [
    path("<str:token>/", appointment_views.decision, name="contact_appointment_decision"),
    path("nuttig/<str:token>/", appointment_views.feedback, name="contact_appointment_feedback"),
]
