"""Importing participations (SUS-style rows) from a file, all or nothing.

Every row is checked before anything is written: the file is refused as a
whole with a list of (line, column, reason) when any row is wrong. Named rows
find the person through the gate (`person_number_lookup`, logged, in its own
transaction so the trace stays even when the import is refused or a dry run);
the import never creates people. A row is the same participation as an earlier
import's when project, person (or anonymous key) and entry date are the same:
then only its exit, income source at entry and education level may change.
"""

import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ingang.access.selectors import PersonNotFound, person_number_lookup
from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.audit.models import Channel
from ingang.core.categories import Category
from ingang.finsam.models import Project
from ingang.followup.models import EducationLevel, ExitStatus, Gender, IncomeSource, Participation
from ingang.followup.services import OLDEST, YOUNGEST, gender_and_birth_year
from ingang.imports.models import ImportedParticipation, ImportRun
from ingang.imports.reading import FileRefused, read_rows
from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number
from ingang.people.models import Person
from ingang.timeline.services import timeline_event_emit

REQUIRED = frozenset(
    {"personnummer", "projekt", "förbund", "kön", "födelseår", "inskriven", "försörjning_in"}
)
OPTIONAL = frozenset(
    {"samtycke", "utskriven", "försörjning_ut", "status_ut", "utbildning", "referens"}
)
COLUMNS = REQUIRED | OPTIONAL
# Fields a re-import may change on a participation it imported before.
UPDATABLE = (
    "entry_income_source",
    "education_level",
    "exited_on",
    "exit_income_source",
    "exit_status",
)
YES, NO = {"ja", "j", "yes", "1", "x"}, {"", "nej", "n", "no", "0"}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str


@dataclass
class PlannedRow:
    line: int
    key: str
    project: Project
    person: Person | None  # linked: named, consented, identity not protected
    gender: str
    birth_year: int
    values: dict[str, Any]


@dataclass
class ImportResult:
    file_name: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    run: ImportRun | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


# The Swedish words accepted in a file, fixed here rather than taken from the UI's
# translations, so a file's meaning never depends on the catalogue.
SWEDISH: dict[type[models.TextChoices], dict[str, str]] = {
    Gender: {"kvinna": "woman", "k": "woman", "man": "man", "m": "man", "annat": "other"},
    IncomeSource: {
        "a-kassa": "unemployment_benefit",
        "arbetslöshetsersättning": "unemployment_benefit",
        "aktivitetsstöd": "activity_support",
        "sjukpenning": "sickness_benefit",
        "rehabiliteringsersättning": "sickness_benefit",
        "sjukersättning": "sickness_compensation",
        "aktivitetsersättning": "sickness_compensation",
        "försörjningsstöd": "income_support",
        "ekonomiskt bistånd": "income_support",
        "etableringsersättning": "establishment_benefit",
        "osubventionerad lön": "unsubsidised_wage",
        "lön": "unsubsidised_wage",
        "subventionerad lön": "subsidised_wage",
        "studiemedel": "student_finance",
        "annan": "other",
        "ingen": "none",
        "okänd": "unknown",
    },
    ExitStatus: {
        "osubventionerat arbete": "unsubsidised_work",
        "arbete": "unsubsidised_work",
        "subventionerat arbete": "subsidised_work",
        "studier": "studies",
        "arbetssökande": "job_seeking",
        "annat program": "other_programme",
        "sjuk": "sick",
        "föräldraledig": "parental_leave",
        "flyttat": "moved",
        "avbrutit": "dropped_out",
        "okänd": "unknown",
    },
    EducationLevel: {
        "ej fullständig grundskola": "compulsory_incomplete",
        "grundskola": "compulsory",
        "gymnasium": "upper_secondary",
        "eftergymnasial": "post_secondary",
        "okänd": "unknown",
    },
}


def _choices(enum: type[models.TextChoices]) -> dict[str, str]:
    """Code by value, English label or Swedish word (lower case)."""
    with translation.override("en"):
        found = {str(label).lower(): value for value, label in enum.choices}
    found.update(SWEDISH[enum])
    found.update({value: value for value in enum.values})
    return found


def _key(project: Project, who: str, entered_on: date) -> str:
    message = f"participant-import|{project.pk}|{who}|{entered_on.isoformat()}"
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


