"""Version 1 of the socio-economic unit values: documented 2025-level defaults.

They are defaults to be checked by the association's economist before use, not
official figures; docs/finsam.md explains each. The figures are written out here
(not imported from the app) so that this migration stays as it is.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CHECK = "Standardvärde att kontrollera."
# (key, value, source)
DEFAULTS = [
    ("income:unemployment_benefit", "190000",
     "Arbetslöshetsersättning: antaget snitt 730 kr/dag × 260 dagar (taket 2025 är 1 200 kr/dag "
     "de första 100 dagarna, grundbeloppet 510 kr/dag; IAF/a-kassorna). " + CHECK),
    ("handling:unemployment_benefit", "20000",
     "Arbetsförmedlingens handläggning per inskriven och år: förvaltningsanslaget delat med "
     "antalet inskrivna, avrundat (Arbetsförmedlingens årsredovisning). " + CHECK),
    ("care:unemployment_benefit", "20000",
     "Regionens vårdkostnad per person och år för arbetslösa: antagande, något under snittet "
     "per invånare (ca 33 000 kr, SKR:s statistik om hälso- och sjukvård). " + CHECK),
    ("income:activity_support", "115000",
     "Aktivitetsstöd: antaget snitt 440 kr/dag × 260 dagar (lägsta nivå 223 kr/dag; "
     "Försäkringskassan). " + CHECK),
    ("handling:activity_support", "35000",
     "Arbetsförmedlingen: handläggning och programkostnad per deltagare och år i "
     "arbetsmarknadspolitiskt program: antagande. " + CHECK),
    ("care:activity_support", "20000", "Som för arbetslöshetsersättning. " + CHECK),
    ("income:sickness_benefit", "220000",
     "Sjukpenning: antaget snitt 600 kr/dag × 365 dagar (taket 2025 ca 1 250 kr/dag; "
     "Försäkringskassan). " + CHECK),
    ("handling:sickness_benefit", "12000",
     "Försäkringskassans handläggning per sjukfall och år: antagande. " + CHECK),
    ("care:sickness_benefit", "45000",
     "Regionens vårdkostnad vid sjukskrivning: antagande, över snittet per invånare. " + CHECK),
    ("income:sickness_compensation", "170000",
     "Sjuk- eller aktivitetsersättning: antaget snitt 14 000 kr/mån × 12 "
     "(Försäkringskassan). " + CHECK),
    ("handling:sickness_compensation", "6000",
     "Försäkringskassans handläggning per ersättningsår: antagande. " + CHECK),
    ("care:sickness_compensation", "60000",
     "Regionens vårdkostnad vid sjuk- eller aktivitetsersättning: antagande. " + CHECK),
    ("income:income_support", "130000",
     "Ekonomiskt bistånd: snitt ca 10 800 kr per hushåll och månad × 12 (Socialstyrelsens "
     "statistik om ekonomiskt bistånd, uppräknat till 2025). Skattefritt. " + CHECK),
    ("handling:income_support", "25000",
     "Socialtjänstens handläggning per hushåll och år: antagande. " + CHECK),
    ("care:income_support", "25000",
     "Regionens vårdkostnad för biståndsmottagare: antagande. " + CHECK),
    ("income:establishment_benefit", "80000",
     "Etableringsersättning: 308 kr/dag × 5 dagar × 52 veckor (Försäkringskassan). "
     "Skattefri. " + CHECK),
    ("handling:establishment_benefit", "30000",
     "Arbetsförmedlingens handläggning och insatser i etableringsprogrammet: antagande. " + CHECK),
    ("care:establishment_benefit", "20000", "Som för arbetslöshetsersättning. " + CHECK),
    ("income:unsubsidised_wage", "300000",
     "Osubventionerad lön: 25 000 kr/mån × 12, en heltidslön i nivå med lägsta "
     "avtalslönerna 2025. " + CHECK),
    ("care:unsubsidised_wage", "12000",
     "Regionens vårdkostnad för förvärvsarbetande i åldern 20–64: antagande. " + CHECK),
    ("income:subsidised_wage", "276000", "Subventionerad lön: 23 000 kr/mån × 12. " + CHECK),
    ("handling:subsidised_wage", "10000",
     "Arbetsförmedlingens uppföljning av anställning med stöd: antagande. " + CHECK),
    ("care:subsidised_wage", "15000", "Antagande, mellan arbete och arbetslöshet. " + CHECK),
    ("income:student_finance", "38000",
     "Studiebidraget (inte lånet): ca 950 kr/vecka × 40 veckor (CSN). Skattefritt. " + CHECK),
    ("care:student_finance", "12000", "Som för förvärvsarbetande. " + CHECK),
    ("care:none", "25000",
     "Regionens vårdkostnad för personer utan inkomst: antagande. " + CHECK),
    ("rate:municipal_tax", "0.2093",
     "Genomsnittlig kommunal skattesats 2025, kommunernas del (SCB: total 32,41 %). Grund- och "
     "jobbskatteavdrag räknas inte (förenkling). " + CHECK),
    ("rate:regional_tax", "0.1148",
     "Genomsnittlig skattesats 2025, regionernas del (SCB). " + CHECK),
    ("rate:employer_fees", "0.3142", "Arbetsgivaravgifter 2025, 31,42 % (Skatteverket)."),
    ("rate:indirect_tax", "0.1000",
     "Andel av den disponibla inkomsten som går tillbaka till staten som moms och punktskatter "
     "vid konsumtion: antagande. " + CHECK),
    ("rate:wage_subsidy", "0.6000",
     "Arbetsförmedlingens lönestöd som andel av bruttolönen: antagande (lönebidrag kan täcka "
     "upp till 80 % av lönekostnaden under ett tak). " + CHECK),
    ("param:attribution_low", "0.5000",
     "Andel av förändringen som beror på projektet, lågt scenario: antagande."),
    ("param:attribution_base", "0.7500", "Andel som beror på projektet, basscenario: antagande."),
    ("param:attribution_high", "1.0000",
     "Andel som beror på projektet, högt scenario: hela förändringen."),
    ("param:persistence_low", "0.5000",
     "Andel av effekten som består från ett år till nästa, lågt scenario: antagande."),
    ("param:persistence_base", "0.7500",
     "Andel av effekten som består från ett år till nästa, basscenario: antagande."),
    ("param:persistence_high", "0.9000",
     "Andel av effekten som består från ett år till nästa, högt scenario: antagande."),
]  # fmt: skip


def create_defaults(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    UnitValueSet = apps.get_model("finsam", "UnitValueSet")
    UnitValue = apps.get_model("finsam", "UnitValue")
    if UnitValueSet.objects.filter(version=1).exists():
        return
    value_set = UnitValueSet.objects.create(
        version=1,
        note="Standardvärden på 2025 års nivå. Kontrollera dem innan resultaten används.",
    )
    UnitValue.objects.bulk_create(
        UnitValue(value_set=value_set, key=key, value=value, source=source)
        for key, value, source in DEFAULTS
    )


def remove_defaults(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    UnitValueSet = apps.get_model("finsam", "UnitValueSet")
    UnitValue = apps.get_model("finsam", "UnitValue")
    UnitValue.objects.filter(value_set__version=1).delete()
    UnitValueSet.objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("finsam", "0002_members_financing_projects_scorecard_unit_values")]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
