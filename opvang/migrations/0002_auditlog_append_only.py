"""NEN 7513: the audit log is append-only at the database.

On PostgreSQL a trigger refuses UPDATE and DELETE on auditlog_logentry. The one escape is a
transaction that sets ``SET LOCAL opvang.audit_maintenance = 'on'`` — used only by the
retention job that removes log entries whose own retention period has ended (see
opvang.audit.audit_maintenance). SQLite (the zero-setup development database) has no guard. TRUNCATE is not
guarded here (test teardown uses it): in production the application's database role is not
granted TRUNCATE on this table.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION opvang_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('opvang.audit_maintenance', true), '') = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only (%% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS opvang_audit_append_only ON auditlog_logentry;
CREATE TRIGGER opvang_audit_append_only
    BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION opvang_audit_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS opvang_audit_append_only ON auditlog_logentry;
DROP FUNCTION IF EXISTS opvang_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("opvang", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
