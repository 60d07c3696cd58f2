"""Finding activities by the words of a query, with an index on each database.

The rule is the same everywhere: an activity matches when every word of the query occurs in its normalised
text (`Activity.search_text`), *inside* a word too — Norwegian writes compounds as one word, so "beredskap" must
find "legemiddelberedskap" and "Helsesikkerhet og -beredskap". Substring matching is the compound handling: it
needs no dictionary, so it also splits coinages and programme names no dictionary knows (a Hunspell
decompounder only splits words whose parts it lists, and PostgreSQL implements only part of Hunspell's compound
rules). A word of two letters ("EU", "FN") matches where a word starts instead: inside a word two letters are a
coincidence, and no trigram index can find them there, so "EU" read every activity in turn.

- PostgreSQL: the substring test uses the `pg_trgm` GIN index on `search_text` (migration 0003); in addition the
  `norwegian` full-text configuration matches inflected forms of the query's words ("beredskapen" finds
  "beredskap"), through the stored generated column `search_vector` and its GIN index (migration 0005; the
  column is not a model field, only this module reads it). Where that column is missing, only the substring
  test is used.
- SQLite: an FTS5 table with the trigram tokenizer over `search_text`, kept in step by triggers, answers the substring test from an index; words shorter than three letters, which trigrams cannot index, are
  found at a word's start through the same table (their trigrams after a space, "(", "-" …) and an index on
  the text's first two letters (`register_activity_search_start`, made with the table); a word too common for that
  is tested with LIKE in the page's order. `ensure_sqlite_fts()` runs after every `migrate` (post_migrate): it creates the table and
  triggers where missing — a later migration that rebuilds `register_activity` drops its triggers — and then
  refills the table from `search_text`.
- Any other case (FTS5 missing): LIKE on `search_text`, correct but unindexed.
"""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

FTS_CONFIG = "norwegian"
SQLITE_FTS_TABLE = "register_activity_fts"
WORD_STARTS = (" ", "-", "/", "(", "«", '"')  # what a word can follow in a normalised text
SQLITE_START_INDEX = "register_activity_search_start"  # SQLite: the text's first two letters, for short words
DENSE = 1000  # SQLite: more FTS5 matches than this, and the words are tested row by row in index order

_has_index: dict[str, bool] = {}

