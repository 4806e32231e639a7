from django.apps import AppConfig


class DemoConfig(AppConfig):
    # No models and no pages: only the seed_demo and seed_scale management commands.
    name = "demo"
