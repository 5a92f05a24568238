"""The Swedish catalogue: complete, compiled, and saying what the UI promises.

Swedish is the default UI language (LANGUAGE_CODE = "sv"); the source strings are
English. The catalogue lives in locale/sv/LC_MESSAGES and both django.po and the
compiled django.mo are committed, so a fresh checkout runs without gettext tools.
Regenerate with:

    .venv/bin/python manage.py makemessages -l sv --no-location \
        --ignore=.venv --ignore=bench --ignore=var
    .venv/bin/python manage.py compilemessages -l sv --ignore=.venv

The .po is read with a small parser below and the .mo with `struct`, so the tests
need nothing beyond the standard library.
"""

import gettext
import re
import shutil
import struct
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ingang.agencies.models import AgencyKind, Role
from ingang.consent.models import ConsentStatus
from ingang.core.categories import Category

MESSAGES = Path(settings.LOCALE_PATHS[0]) / "sv" / "LC_MESSAGES"
PO_PATH = MESSAGES / "django.po"
MO_PATH = MESSAGES / "django.mo"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$')
_CONTINUATION = re.compile(r'^"(.*)"$')


@dataclass
class PoEntry:
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def mo_key(self) -> str:
        """The entry's key as msgfmt writes it into a .mo file."""
        key = self.msgid if self.msgid_plural is None else f"{self.msgid}\x00{self.msgid_plural}"
        return key if self.msgctxt is None else f"{self.msgctxt}\x04{key}"

    @property
    def mo_value(self) -> str:
        return "\x00".join(self.msgstr[i] for i in sorted(self.msgstr))


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def parse_po(text: str) -> list[PoEntry]:
    """Parse a gettext .po file; obsolete (#~) entries are left out."""
    entries: list[PoEntry] = []
    current = PoEntry()
    field_name, index = "", 0  # the field a continuation line extends

    def extend(value: str) -> None:
        if field_name == "msgstr":
            current.msgstr[index] += value
        else:
            setattr(current, field_name, (getattr(current, field_name) or "") + value)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        keyword = _KEYWORD.match(line)
        starts_entry = line.startswith("#") or (
            keyword is not None and keyword.group(1) in ("msgctxt", "msgid")
        )
        if starts_entry and current.msgstr:  # the previous entry is complete
            entries.append(current)
            current, field_name = PoEntry(), ""
        if line.startswith("#"):
            if line.startswith("#,"):
                current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif keyword is not None:
            name = keyword.group(1)
            field_name, _bracket, plural_form = name.partition("[")
            index = int(plural_form.rstrip("]")) if plural_form else 0
            if field_name == "msgstr":
                current.msgstr[index] = ""
            else:
                setattr(current, field_name, "")
            extend(_unescape(keyword.group(2)))
        elif (continuation := _CONTINUATION.match(line)) and field_name:
            extend(_unescape(continuation.group(1)))
        else:
            raise ValueError(f"{PO_PATH}:{number}: cannot parse {raw!r}")
    if current.msgstr:
        entries.append(current)
    return entries


def read_mo(path: Path) -> dict[str, str]:
    """Read a compiled .mo file into {key: translation}, keys as msgfmt stores them."""
    data = path.read_bytes()
    (magic,) = struct.unpack("<I", data[:4])
    order = {0x950412DE: "<", 0xDE120495: ">"}.get(magic)
    if order is None:
        raise ValueError(f"{path} is not a .mo file")
    _revision, count, originals, translations = struct.unpack(f"{order}4I", data[4:20])
    catalog: dict[str, str] = {}
    for i in range(count):
        key_len, key_at = struct.unpack(
            f"{order}2I", data[originals + 8 * i : originals + 8 * i + 8]
        )
        val_len, val_at = struct.unpack(
            f"{order}2I", data[translations + 8 * i : translations + 8 * i + 8]
        )
        key = data[key_at : key_at + key_len].decode("utf-8")
        catalog[key] = data[val_at : val_at + val_len].decode("utf-8")
    return catalog


def without_creation_date(catalog: dict[str, str]) -> dict[str, str]:
    """Recent msgfmt drops POT-Creation-Date from the header; compare without it."""
    header = "".join(
        line
        for line in catalog.get("", "").splitlines(keepends=True)
        if not line.startswith("POT-Creation-Date:")
    )
    return {**catalog, "": header}