class _Row:
    """Checks one row, collecting every error rather than stopping at the first."""

    def __init__(self, line: int, cells: dict[str, str], errors: list[RowError]) -> None:
        self.line, self.cells, self.errors = line, cells, errors

    def error(self, column: str, reason: str | Promise) -> None:
        self.errors.append(RowError(self.line, column, str(reason)))

    def code(self, column: str, table: dict[str, str], required: bool) -> str:
        raw = self.cells.get(column, "").strip()
        if not raw:
            if required:
                self.error(column, _("Fill in this column."))
            return ""
        value = table.get(raw.lower())
        if value is None:
            self.error(column, _("Unknown code “%(code)s”.") % {"code": raw})
            return ""
        return value

    def day(self, column: str, required: bool) -> date | None:
        raw = self.cells.get(column, "").strip()
        if not raw:
            if required:
                self.error(column, _("Fill in this column."))
            return None
        try:
            value = date.fromisoformat(raw[:10])
        except ValueError:
            self.error(column, _("Write the date as YYYY-MM-DD."))
            return None
        if value > timezone.localdate():
            self.error(column, _("The date cannot be in the future."))
            return None
        return value


class _Importer:
    def __init__(self, actor: User, channel: Channel) -> None:
        self.actor, self.channel = actor, channel
        self.genders = _choices(Gender)
        self.incomes = _choices(IncomeSource)
        self.statuses = _choices(ExitStatus)
        self.levels = _choices(EducationLevel)
        self.projects: dict[tuple[str, str], Project | None] = {}

    def project(self, row: _Row) -> Project | None:
        name, association = row.cells.get("projekt", ""), row.cells.get("förbund", "")
        if not name or not association:
            row.error("projekt" if not name else "förbund", _("Fill in this column."))
            return None
        cache = (association.lower(), name.lower())
        if cache not in self.projects:
            self.projects[cache] = Project.objects.filter(
                association__name__iexact=association, name__iexact=name
            ).first()
        project = self.projects[cache]
        if project is None:
            row.error(
                "projekt",
                _("No project of that name in the association %(name)s.") % {"name": association},
            )
        return project

    def person(self, row: _Row) -> tuple[Person | None, bool]:
        """(person, whether a number was given); errors for a bad or unknown number."""
        raw = row.cells.get("personnummer", "").strip()
        if not raw:
            return None, False
        try:
            number = parse_identity_number(raw)
        except InvalidIdentityNumber as exc:
            row.error("personnummer", exc.args[0])
            return None, True
        try:
            public_id = person_number_lookup(
                reader=self.actor, personal_number=number.digits, channel=self.channel
            )
        except PersonNotFound:
            row.error(
                "personnummer",
                _(
                    "No person with this number whom you may see in Ingång. "
                    "The import does not register people."
                ),
            )
            return None, True
        return Person.objects.get(public_id=public_id), True

    def check(self, line: int, cells: dict[str, str], errors: list[RowError]) -> PlannedRow | None:
        row = _Row(line, cells, errors)
        before = len(errors)
        project = self.project(row)
        person, named = self.person(row)
        consent = cells.get("samtycke", "").strip().lower()
        if consent not in YES | NO:
            row.error("samtycke", _("Write ja or nej."))
        gender, birth_year = "", 0
        if person is not None:
            gender, birth_year = gender_and_birth_year(person)
        elif not named:
            gender = row.code("kön", self.genders, required=True)
            raw_year = cells.get("födelseår", "").strip()
            if not raw_year.isdigit() or len(raw_year) != 4:
                row.error("födelseår", _("Write the birth year with four digits."))
            else:
                birth_year = int(raw_year)
        entered_on = row.day("inskriven", required=True)
        entry_income = row.code("försörjning_in", self.incomes, required=True)
        level = row.code("utbildning", self.levels, required=False) or EducationLevel.UNKNOWN
        exited_on = row.day("utskriven", required=False)
        exit_income = row.code("försörjning_ut", self.incomes, required=exited_on is not None)
        exit_status = row.code("status_ut", self.statuses, required=exited_on is not None)
        if exited_on is None and (exit_income or exit_status):
            row.error(
                "utskriven", _("Give the exit date together with income source and status at exit.")
            )
        if entered_on is not None:
            if exited_on is not None and exited_on < entered_on:
                row.error("utskriven", _("The exit cannot be before the entry."))
            if birth_year and not YOUNGEST <= entered_on.year - birth_year <= OLDEST:
                row.error(
                    "födelseår",
                    _("The participant must be %(young)s–%(old)s years old.")
                    % {"young": YOUNGEST, "old": OLDEST},
                )
            if project is not None and (
                entered_on < project.starts_on
                or (project.ends_on is not None and entered_on > project.ends_on)
            ):
                row.error("inskriven", _("The project does not run on that date."))
        if (
            len(errors) > before
            or project is None
            or entered_on is None
            or (person is None and named)
        ):
            return None
        reference = cells.get("referens", "").strip()
        if person is not None:
            who = f"pnr:{person.personal_number}"
        elif reference:
            who = f"ref:{reference}"
        else:
            who = f"anon:{gender}:{birth_year}"
        linked = (
            person
            if person is not None and consent in YES and not person.protected_identity
            else None
        )
        return PlannedRow(
            line=line,
            key=_key(project, who, entered_on),
            project=project,
            person=linked,
            gender=gender,
            birth_year=birth_year,
            values={
                "entered_on": entered_on,
                "entry_income_source": entry_income,
                "education_level": level,
                "exited_on": exited_on,
                "exit_income_source": exit_income,
                "exit_status": exit_status,
            },
        )


