"""`field__among=ids`: the rows whose integer field (a primary or foreign key) is one of a long list of ids.

It means what `field__in=ids` means, but the list travels as one parameter instead of one per id. Search and
the API pass lists of a few hundred ids; with `__in`, each id was prepared by the ORM, bound into the SQL text by
psycopg and parsed by PostgreSQL, and that cost more than running the query.

- PostgreSQL: `field = ANY(%s::bigint[])` with the ids as one array.
- SQLite: `field IN (SELECT value FROM json_each(%s))` with the ids as one JSON array.

An empty list matches nothing, as with `__in`. Registered for integer fields and foreign keys when the register
app is ready (`apps.RegisterConfig.ready`).
"""

import json

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField, Lookup


class Among(Lookup):
    lookup_name = "among"
    prepare_rhs = False

    def get_prep_lookup(self):
        if not isinstance(self.rhs, list | tuple | set | frozenset | dict):
            raise TypeError(f"__among takes a collection of ids, not {type(self.rhs).__name__}")
        return sorted({int(pk) for pk in self.rhs})

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        lhs, params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", (*params, self.rhs)
        if connection.vendor == "sqlite":
            return f"{lhs} IN (SELECT value FROM json_each(%s))", (*params, json.dumps(self.rhs))
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", (*params, *self.rhs)


def register() -> None:
    IntegerField.register_lookup(Among)
    ForeignObject.register_lookup(Among)
