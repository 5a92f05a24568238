import pytest

from ingang.access.selectors import PersonNotFound, person_record_read
from ingang.audit.models import AccessEvent
from ingang.testing.world import World


def test_it_shows_consented_and_own_data_and_explains_the_rest(world: World) -> None:
    record = person_record_read(reader=world.anna_af_caseworker, public_id=world.kim.public_id)
    shown = {s.category.value: [e.title for e in s.entries] for s in record.sections}
    assert record.identity is not None and record.identity.name == "Kim Andersson"
    assert shown["employment"] == ["Inskriven som arbetssökande"]
    assert shown["insurance"] == ["Sjukpenning beviljad 50 %"]
    assert shown["social"] == [] and shown["health"] == []
    social = next(s for s in record.sections if s.category == "social")
    assert (
        str(social.cross_agency.explanation)
        == "Inget samtycke: sociala uppgifter till Arbetsförmedlingen"
    )
    events = list(AccessEvent.objects.order_by("seq"))
    assert [e.outcome for e in events] == ["allowed", "denied"]


def test_it_hides_a_person_from_staff_not_on_the_team(world: World) -> None:
    with pytest.raises(PersonNotFound):
        person_record_read(reader=world.henrik_region_nurse, public_id=world.kim.public_id)
    event = AccessEvent.objects.get()
    assert event.outcome == "denied" and event.basis == {c: "not_on_team" for c in event.categories}
