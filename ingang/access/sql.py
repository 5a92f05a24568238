"""The gate's own queries, written as SQL.

They run on every read of person data. Compiling the equivalent querysets
cost several times what running them did (docs/operations.md, "The cost of
the gate"), so the fixed-shape queries of the gate are kept here as SQL over the
models' own table names and read back through `Model.objects.raw`, which
still converts every column as the ORM would. Values are always passed as
parameters; only table names, read from the models' meta, are formatted in.
"""

import uuid
from collections.abc import Sequence
from typing import Any, cast

from django.db import connection
from django.db.models import Model

from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.consent.models import Block, Consent
from ingang.people.models import Person
from ingang.records.models import Entry


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def placeholders(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def person_by_public_id(key: uuid.UUID) -> Person | None:
    value = Person._meta.get_field("public_id").get_db_prep_value(key, connection)
    rows = Person.objects.raw(f"SELECT * FROM {table(Person)} WHERE public_id = %s", [value])  # noqa: S608  # nosec B608
    return next(iter(rows), None)


def related_cases(*, reader_id: int, ids: Sequence[int]) -> list[Case]:
    """The open cases of these people whose team includes the reader, or that they coordinate."""
    return list(
        Case.objects.raw(
            f"SELECT c.* FROM {table(Case)} c "  # noqa: S608  # nosec B608
            f"WHERE c.person_id IN ({placeholders(ids)}) AND c.state = %s "
            f"AND (c.coordinator_id = %s OR EXISTS (SELECT 1 FROM {table(CaseMember)} m "
            "WHERE m.case_id = c.id AND m.staff_id = %s))",
            [*ids, CaseState.OPEN.value, reader_id, reader_id],
        )
    )


def consents_naming_reader(
    *, agency_id: int | None, staff_id: int, ids: Sequence[int]
) -> list[tuple[Consent, bool]]:
    """Every consent of these people, in Consent's ordering (newest first), each with
    whether it names the reader's agency or the reader."""
    agencies = table(Consent.agencies.through)
    staff = table(Consent.staff.through)
    rows = Consent.objects.raw(
        f"SELECT c.*, (EXISTS (SELECT 1 FROM {agencies} a "  # noqa: S608  # nosec B608
        "WHERE a.consent_id = c.id AND a.agency_id = %s) "
        f"OR EXISTS (SELECT 1 FROM {staff} s "
        "WHERE s.consent_id = c.id AND s.user_id = %s)) AS names_reader "
        f"FROM {table(Consent)} c WHERE c.person_id IN ({placeholders(ids)}) "
        "ORDER BY c.valid_from DESC, c.id DESC",
        [agency_id, staff_id, *ids],
    )
    return [(consent, bool(cast(Any, consent).names_reader)) for consent in rows]


def blocks_in_force(ids: Sequence[int]) -> list[Block]:
    """The blocks of these people that have not been lifted."""
    return list(
        Block.objects.raw(
            f"SELECT * FROM {table(Block)} "  # noqa: S608  # nosec B608
            f"WHERE person_id IN ({placeholders(ids)}) AND lifted_at IS NULL",
            list(ids),
        )
    )


_AGENCY_FIELDS = ["id", "kind", "name", "short_name"]
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
    agency = ", ".join(f"a.{f} AS agency_{f}" for f in _AGENCY_FIELDS)
    author = ", ".join(f"u.{f} AS author_{f}" for f in _AUTHOR_FIELDS)
    wanted = "(e.owning_agency_id = %s AND e.category IN ({}))".format(
        placeholders(categories) if categories else "NULL"
    )
    if crossing:
        wanted = f"({wanted} OR e.category IN ({placeholders(crossing)}))"
    sql = (
        f"SELECT e.*, {agency}, {author} FROM {table(Entry)} e "  # noqa: S608  # nosec B608
        f"JOIN {table(Agency)} a ON a.id = e.owning_agency_id "
        f"LEFT JOIN {table(User)} u ON u.id = e.author_id "
        f"WHERE e.person_id = %s AND {wanted} ORDER BY e.recorded_at DESC, e.id DESC"
    )
    rows = list(Entry.objects.raw(sql, [person_id, own_agency_id, *categories, *crossing]))
    for entry in rows:
        values = [getattr(entry, f"agency_{f}") for f in _AGENCY_FIELDS]
        entry.owning_agency = Agency.from_db(connection.alias, _AGENCY_FIELDS, values)
        if entry.author_id is not None:
            values = [getattr(entry, f"author_{f}") for f in _AUTHOR_FIELDS]
            entry.author = User.from_db(connection.alias, _AUTHOR_FIELDS, values)
    return rows
