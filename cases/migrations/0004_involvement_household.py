"""Denormalise the client's household onto Involvement (measured: per-household aggregates over
involvements took >100 s at 20 000 households with an OR over the adult and child joins)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    Involvement = apps.get_model("cases", "Involvement")
    AdultClient = apps.get_model("cases", "AdultClient")
    Child = apps.get_model("children", "Child")
    Involvement.objects.filter(household__isnull=True).update(
        household=Coalesce(
            Subquery(AdultClient.objects.filter(pk=OuterRef("adult_id")).values("household_id")[:1]),
            Subquery(Child.objects.filter(pk=OuterRef("child_id")).values("household_id")[:1]),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_stay_planned_outflow"),
        ("children", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="involvement",
            name="household",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="involvements",
                to="cases.household",
                verbose_name="household",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="involvement",
            name="household",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="involvements",
                to="cases.household",
                verbose_name="household",
            ),
        ),
    ]
