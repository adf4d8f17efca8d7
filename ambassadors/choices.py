"""The fixed choices of a school's data: its kind, educational concept, province and pupils."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolKind(models.TextChoices):
    SCHOOL = "school", _("School")
    BOARD = "board", _("Schoolbestuur (stichting)")


class EducationalConcept(models.TextChoices):
    OPENBAAR = "openbaar", _("Openbare basisschool")
    DALTON = "dalton", _("Daltononderwijs")
    MONTESSORI = "montessori", _("Montessorionderwijs")
    JENAPLAN = "jenaplan", _("Jenaplanonderwijs")
    EDUCATIEF_CENTRUM = "educatief-centrum", _("Educatief centrum / kindcentrum")
    CHRISTELIJK = "christelijk", _("Christelijk onderwijs")
    OVERIG = "overig", _("Ander concept")


class Province(models.TextChoices):
    DRENTHE = "drenthe", "Drenthe"
    FLEVOLAND = "flevoland", "Flevoland"
    FRIESLAND = "friesland", "Friesland"
    GELDERLAND = "gelderland", "Gelderland"
    GRONINGEN = "groningen", "Groningen"
    LIMBURG = "limburg", "Limburg"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    OVERIJSSEL = "overijssel", "Overijssel"
    UTRECHT = "utrecht", "Utrecht"
    ZEELAND = "zeeland", "Zeeland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"


class Population(models.TextChoices):
    MIXED = "gemengd", _("Gemengd")
    MULTICULTURAL = "multicultureel", _("Multicultureel")
    MOSTLY_HIGHER_EDUCATED = "hoger-opgeleid", _("Overwegend hoger opgeleide ouders")
    MOSTLY_LOWER_EDUCATED = "lager-opgeleid", _("Overwegend lager opgeleide ouders")
