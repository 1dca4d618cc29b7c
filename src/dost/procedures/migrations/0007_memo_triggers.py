"""Renew the memo token (``dost.core.memo``) when the procedures or the official calendar change: the
procedures an officer handles and the stored calendar are kept across requests."""

from django.db import migrations

from dost.core import memo

TABLES = {
    "procedures_proceduretype": ("organisation_id", "name"),
    "procedures_calendaryear": ("*",),
    "procedures_calendarday": ("*",),
}
CREATE_TRIGGERS, DROP_TRIGGERS = memo.watch_tables(TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_access_generation"),
        ("procedures", "0006_dossier_open_queue_index"),
    ]

    operations = [migrations.RunPython(CREATE_TRIGGERS, DROP_TRIGGERS)]
