"""Demo data: two coordination associations, their members, boards, budget years,
projects in every status, scorecard indicators with a few entered values.

Every row is found by a stable name and created only when missing, so running it
twice changes nothing. The follow-up demo adds participations to these projects:
`demo_projects()` returns them by name. The socio-economic unit values come from
migration 0003 (version 1), not from here. Board members are invented names.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from ingang.accounts.models import User
from ingang.agencies.models import Agency, AgencyKind
from ingang.finsam.models import (
    Association,
    BoardSeat,
    BudgetYear,
    FundingKind,
    Indicator,
    IndicatorValue,
    Measure,
    Member,
    MemberKind,
    Perspective,
    Project,
    ProjectFunding,
    ProjectStatus,
)

SKELLEFTEA = "Samordningsförbundet Skellefteå"
GOTLAND = "Samordningsförbundet Gotland"


@dataclass(frozen=True)
class ProjectSpec:
    name: str
    owner: str  # a key of the agencies mapping
    status: ProjectStatus
    years_ago: int  # start, in whole years before today
    length_years: int | None  # None: no end date yet
    target_group: str
    budget: int
    costs: int
    funding: tuple[tuple[FundingKind, int], ...]
    method: str
    description: str


# Modelled on the Skellefteå catalogue in the seeds (names and target groups).
SKELLEFTEA_PROJECTS = (
    ProjectSpec(
        "Arbetsmarknadstorget", "ame", ProjectStatus.IMPLEMENTED, 6, 3,
        "Unga vuxna 16–29 år med behov av stöd från två eller flera myndigheter",
        4_200_000, 4_150_000, ((FundingKind.ASSOCIATION, 4_200_000),),
        "Samlokaliserat team från AF, FK, kommunen och regionen; gemensam kartläggning och "
        "handlingsplan som ägs av den unga.",
        "Långsiktig plattform för samordnad rehabilitering, numera ordinarie verksamhet.",
    ),
    ProjectSpec(
        "Utsikten 2.0", "ame", ProjectStatus.ONGOING, 2, None,
        "Unga med komplex problematik och behov av stöd från minst två myndigheter",
        3_600_000, 2_100_000,
        ((FundingKind.ASSOCIATION, 1_800_000), (FundingKind.ESF, 1_800_000)),
        "Individuellt stöd av jobbcoach, arbetsträning och praktik med handledare.",
        "ESF-projekt för unga som står långt från arbetsmarknaden.",
    ),
    ProjectSpec(
        "Unga in", "af", ProjectStatus.ONGOING, 1, None,
        "Unga som varken studerar, arbetar eller är inskrivna på Arbetsförmedlingen",
        2_400_000, 900_000, ((FundingKind.ASSOCIATION, 600_000), (FundingKind.ESF, 1_800_000)),
        "Uppsökande arbete och vägledning mot studier.",
        "Når unga som ingen myndighet har kontakt med.",
    ),
    ProjectSpec(
        "Hälsans trädgård", "region", ProjectStatus.IMPLEMENTED, 7, 3,
        "Vuxna med långvarig arbetslöshet och ohälsa, sjuk- eller aktivitetsersättning",
        2_000_000, 1_950_000,
        ((FundingKind.ASSOCIATION, 1_500_000), (FundingKind.REGION, 500_000)),
        "Trädgårdsbaserad rehabilitering i grupp, stegvis mot arbetsträning.",
        "Numera en del av regionens rehabiliteringsutbud.",
    ),
    ProjectSpec(
        "MedUrs", "fk", ProjectStatus.ENDED, 4, 2,
        "Vuxna som är utförsäkrade eller riskerar att bli det",
        3_000_000, 2_950_000,
        ((FundingKind.ASSOCIATION, 1_200_000), (FundingKind.ESF, 1_800_000)),
        "Gemensam bedömning av arbetsförmåga och samordnade insatser från FK och AF.",
        "Avslutat ESF-projekt.",
    ),
    ProjectSpec(
        "Spira integration", "provider", ProjectStatus.ENDED, 5, 3,
        "Unga och vuxna med utländsk bakgrund med svårt att etablera sig på arbetsmarknaden",
        2_800_000, 2_700_000,
        ((FundingKind.ASSOCIATION, 1_000_000), (FundingKind.ESF, 1_800_000)),
        "Språkstöd kombinerat med praktik och yrkesutbildning.",
        "Avslutat ESF-projekt.",
    ),
    ProjectSpec(
        "Vi vågar", "soc", ProjectStatus.PLANNED, 0, None,
        "Vuxna med långvarigt ekonomiskt bistånd",
        1_500_000, 0, ((FundingKind.ASSOCIATION, 1_500_000),),
        "Motiverande samtal, arbetsträning och stöd till arbetsgivare.",
        "Planerat projekt, start under året.",
    ),
)  # fmt: skip
GOTLAND_PROJECTS = (
    ProjectSpec(
        "Vägen vidare", "gotland", ProjectStatus.ONGOING, 1, None,
        "Vuxna med sjukpenning eller försörjningsstöd som behöver samordnat stöd",
        1_800_000, 800_000, ((FundingKind.ASSOCIATION, 1_800_000),),
        "Gemensamt team från FK, AF och Region Gotland; en gemensam handlingsplan.",
        "Samordnad rehabilitering på Gotland.",
    ),
    ProjectSpec(
        "Steget", "gotland", ProjectStatus.PLANNED, 0, None,
        "Unga 16–24 år som har avbrutit gymnasiet",
        900_000, 0, ((FundingKind.ASSOCIATION, 900_000),),
        "Vägledning och studiestöd.",
        "Planerat projekt.",
    ),
)  # fmt: skip
DEMO_PROJECT_NAMES = tuple(p.name for p in (*SKELLEFTEA_PROJECTS, *GOTLAND_PROJECTS))

# (perspective, name, measure, unit, target, higher is better)
INDICATORS = (
    (Perspective.INDIVIDUAL, "Deltagare som påbörjat en insats", Measure.PARTICIPANTS, "st",
     300, True),
    (Perspective.INDIVIDUAL, "Andel i arbete eller studier vid avslut", Measure.WORK_OR_STUDIES,
     "%", 50, True),
    (Perspective.INDIVIDUAL, "Deltagare som upplever att livssituationen förbättrats",
     Measure.MANUAL, "%", 100, True),
    (Perspective.RENEWAL, "Projekt implementerade i ordinarie verksamhet", Measure.MANUAL, "st",
     2, True),
    (Perspective.RENEWAL, "Nyhetsbrev utgivna", Measure.MANUAL, "st", 4, True),
    (Perspective.WORKING_METHODS, "Insatser med gemensam kartläggning och handlingsplan",
     Measure.MANUAL, "%", 100, True),
    (Perspective.ECONOMY, "Förbrukad budget för årets projekt", Measure.BUDGET_USED, "%", 95,
     True),
)  # fmt: skip
# Entered values for the indicators measured by hand: (name, outcome, forecast, comment)
ENTERED = (
    ("Deltagare som upplever att livssituationen förbättrats", 86, 90,
     "Enkät vid avslut, svarsfrekvens 71 %."),
    ("Projekt implementerade i ordinarie verksamhet", 1, 2,
     "Hälsans trädgård klar; beslut om Utsikten väntas i höst."),
    ("Nyhetsbrev utgivna", 1, 4, ""),
    ("Insatser med gemensam kartläggning och handlingsplan", 92, 95, ""),
)  # fmt: skip


def _shifted(today: date, years: int) -> date:
    return date(today.year - years, 1 if years else today.month, 1)


def _association(name: str, *, agency: Agency | None, region_is_member: bool) -> Association:
    association, _created = Association.objects.get_or_create(
        name=name, defaults={"agency": agency, "region_is_member": region_is_member}
    )
    return association


def _member(
    association: Association,
    name: str,
    kind: MemberKind,
    *,
    key: int | None = None,
    agency: Agency | None = None,
    board: tuple[tuple[str, bool, bool], ...] = (),
) -> Member:
    member, _created = Member.objects.get_or_create(
        association=association,
        name=name,
        defaults={
            "kind": kind,
            "share_key": Decimal(key) if key is not None else None,
            "agency": agency,
        },
    )
    for seat, deputy, chair in board:
        BoardSeat.objects.get_or_create(
            member=member, name=seat, defaults={"deputy": deputy, "chair": chair}
        )
    return member


def _projects(
    association: Association,
    specs: tuple[ProjectSpec, ...],
    owners: Mapping[str, Agency],
    today: date,
) -> list[Project]:
    projects = []
    for spec in specs:
        starts = _shifted(today, spec.years_ago)
        ends = (
            date(starts.year + spec.length_years, starts.month, 1)
            if spec.length_years is not None
            else None
        )
        project, _created = Project.objects.get_or_create(
            association=association,
            name=spec.name,
            defaults={
                "owner": owners[spec.owner],
                "status": spec.status,
                "starts_on": starts,
                "ends_on": ends,
                "target_group": spec.target_group,
                "budget": Decimal(spec.budget),
                "costs": Decimal(spec.costs),
                "method": spec.method,
                "description": spec.description,
            },
        )
        for kind, amount in spec.funding:
            ProjectFunding.objects.get_or_create(
                project=project, kind=kind, defaults={"amount": Decimal(amount)}
            )
        projects.append(project)
    return projects


def _indicators(association: Association, analyst: User, today: date) -> None:
    for position, (perspective, name, measure, unit, target, higher) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(
            association=association,
            name=name,
            defaults={
                "perspective": perspective,
                "measure": measure,
                "unit": unit,
                "target": Decimal(target),
                "higher_is_better": higher,
                "position": position,
            },
        )
    quarter = (today.month - 1) // 3 + 1
    for name, outcome, forecast, comment in ENTERED:
        indicator = Indicator.objects.get(association=association, name=name)
        IndicatorValue.objects.get_or_create(
            indicator=indicator,
            year=today.year,
            quarter=quarter,
            defaults={
                "outcome": Decimal(outcome),
                "forecast": Decimal(forecast),
                "comment": comment,
                "entered_by": analyst,
            },
        )


@transaction.atomic
def seed_finsam(*, agencies: Mapping[str, Agency], analyst: User, today: date) -> int:
    """Create the demo associations; returns the number of projects they have.

    `agencies` is seed_demo's mapping (keys af, fk, soc, ame, region, provider,
    finsam); Region Gotland is created here when missing.
    """
    gotland_agency, _created = Agency.objects.get_or_create(
        name="Region Gotland",
        defaults={"kind": AgencyKind.LABOUR_MARKET_UNIT, "short_name": "Gotland"},
    )
    owners = {**agencies, "gotland": gotland_agency}

    skelleftea = _association(SKELLEFTEA, agency=agencies.get("finsam"), region_is_member=True)
    _member(
        skelleftea, "Försäkringskassan", MemberKind.STATE, agency=agencies["fk"],
        board=(("Helena Ek", False, False), ("Carl Nordin", True, False)),
    )  # fmt: skip
    _member(
        skelleftea, "Region Västerbotten", MemberKind.REGION, agency=agencies["region"],
        board=(("Kent Albertsson", False, False), ("Stina Ågren", True, False)),
    )  # fmt: skip
    _member(
        skelleftea, "Skellefteå kommun", MemberKind.MUNICIPALITY, key=80_000,
        board=(("Berit Almqvist", False, True), ("Cecilia Sund", True, False)),
    )  # fmt: skip
    _member(
        skelleftea, "Norsjö kommun", MemberKind.MUNICIPALITY, key=4_000,
        board=(("Per Lindh", False, False),),
    )  # fmt: skip
    for year, total in ((today.year - 1, 6_000_000), (today.year, 6_300_000)):
        BudgetYear.objects.get_or_create(
            association=skelleftea, year=year, defaults={"total_contribution": Decimal(total)}
        )

    # Gotland: the region is also the municipality, so the association has no
    # region member and the municipality pays 50 %.
    gotland = _association(GOTLAND, agency=None, region_is_member=False)
    _member(
        gotland, "Försäkringskassan", MemberKind.STATE, agency=agencies["fk"],
        board=(("Jonas Wester", False, False),),
    )  # fmt: skip
    _member(
        gotland, "Region Gotland (kommun)", MemberKind.MUNICIPALITY, agency=gotland_agency,
        board=(("Anna Visby", False, True),),
    )  # fmt: skip
    BudgetYear.objects.get_or_create(
        association=gotland, year=today.year, defaults={"total_contribution": Decimal(2_000_001)}
    )

    projects = _projects(skelleftea, SKELLEFTEA_PROJECTS, owners, today)
    projects += _projects(gotland, GOTLAND_PROJECTS, owners, today)
    _indicators(skelleftea, analyst, today)
    _indicators(gotland, analyst, today)
    return len(projects)


def demo_projects() -> dict[str, Project]:
    """The demo projects by name (for the follow-up demo's participations)."""
    return {
        p.name: p
        for p in Project.objects.filter(
            name__in=DEMO_PROJECT_NAMES, association__name__in=(SKELLEFTEA, GOTLAND)
        ).select_related("association")
    }