_SQLITE_TRIGGERS = {
    "register_activity_fts_insert": "AFTER INSERT ON register_activity BEGIN "
    f"INSERT INTO {SQLITE_FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    "register_activity_fts_delete": "AFTER DELETE ON register_activity BEGIN "
    f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "register_activity_fts_update": "AFTER UPDATE OF search_text ON register_activity BEGIN "
    f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {SQLITE_FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
}


def ensure_sqlite_fts(using: str = "default", **kwargs) -> None:
    """Create the SQLite FTS5 trigram table and its triggers if missing, and refill it when anything was missing.
    Connected to post_migrate; does nothing on other databases or where SQLite lacks FTS5."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", ["register_activity%"])
        present = {row[0] for row in cursor.fetchall()}
        if "register_activity" not in present:
            return
        if SQLITE_START_INDEX not in present:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {SQLITE_START_INDEX} ON register_activity (substr(search_text, 1, 2))"
            )
        missing = [name for name in (SQLITE_FTS_TABLE, *_SQLITE_TRIGGERS) if name not in present]
        if not missing:
            return
        try:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_FTS_TABLE} USING fts5(search_text,"
                " content='register_activity', content_rowid='id', tokenize='trigram')"
            )
        except Exception:  # noqa: BLE001 - SQLite without FTS5: search falls back to LIKE
            return
        for name, body in _SQLITE_TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        cursor.execute(f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}) VALUES ('rebuild')")
    _has_index.clear()


def sqlite_fts_available() -> bool:
    """True if the SQLite database has the FTS5 table (created after migrate where FTS5 is compiled in)."""
    name = connection.settings_dict["NAME"]
    if name not in _has_index:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [SQLITE_FTS_TABLE])
            _has_index[name] = cursor.fetchone() is not None
    return _has_index[name]


def postgresql_vector_available() -> bool:
    """True if register_activity has the generated `search_vector` column (migration 0005)."""
    name = "pg:" + connection.settings_dict["NAME"]
    if name not in _has_index:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns"
                " WHERE table_name = 'register_activity' AND column_name = 'search_vector'"
            )
            _has_index[name] = cursor.fetchone() is not None
    return _has_index[name]


def _fts5_count(expression: str, limit: int) -> int:
    """How many activities the FTS5 expression matches, counting at most `limit` (FTS5 stops there)."""
    sql = (
        f"SELECT COUNT(*) FROM (SELECT rowid FROM {SQLITE_FTS_TABLE}"  # noqa: S608
        f" WHERE {SQLITE_FTS_TABLE} MATCH %s LIMIT %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, limit])
        return cursor.fetchone()[0]


def _fts5_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def occurs(word: str, field: str = "search_text", lookup: str = "contains") -> Q:
    """`word` occurs in `field` (with `lookup`: contains or icontains): anywhere, or for a word shorter than a
    trigram where a word starts. Inside a word two letters are a coincidence ("eu" in "neurologi"), and a trigram
    index cannot find them there; at a word's start it can ("EU-kommisjonen", "(FN)")."""
    if len(word) >= 3:
        return Q(**{f"{field}__{lookup}": word})
    match = Q(**{f"{field}__{lookup.replace('contains', 'startswith')}": word})
    for before in WORD_STARTS:
        match |= Q(**{f"{field}__{lookup}": before + word})
    return match


def _sqlite_short_word(word: str) -> Q:
    """SQLite: a two-letter word where a word starts, found through indexes: FTS5 trigrams of the word after
    each of WORD_STARTS (" eu", "(eu" …) and the index on the text's first two letters. A word that common (more
    than DENSE) is tested row by row in the page's order instead, as common long words are."""
    expression = " OR ".join(_fts5_phrase(before + word) for before in WORD_STARTS)
    if len(word) != 2 or _fts5_count(expression, DENSE + 1) > DENSE:
        return occurs(word)
    sql = f"SELECT rowid FROM {SQLITE_FTS_TABLE} WHERE {SQLITE_FTS_TABLE} MATCH %s"  # noqa: S608
    at_start = RawSQL("substr(register_activity.search_text, 1, 2) = %s", [word], output_field=BooleanField())
    return Q(pk__in=RawSQL(sql, [expression])) | Q(at_start)


def activity_text_match(query: str, words: list[str]) -> Q:
    """A filter on Activity: every word of `words` (from the normalised `query`) occurs in the activity's text
    (words of two letters where a word starts)."""
    if not words:
        return Q(pk__in=[])
    if connection.vendor == "sqlite" and sqlite_fts_available():
        long_words = [w for w in words if len(w) >= 3]
        match = Q()
        for word in words:
            if len(word) < 3:
                match &= _sqlite_short_word(word)
        if long_words:
            expression = " AND ".join(_fts5_phrase(w) for w in long_words)
            if _fts5_count(expression, DENSE + 1) > DENSE:
                # Common words: SQLite would materialise every match of the subquery; testing the rows in
                # the page's index order finds the first matches after a few rows instead.
                for word in long_words:
                    match &= Q(search_text__contains=word)
            else:
                sql = f"SELECT rowid FROM {SQLITE_FTS_TABLE} WHERE {SQLITE_FTS_TABLE} MATCH %s"  # noqa: S608
                match &= Q(pk__in=RawSQL(sql, [expression]))
        return match
    match = Q()
    for word in words:
        match &= occurs(word)
    if connection.vendor == "postgresql" and postgresql_vector_available():
        stemmed = RawSQL(
            f"register_activity.search_vector @@ plainto_tsquery('{FTS_CONFIG}'::regconfig, %s)",
            [query],
            output_field=BooleanField(),
        )
        match |= Q(stemmed)
    return match
