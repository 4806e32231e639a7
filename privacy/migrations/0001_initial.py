"""The privacy models move here from the opvang app, in state only: not a row is copied.

The tables keep their names (opvang_destructionrequest, opvang_anonymisation; see the models'
db_table), so this migration only tells Django that the privacy app now owns them; opvang 0004
removes them from the opvang app's state. The content types are renamed too, so that the
audit-log entries written about these rows (which the append-only log never lets us rewrite)
and the permissions keep pointing at the right model.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = ("destructionrequest", "anonymisation")


def _move_content_types(apps, schema_editor, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED_MODELS:
        old = content_types.filter(app_label=source, model=model).first()
        if old is None:
            continue
        # A content type under the new label exists only after a rollback (the migrate command's
        # post_migrate creates one for the installed models). The old one carries the log entries
        # and the log cannot be rewritten, so the new one gives way (with its permissions).
        content_types.filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


def forward(apps, schema_editor) -> None:
    _move_content_types(apps, schema_editor, "opvang", "privacy")


def backward(apps, schema_editor) -> None:
    _move_content_types(apps, schema_editor, "privacy", "opvang")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("opvang", "0003_privacy"),
        ("cases", "0004_involvement_household"),
        ("children", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables exist already (opvang 0003_privacy).
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='DestructionRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('requested_on', models.DateField(verbose_name='requested on')),
                        ('requester_relation', models.CharField(choices=[('parent', 'Parent'), ('child', 'Child (12 or older)'), ('client', 'Adult client')], max_length=16, verbose_name='requested by')),
                        ('reason', models.TextField(blank=True, verbose_name='reason given')),
                        ('status', models.CharField(choices=[('requested', 'Requested'), ('approved', 'Approved'), ('refused', 'Refused'), ('executed', 'Executed')], default='requested', max_length=16, verbose_name='status')),
                        ('decided_on', models.DateField(blank=True, null=True, verbose_name='decided on')),
                        ('decision_reason', models.TextField(blank=True, verbose_name='reason for the decision')),
                        ('executed_on', models.DateField(blank=True, null=True, verbose_name='executed on')),
                        ('child', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='destruction_requests', to='children.child', verbose_name='only this child')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                        ('household', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='destruction_requests', to='cases.household', verbose_name='household')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ],
                    options={
                        'verbose_name': 'destruction request',
                        'verbose_name_plural': 'destruction requests',
                        'db_table': 'opvang_destructionrequest',
                        'ordering': ['-requested_on'],
                    },
                ),
                migrations.CreateModel(
                    name='Anonymisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('anonymised_at', models.DateTimeField(auto_now_add=True, verbose_name='anonymised at')),
                        ('reason', models.CharField(choices=[('retention', 'Retention period ended'), ('early_destruction', 'Early destruction on request')], max_length=24, verbose_name='reason')),
                        ('child', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='children.child', verbose_name='child')),
                        ('household', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='anonymisations', to='cases.household', verbose_name='household')),
                        ('request', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='anonymisation', to='privacy.destructionrequest')),
                    ],
                    options={
                        'verbose_name': 'anonymisation',
                        'verbose_name_plural': 'anonymisations',
                        'db_table': 'opvang_anonymisation',
                        'ordering': ['-anonymised_at'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('child__isnull', True)), fields=('household',), name='anonymisation_once_per_household'), models.UniqueConstraint(condition=models.Q(('child__isnull', False)), fields=('child',), name='anonymisation_once_per_child')],
                    },
                ),
            ],
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