def po_as_mo(entries: list[PoEntry]) -> dict[str, str]:
    """What msgfmt compiles from the entries: translated, non-fuzzy ones only."""
    return without_creation_date(
        {
            e.mo_key: e.mo_value
            for e in entries
            if e.msgstr and all(e.msgstr.values()) and "fuzzy" not in e.flags
        }
    )


@pytest.fixture(scope="module")
def entries() -> list[PoEntry]:
    return parse_po(PO_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(entries: list[PoEntry]) -> list[PoEntry]:
    return [e for e in entries if not e.is_header]


def test_it_commits_both_the_po_and_the_compiled_mo() -> None:
    assert PO_PATH.is_file(), f"missing {PO_PATH}; run makemessages"
    assert MO_PATH.is_file(), f"missing {MO_PATH}; run compilemessages"


def test_it_has_a_catalogue_with_entries(messages: list[PoEntry]) -> None:
    assert len(messages) > 100


def test_it_translates_every_entry(messages: list[PoEntry]) -> None:
    untranslated = [e.msgid for e in messages if not e.msgstr or not all(e.msgstr.values())]
    assert untranslated == []


def test_it_has_no_fuzzy_entries(entries: list[PoEntry]) -> None:
    fuzzy = [e.msgid or "(header)" for e in entries if "fuzzy" in e.flags]
    assert fuzzy == []


def test_it_declares_swedish_utf8_in_the_header(entries: list[PoEntry]) -> None:
    headers = [e for e in entries if e.is_header]
    assert len(headers) == 1
    header = headers[0].msgstr[0]
    assert "Language: sv\n" in header
    assert "charset=UTF-8" in header


def test_it_keeps_every_placeholder(messages: list[PoEntry]) -> None:
    def placeholders(text: str) -> set[str]:
        # %(name)s from gettext and blocktranslate, {name} from format_lazy/str.format.
        return set(re.findall(r"%\(\w+\)[sdif]|\{\w*\}", text))

    broken = [
        (source, text)
        for e in messages
        for i, text in e.msgstr.items()
        for source in [e.msgid if i == 0 or e.msgid_plural is None else e.msgid_plural]
        if placeholders(text) != placeholders(source)
    ]
    assert broken == []


def test_it_compiled_the_mo_from_the_committed_po(entries: list[PoEntry]) -> None:
    assert without_creation_date(read_mo(MO_PATH)) == po_as_mo(entries), (
        "django.mo is out of date; run: manage.py compilemessages -l sv --ignore=.venv"
    )


def test_it_ships_a_mo_python_gettext_can_load() -> None:
    with MO_PATH.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.info()["language"] == "sv"
    assert catalogue.gettext("Sign in") == "Logga in"


@pytest.mark.skipif(
    shutil.which("msgfmt") is None,
    reason="msgfmt (GNU gettext) is not installed; cannot recompile the .po to compare",
)
def test_it_matches_what_msgfmt_compiles_from_the_po(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt is not None
    compiled = tmp_path / "django.mo"
    # The same flags compilemessages uses; --check-format also verifies placeholders.
    subprocess.run(  # noqa: S603 (fixed argv, no shell, paths from the repository)
        [msgfmt, "--check-format", "-o", str(compiled), str(PO_PATH)],
        check=True,
        capture_output=True,
    )
    assert read_mo(compiled) == read_mo(MO_PATH), (
        "django.mo is out of date; run: manage.py compilemessages -l sv --ignore=.venv"
    )


REQUIRED = {
    "No consent: {data} to {agency}": "Inget samtycke: {data} till {agency}",
    "Consent expired: {data} to {agency}": "Samtycket har gått ut: {data} till {agency}",
    "Consent withdrawn: {data} to {agency}": "Samtycket är återkallat: {data} till {agency}",
    "Consent not yet valid: {data} to {agency}": "Samtycket gäller inte ännu: {data} till {agency}",
    "Sign in": "Logga in",
    "Sign out": "Logga ut",
    "Who has read": "Vem har läst",
    "Consents and blocks": "Samtycken och spärrar",
    "Register consent": "Registrera samtycke",
    "Withdraw consent": "Återkalla samtycke",
    "Withdraw": "Återkalla",
    "Access log": "Åtkomstlogg",
    "Find person": "Sök person",
    "Register person": "Registrera person",
    "Overview": "Översikt",
    "Team": "Team",
    "Skip to content": "Till innehållet",
}


@pytest.mark.parametrize(("source", "swedish"), REQUIRED.items())
def test_it_translates_key_interface_strings(source: str, swedish: str) -> None:
    with translation.override("sv"):
        assert _(source) == swedish


@pytest.mark.parametrize(
    ("category", "label", "phrase"),
    [
        (Category.IDENTITY, "Identitet", "identitetsuppgifter"),
        (Category.PLAN, "Plan", "planuppgifter"),
        (Category.ASSESSMENT, "Bedömning", "bedömningsuppgifter"),
        (Category.EMPLOYMENT, "Arbete", "arbetsmarknadsuppgifter"),
        (Category.INSURANCE, "Försäkring", "försäkringsuppgifter"),
        (Category.SOCIAL, "Socialt", "sociala uppgifter"),
        (Category.HEALTH, "Hälsa", "hälsouppgifter"),
        (Category.NOTES, "Anteckningar", "anteckningar"),
    ],
)
def test_it_names_every_data_category_in_swedish(
    category: Category, label: str, phrase: str
) -> None:
    with translation.override("sv"):
        assert str(category.label) == label
        assert category.data_phrase == phrase


def test_it_composes_a_denial_in_swedish() -> None:
    with translation.override("sv"):
        text = _("No consent: {data} to {agency}").format(
            data=Category.SOCIAL.data_phrase, agency="Arbetsförmedlingen"
        )
    assert text == "Inget samtycke: sociala uppgifter till Arbetsförmedlingen"


@pytest.mark.parametrize(
    ("role", "swedish"),
    [
        (Role.FRONT_DESK, "Mottagning"),
        (Role.CASEWORKER, "Handläggare"),
        (Role.COORDINATOR, "Samordnare"),
        (Role.MANAGER, "Chef"),
        (Role.ANALYST, "Analytiker"),
        (Role.AUDITOR, "Granskare"),
        (Role.ADMINISTRATOR, "Administratör"),
    ],
)
def test_it_names_every_role_in_swedish(role: Role, swedish: str) -> None:
    with translation.override("sv"):
        assert str(role.label) == swedish


@pytest.mark.parametrize(
    ("kind", "swedish"),
    [
        (AgencyKind.SOCIAL_SERVICES, "Kommunens socialtjänst"),
        (AgencyKind.LABOUR_MARKET_UNIT, "Kommunens arbetsmarknadsenhet"),
        (AgencyKind.HEALTH_CARE, "Regionens hälso- och sjukvård"),
        (AgencyKind.PROVIDER, "Utförare"),
        (AgencyKind.COORDINATION_ASSOCIATION, "Samordningsförbund"),
    ],
)
def test_it_names_agency_kinds_in_swedish(kind: AgencyKind, swedish: str) -> None:
    with translation.override("sv"):
        assert str(kind.label) == swedish


@pytest.mark.parametrize(
    ("status", "swedish"),
    [
        (ConsentStatus.ACTIVE, "Aktivt"),
        (ConsentStatus.EXPIRING, "Går snart ut"),
        (ConsentStatus.EXPIRED, "Har gått ut"),
        (ConsentStatus.WITHDRAWN, "Återkallat"),
        (ConsentStatus.NOT_YET_VALID, "Gäller inte ännu"),
    ],
)
def test_it_names_consent_statuses_in_swedish(status: ConsentStatus, swedish: str) -> None:
    with translation.override("sv"):
        assert str(status.label) == swedish


def test_it_keeps_english_as_the_second_language() -> None:
    with translation.override("en"):
        assert _("Sign in") == "Sign in"
        assert str(Role.CASEWORKER.label) == "Caseworker"
        assert Category.SOCIAL.data_phrase == "social data"


def test_it_defaults_to_swedish() -> None:
    assert settings.LANGUAGE_CODE == "sv"
    assert [code for code, _name in settings.LANGUAGES] == ["sv", "en"]
