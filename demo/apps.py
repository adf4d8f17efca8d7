from django.apps import AppConfig


class DemoConfig(AppConfig):
    """
    Demo and benchmark content: `load_demo_content` builds the demo site, `load_fake_data`
    adds generated stories for `make bench`.

    It builds the pages of every content app, so it sits above them (docs/architecture.md);
    no content app imports it.
    """

    name = "demo"
    verbose_name = "Demo"
