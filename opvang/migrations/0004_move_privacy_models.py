"""DestructionRequest and Anonymisation now belong to the privacy app (privacy 0001).

State only: the tables stay where they are, under their old names, with every row.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("opvang", "0003_privacy"),
        ("privacy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Anonymisation"),
                migrations.DeleteModel(name="DestructionRequest"),
            ],
        ),
    ]
