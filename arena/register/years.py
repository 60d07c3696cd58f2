"""The years the register has activities for, found without reading every activity.

`activity_years()` walks the index on `Activity.year` from the newest year down, one index lookup per distinct
year (a "loose index scan" written as a recursive query, the same SQL on SQLite and PostgreSQL), instead of a
DISTINCT over every row: a handful of lookups however many activities there are.
"""

from django.db import connection

from arena.register.models import Activity


def activity_years(limit: int | None = None) -> list[int]:
    """Distinct activity years, newest first (at most `limit`)."""
    table = connection.ops.quote_name(Activity._meta.db_table)
    sql = (
        f"WITH RECURSIVE years(year) AS ("
        f" SELECT MAX(year) FROM {table}"
        f" UNION ALL"
        f" SELECT (SELECT MAX(year) FROM {table} WHERE year < years.year) FROM years WHERE years.year IS NOT NULL"
        f") SELECT year FROM years WHERE year IS NOT NULL"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]
