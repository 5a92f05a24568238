"""The gate's own queries, written as SQL.

They run on every read of person data. Compiling the equivalent querysets
cost several times what running them did (docs/operations.md, "The cost of
the gate"), so the fixed-shape queries of the gate are kept here as SQL over
the models' own table and column names. Rows become model instances through
`Model.from_db` after each column passes the converters the ORM itself would
apply (`Loader`). Values are always passed as parameters; only names read
from the models' meta are formatted into the SQL.
`ingang/access/tests/test_sql.py` checks every function here against the
queryset it replaces.
"""

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, Model

from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.consent.models import Block, Consent
from ingang.people.models import Person
from ingang.records.models import Entry

Converter = Callable[[Any, Any, Any], Any]


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def placeholders(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


class Loader:
    """Reads one model's columns in a fixed order and builds instances as the ORM would.

    `select(alias)` gives the column list for a query; `load(row)` converts the
    first len(fields) values of a row (e.g. SQLite's text dates and JSON) and
    returns the instance. Built once per model and database vendor: the
    converters depend only on the fields and the backend.
    """

    def __init__(self, model: type[Model], fields: Sequence[str] | None = None) -> None:
        concrete: list[Field[Any, Any]] = [
            f for f in model._meta.concrete_fields if fields is None or f.name in fields
        ]
        self.model = model
        self.width = len(concrete)
        self.attnames = [f.attname for f in concrete]
        # Concrete fields always have a column; the stubs allow None for the others.
        self.columns = [str(f.column) for f in concrete]
        self.converters: list[tuple[int, list[Converter], Any]] = []
        for index, f in enumerate(concrete):
            col = f.get_col(model._meta.db_table)
            found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if found:
                self.converters.append((index, found, col))

    def select(self, alias: str) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{alias}.{quote(column)}" for column in self.columns)

    def load(self, row: Sequence[Any]) -> Any:
        values = list(row[: self.width])
        for index, converters, col in self.converters:
            for convert in converters:
                values[index] = convert(values[index], col, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


_loaders: dict[tuple[str, str, tuple[str, ...] | None], Loader] = {}


def loader(model: type[Model], fields: Sequence[str] | None = None) -> Loader:
    key = (connection.vendor, model._meta.label, None if fields is None else tuple(fields))
    if key not in _loaders:
        _loaders[key] = Loader(model, fields)
    return _loaders[key]


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _public_id(key: uuid.UUID) -> Any:
    return Person._meta.get_field("public_id").get_db_prep_value(key, connection)


def person_by_public_id(key: uuid.UUID) -> Person | None:
    people = loader(Person)
    rows = _fetch(
        f"SELECT {people.select('p')} FROM {table(Person)} p WHERE p.public_id = %s",  # noqa: S608  # nosec B608
        [_public_id(key)],
    )
    return people.load(rows[0]) if rows else None


def _related(alias: str) -> str:
    """The condition on case `alias` that relates the reader (two parameters: the reader's id)."""
    return (
        f"({alias}.coordinator_id = %s OR EXISTS (SELECT 1 FROM {table(CaseMember)} m "  # noqa: S608  # nosec B608
        f"WHERE m.case_id = {alias}.id AND m.staff_id = %s))"
    )


def person_and_related_case(key: uuid.UUID, *, reader_id: int) -> tuple[Person | None, Case | None]:
    """The person with this public id and, in the same query, their open case if it
    relates the reader (None for either when there is none)."""
    people, cases = loader(Person), loader(Case)
    rows = _fetch(
        f"SELECT {people.select('p')}, {cases.select('c')} FROM {table(Person)} p "  # noqa: S608  # nosec B608
        f"LEFT JOIN {table(Case)} c ON c.person_id = p.id AND c.state = %s AND {_related('c')} "
        "WHERE p.public_id = %s",
        [CaseState.OPEN.value, reader_id, reader_id, _public_id(key)],
    )
    if not rows:
        return None, None
    row = rows[0]
    case_row = row[people.width :]
    related = case_row[cases.attnames.index("id")] is not None
    return people.load(row), cases.load(case_row) if related else None


def related_cases(*, reader_id: int, ids: Sequence[int]) -> list[Case]:
    """The open cases of these people whose team includes the reader, or that they coordinate."""
    cases = loader(Case)
    rows = _fetch(
        f"SELECT {cases.select('c')} FROM {table(Case)} c "  # noqa: S608  # nosec B608
        f"WHERE c.person_id IN ({placeholders(ids)}) AND c.state = %s AND {_related('c')}",
        [*ids, CaseState.OPEN.value, reader_id, reader_id],
    )
    return [cases.load(row) for row in rows]


def consents_and_blocks(
    *, agency_id: int | None, staff_id: int, ids: Sequence[int]
) -> tuple[list[tuple[Consent, bool]], list[Block]]:
    """Every consent of these people, in Consent's ordering (newest first), each with
    whether it names the reader's agency or the reader; and their blocks in force.

    One statement (a UNION ALL padded with NULLs) so that a read costs one round
    trip less: each row says which kind it is in its first column.
    """
    consents, blocks = loader(Consent), loader(Block)
    agencies = table(Consent.agencies.through)
    staff = table(Consent.staff.through)
    consent_nulls = ", ".join(["NULL"] * consents.width)
    block_nulls = ", ".join(["NULL"] * blocks.width)
    # Ordinals of Consent's ordering columns (-valid_from, -id) in the combined rows.
    valid_from = 2 + consents.columns.index("valid_from")
    consent_id = 2 + consents.columns.index("id")
    rows = _fetch(
        f"SELECT 0 AS kind, {consents.select('c')}, "  # noqa: S608  # nosec B608
        f"(EXISTS (SELECT 1 FROM {agencies} a WHERE a.consent_id = c.id AND a.agency_id = %s) "
        f"OR EXISTS (SELECT 1 FROM {staff} s WHERE s.consent_id = c.id AND s.user_id = %s)), "
        f"{block_nulls} FROM {table(Consent)} c WHERE c.person_id IN ({placeholders(ids)}) "
        f"UNION ALL SELECT 1, {consent_nulls}, NULL, {blocks.select('b')} FROM {table(Block)} b "
        f"WHERE b.person_id IN ({placeholders(ids)}) AND b.lifted_at IS NULL "
        f"ORDER BY 1, {valid_from} DESC, {consent_id} DESC",
        [agency_id, staff_id, *ids, *ids],
    )
    names_reader = 1 + consents.width
    found_consents = [
        (consents.load(row[1:]), bool(row[names_reader])) for row in rows if row[0] == 0
    ]
    found_blocks = [blocks.load(row[names_reader + 1 :]) for row in rows if row[0] == 1]
    return found_consents, found_blocks


# What pages show of an entry's author; the rest of the user row loads only if asked for.
_AUTHOR_FIELDS = ["id", "username", "first_name", "last_name"]


def entries_visible(
    *,
    person_id: int,
    own_agency_id: int,
    categories: Sequence[str],
    crossing: Sequence[str],
) -> list[Entry]:
    """The person's entries of `categories` recorded by the reader's own agency, and
    those of `crossing` recorded by any agency, newest first (Entry's ordering),
    with their owning agency and author attached (no query per entry)."""
    if not categories and not crossing:
        return []
    entries, agencies, authors = loader(Entry), loader(Agency), loader(User, _AUTHOR_FIELDS)
    wanted = "(e.owning_agency_id = %s AND e.category IN ({}))".format(
        placeholders(categories) if categories else "NULL"
    )
    if crossing:
        wanted = f"({wanted} OR e.category IN ({placeholders(crossing)}))"
    rows = _fetch(
        f"SELECT {entries.select('e')}, {agencies.select('a')}, {authors.select('u')} "  # noqa: S608  # nosec B608
        f"FROM {table(Entry)} e JOIN {table(Agency)} a ON a.id = e.owning_agency_id "
        f"LEFT JOIN {table(User)} u ON u.id = e.author_id "
        f"WHERE e.person_id = %s AND {wanted} ORDER BY e.recorded_at DESC, e.id DESC",
        [person_id, own_agency_id, *categories, *crossing],
    )
    found = []
    agency_end = entries.width + agencies.width
    for row in rows:
        entry: Entry = entries.load(row)
        entry.owning_agency = agencies.load(row[entries.width : agency_end])
        if entry.author_id is not None:
            entry.author = authors.load(row[agency_end:])
        found.append(entry)
    return found