def _changes(participation: Participation, row: PlannedRow) -> dict[str, Any]:
    wanted = {name: row.values[name] for name in UPDATABLE}
    if wanted["exited_on"] is None:  # a file without the exit does not erase a known exit
        for name in ("exited_on", "exit_income_source", "exit_status"):
            wanted.pop(name)
    return {name: value for name, value in wanted.items() if getattr(participation, name) != value}


def _identity[T](items: Iterable[T]) -> Iterable[T]:
    return items


def participants_import(
    *,
    actor: User,
    content: bytes,
    file_name: str,
    channel: Channel = Channel.WEB,
    dry_run: bool = False,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = _identity,
) -> ImportResult:
    """Check the whole file, then (unless a dry run or any row is wrong) write it in one go."""
    agency = actor.agency
    if agency is None or not actor.is_active or not Role(actor.role).analyses:
        raise PermissionDenied
    result = ImportResult(file_name=file_name, dry_run=dry_run)
    try:
        _names, rows = read_rows(content, file_name, REQUIRED, COLUMNS)
    except FileRefused as exc:
        result.errors.append(RowError(0, "", str(exc.args[0])))
        return result
    result.rows = len(rows)
    importer = _Importer(actor, channel)
    planned: list[PlannedRow] = []
    seen: dict[str, int] = {}
    for line, cells in progress(rows):
        row = importer.check(line, cells, result.errors)
        if row is None:
            continue
        if row.key in seen:
            result.errors.append(
                RowError(
                    line,
                    "",
                    _("The same participation as on line %(line)s.") % {"line": seen[row.key]},
                )
            )
            continue
        seen[row.key] = line
        planned.append(row)
    if result.errors:
        return result
    with transaction.atomic():
        known = {
            i.key: i.participation
            for i in ImportedParticipation.objects.select_for_update()
            .select_related("participation")
            .filter(key__in=seen)
        }
        run = (
            None
            if dry_run
            else ImportRun.objects.create(actor=actor, channel=channel, file_name=file_name[:255])
        )
        for row in planned:
            existing = known.get(row.key)
            if existing is None:
                result.created += 1
                if run is not None:
                    _create(actor, run, row)
                continue
            changes = _changes(existing, row)
            if not changes:
                result.unchanged += 1
                continue
            result.updated += 1
            if run is not None:
                _update(actor, existing, changes)
        if run is not None:
            run.rows, run.created, run.updated, run.unchanged = (
                result.rows,
                result.created,
                result.updated,
                result.unchanged,
            )
            run.save()
            result.run = run
    return result


def _create(actor: User, run: ImportRun, row: PlannedRow) -> None:
    participation = Participation.objects.create(
        project=row.project,
        person=row.person,
        gender=row.gender,
        birth_year=row.birth_year,
        owning_agency=actor.agency,
        registered_by=actor,
        **row.values,
    )
    ImportedParticipation.objects.create(key=row.key, participation=participation, run=run)
    if row.person is not None:
        timeline_event_emit(
            person=row.person,
            actor=actor,
            category=Category.PLAN,
            kind="participation.entered",
            summary=_("Registered in the project %(project)s") % {"project": row.project.name},
        )


def _update(actor: User, participation: Participation, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(participation, name, value)
    participation.save(update_fields=list(changes))
    if participation.person is not None and "exited_on" in changes:
        timeline_event_emit(
            person=participation.person,
            actor=actor,
            category=Category.PLAN,
            kind="participation.exited",
            summary=_("Registered out of the project %(project)s")
            % {"project": participation.project.name},
        )
