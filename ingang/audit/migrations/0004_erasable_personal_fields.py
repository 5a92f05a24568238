"""Let retention erase the personal fields of old access events, and nothing else.

Adds `salt`, `commitments` and `erased_at` (nullable, no default: on SQLite
the table is altered in place, so its triggers survive) and replaces the
append-only triggers with ones that allow exactly one kind of UPDATE, the
erasure (docs/audit.md, "Erasure"):

- the event is older than five years (the legal floor for keeping access
  logs; settings may only lengthen it), was sealed with commitments and is
  not yet erased;
- afterwards actor, actor name, person and subject reference are empty, the
  salt is gone and the commitments are stored;
- every other column, including digest and chain hash, is unchanged.

On PostgreSQL the session must also say `SET LOCAL ingang.audit_erasure = 'on'`
(the retention job does), so a stray ORM update never takes this path.
DELETE and TRUNCATE stay refused.

`install` and `uninstall` are also used by the browser tests, which must
lift the triggers to flush the database between tests.
"""

from django.db import migrations, models

PG_UP = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('ingang.audit_erasure', true) = 'on'
     AND OLD.occurred_at < now() - interval '5 years'
     AND OLD.salt IS NOT NULL AND OLD.commitments IS NULL
     AND NEW.salt IS NULL AND NEW.commitments IS NOT NULL AND NEW.erased_at IS NOT NULL
     AND NEW.actor_id IS NULL AND NEW.person_id IS NULL
     AND NEW.actor_name = '' AND NEW.subject_ref = ''
     AND NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.occurred_at = OLD.occurred_at
     AND NEW.actor_agency = OLD.actor_agency
     AND NEW.actor_agency_id_snapshot IS NOT DISTINCT FROM OLD.actor_agency_id_snapshot
     AND NEW.actor_unit = OLD.actor_unit AND NEW.actor_role = OLD.actor_role
     AND NEW.action = OLD.action AND NEW.categories = OLD.categories
     AND NEW.outcome = OLD.outcome AND NEW.channel = OLD.channel
     AND NEW.digest = OLD.digest AND NEW.chain_hash = OLD.chain_hash
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING
    MESSAGE = 'access events are append-only: ' || TG_OP || ' refused',
    ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_accessevent_append_only ON audit_accessevent;
DROP TRIGGER IF EXISTS audit_accessevent_no_truncate ON audit_accessevent;
CREATE TRIGGER audit_accessevent_append_only
  BEFORE UPDATE OR DELETE ON audit_accessevent
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_accessevent_no_truncate
  BEFORE TRUNCATE ON audit_accessevent
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_accessevent FROM PUBLIC;
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS audit_accessevent_append_only ON audit_accessevent;
DROP TRIGGER IF EXISTS audit_accessevent_no_truncate ON audit_accessevent;
DROP FUNCTION IF EXISTS audit_refuse_change();
"""
_SQLITE_ERASURE = """(
  OLD.salt IS NOT NULL AND OLD.commitments IS NULL
  AND NEW.salt IS NULL AND NEW.commitments IS NOT NULL AND NEW.erased_at IS NOT NULL
  AND NEW.actor_id IS NULL AND NEW.person_id IS NULL
  AND NEW.actor_name = '' AND NEW.subject_ref = ''
  AND NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.occurred_at = OLD.occurred_at
  AND NEW.actor_agency = OLD.actor_agency
  AND NEW.actor_agency_id_snapshot IS OLD.actor_agency_id_snapshot
  AND NEW.actor_unit = OLD.actor_unit AND NEW.actor_role = OLD.actor_role
  AND NEW.action = OLD.action AND NEW.categories = OLD.categories
  AND NEW.outcome = OLD.outcome AND NEW.channel = OLD.channel
  AND NEW.digest = OLD.digest AND NEW.chain_hash = OLD.chain_hash
  AND OLD.occurred_at < datetime('now', '-5 years')
)"""
SQLITE_UP = [
    "DROP TRIGGER IF EXISTS audit_accessevent_no_update;",
    "DROP TRIGGER IF EXISTS audit_accessevent_no_delete;",
    f"""CREATE TRIGGER audit_accessevent_no_update BEFORE UPDATE ON audit_accessevent
       WHEN NOT {_SQLITE_ERASURE}
       BEGIN SELECT RAISE(ABORT, 'access events are append-only (UPDATE refused)'); END;""",
    """CREATE TRIGGER audit_accessevent_no_delete BEFORE DELETE ON audit_accessevent
       BEGIN SELECT RAISE(ABORT, 'access events are append-only (DELETE refused)'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_accessevent_no_update;",
    "DROP TRIGGER IF EXISTS audit_accessevent_no_delete;",
]


def install(apps, schema_editor):
    ChainHead = apps.get_model("audit", "ChainHead")
    ChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "chain_hash": "0" * 64})
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DOWN)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


def reinstall_strict(apps, schema_editor):
    """Going back to 0003: the strict triggers of 0002."""
    from importlib import import_module

    strict = import_module("ingang.audit.migrations.0002_append_only")
    uninstall(apps, schema_editor)
    strict.install(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_alter_accessevent_channel_accesseventflag")]

    operations = [
        migrations.AddField(
            model_name="accessevent",
            name="salt",
            field=models.CharField(blank=True, max_length=32, null=True),
        ),
        migrations.AddField(
            model_name="accessevent",
            name="commitments",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="accessevent",
            name="erased_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(install, reinstall_strict),
    ]
