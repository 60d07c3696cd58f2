# The list's order (newest first) as one index, and on PostgreSQL trigram indexes on the expressions the search
# tests (`icontains` is UPPER(column) LIKE UPPER(pattern)). Besides answering rare words from an index, they give
# the planner statistics on those expressions: without them it guessed a few hundred matches where a common word
# matched nearly every item, and sorted the whole table instead of reading the newest items in index order.

import logging

from django.db import migrations, models, transaction

log = logging.getLogger(__name__)

TRIGRAM_INDEXES = {
    "monitoring_item_title_trgm": "UPPER(title::text)",
    "monitoring_item_summary_trgm": "UPPER(summary)",
}


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(), schema_editor.connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for name, expression in TRIGRAM_INDEXES.items():
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {name} ON monitoring_monitoringitem"
                    f" USING gin (({expression}) gin_trgm_ops)"
                )
            cursor.execute("ANALYZE monitoring_monitoringitem")
    except Exception as exc:  # noqa: BLE001 - reported, not fatal: the indexes are an optimisation
        log.warning("Trigram indexes not created (%s); search works without them, only slower.", exc)


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for name in TRIGRAM_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0002_feed_poll_state_not_versioned"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="monitoringitem",
            name="monitoring_item_date",
        ),
        migrations.AddIndex(
            model_name="monitoringitem",
            index=models.Index(fields=["-date", "-id"], name="monitoring_item_date"),
        ),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
    ]
