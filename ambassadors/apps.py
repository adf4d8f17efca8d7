from django.apps import AppConfig


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = "Ambassadeurs"
