"""The named personas every test reuses.

Kim Andersson has an open coordination case coordinated by Mia at the
municipality's labour-market unit. On the team: Anna (Arbetsförmedlingen),
Farid (Försäkringskassan) and Sara (social services). Henrik (region health
care) is NOT on the team. Kim consented that AF and FK may read identity,
plan and employment/insurance data; social and health data were not
consented. Each agency has recorded data in its own category.
"""

from dataclasses import dataclass

from ingang.accounts.models import User
from ingang.agencies.models import Agency, AgencyKind, Role, Unit
from ingang.cases.models import Case
from ingang.consent.models import Consent
from ingang.people.models import Person
from ingang.records.models import Entry
from ingang.testing.factories import (
    AgencyFactory,
    CaseFactory,
    ConsentFactory,
    EntryFactory,
    PersonFactory,
    StaffFactory,
    UnitFactory,
    add_member,
)


@dataclass
class World:
    af: Agency
    fk: Agency
    social: Agency
    ame: Agency
    region: Agency
    finsam: Agency
    af_unit: Unit
    ame_unit: Unit
    anna_af_caseworker: User
    farid_fk_officer: User
    sara_social_services: User
    mia_ame_coordinator: User
    henrik_region_nurse: User
    frida_front_desk: User
    alex_analyst: User
    olle_auditor: User
    ada_administrator: User
    kim: Person
    kim_case: Case
    kim_consent: Consent
    entries: dict[str, Entry]


def build_world() -> World:
    af = AgencyFactory.create(
        kind=AgencyKind.EMPLOYMENT_SERVICE, name="Arbetsförmedlingen", short_name="AF"
    )
    fk = AgencyFactory.create(
        kind=AgencyKind.SOCIAL_INSURANCE, name="Försäkringskassan", short_name="FK"
    )
    social = AgencyFactory.create(
        kind=AgencyKind.SOCIAL_SERVICES, name="Skellefteå kommun, socialtjänsten", short_name="Soc"
    )
    ame = AgencyFactory.create(
        kind=AgencyKind.LABOUR_MARKET_UNIT,
        name="Skellefteå kommun, arbetsmarknadsenheten",
        short_name="AME",
    )
    region = AgencyFactory.create(
        kind=AgencyKind.HEALTH_CARE, name="Region Västerbotten", short_name="Region"
    )
    finsam = AgencyFactory.create(
        kind=AgencyKind.COORDINATION_ASSOCIATION,
        name="Samordningsförbundet Skellefteå",
        short_name="Finsam",
    )
    af_unit = UnitFactory.create(agency=af, name="Skellefteå")
    fk_unit = UnitFactory.create(agency=fk, name="Lokalt försäkringscenter")
    soc_unit = UnitFactory.create(agency=social, name="Ekonomiskt bistånd")
    ame_unit = UnitFactory.create(agency=ame, name="Ingången")
    region_unit = UnitFactory.create(agency=region, name="Vårdcentral Centrum")
    finsam_unit = UnitFactory.create(agency=finsam, name="Kansliet")

    def staff(username: str, first: str, last: str, unit: Unit, role: Role) -> User:
        user: User = StaffFactory.create(
            username=username, first_name=first, last_name=last, unit=unit, role=role
        )
        return user

    anna = staff("anna.af", "Anna", "Lind", af_unit, Role.CASEWORKER)
    farid = staff("farid.fk", "Farid", "Haddad", fk_unit, Role.CASEWORKER)
    sara = staff("sara.soc", "Sara", "Berg", soc_unit, Role.CASEWORKER)
    mia = staff("mia.ame", "Mia", "Nilsson", ame_unit, Role.COORDINATOR)
    henrik = staff("henrik.region", "Henrik", "Ek", region_unit, Role.CASEWORKER)
    frida = staff("frida.ame", "Frida", "Holm", ame_unit, Role.FRONT_DESK)
    alex = staff("alex.finsam", "Alex", "Stark", finsam_unit, Role.ANALYST)
    olle = staff("olle.revisor", "Olle", "Granath", finsam_unit, Role.AUDITOR)
    ada = staff("ada.admin", "Ada", "Admin", ame_unit, Role.ADMINISTRATOR)
    ada.is_staff = True
    ada.save()

    kim: Person = PersonFactory.create(
        given_name="Kim", family_name="Andersson", registering_agency=ame
    )
    kim_case: Case = CaseFactory.create(person=kim, coordinator=mia)
    for member in (mia, anna, farid, sara):
        add_member(kim_case, member)
    kim_consent: Consent = ConsentFactory.create(
        person=kim,
        categories=["identity", "plan", "employment", "insurance", "notes"],
        agencies=[af, fk, social],
        registered_by=mia,
    )
    entries = {
        "employment": EntryFactory.create(
            person=kim,
            category="employment",
            owning_agency=af,
            author=anna,
            title="Inskriven som arbetssökande",
        ),
        "insurance": EntryFactory.create(
            person=kim,
            category="insurance",
            owning_agency=fk,
            author=farid,
            title="Sjukpenning beviljad 50 %",
        ),
        "social": EntryFactory.create(
            person=kim,
            category="social",
            owning_agency=social,
            author=sara,
            title="Försörjningsstöd beviljat",
        ),
        "health": EntryFactory.create(
            person=kim,
            category="health",
            owning_agency=region,
            author=henrik,
            title="Läkarbedömning",
        ),
        "plan": EntryFactory.create(
            person=kim,
            category="plan",
            owning_agency=ame,
            author=mia,
            title="Mål: arbete inom vården",
        ),
    }
    return World(
        af=af,
        fk=fk,
        social=social,
        ame=ame,
        region=region,
        finsam=finsam,
        af_unit=af_unit,
        ame_unit=ame_unit,
        anna_af_caseworker=anna,
        farid_fk_officer=farid,
        sara_social_services=sara,
        mia_ame_coordinator=mia,
        henrik_region_nurse=henrik,
        frida_front_desk=frida,
        alex_analyst=alex,
        olle_auditor=olle,
        ada_administrator=ada,
        kim=kim,
        kim_case=kim_case,
        kim_consent=kim_consent,
        entries=entries,
    )
