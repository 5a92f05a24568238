"""A state machine over the consent lifecycle: grant, read, withdraw, expire, block, read.

After every read: data crosses the agency boundary iff the reader is on the
team, a current consent covers the category for the reader's agency or the
reader by name, and no block applies. Every allowed read leaves exactly one
allowed event and every denial exactly one denial event.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ingang.access.selectors import PersonNotFound, person_record_read
from ingang.audit.models import AccessEvent, Outcome
from ingang.cases.models import CaseMember
from ingang.consent.models import Block, Consent
from ingang.consent.services import block_create, block_lift, consent_register, consent_withdraw
from ingang.core.categories import Category
from ingang.testing.factories import CaseFactory, EntryFactory, PersonFactory, add_member
from ingang.testing.world import World

CROSSING = [Category.IDENTITY, Category.INSURANCE, Category.SOCIAL, Category.HEALTH]


@dataclass
class GrantModel:
    consent: Consent
    categories: frozenset[Category]
    by_name: bool
    withdrawn: bool = False
    expired: bool = False

    def covers(self, category: Category) -> bool:
        return not self.withdrawn and not self.expired and category in self.categories


class ConsentLifecycle(RuleBasedStateMachine):
    world: World

    @initialize()
    def setup(self) -> None:
        w = self.world
        self.reader = w.anna_af_caseworker
        self.person = PersonFactory.create(registering_agency=w.ame)
        self.case = CaseFactory.create(person=self.person, coordinator=w.mia_ame_coordinator)
        add_member(self.case, w.mia_ame_coordinator)
        add_member(self.case, self.reader)
        owners = {Category.INSURANCE: w.fk, Category.SOCIAL: w.social, Category.HEALTH: w.region}
        for category, owner in owners.items():
            EntryFactory.create(
                person=self.person,
                category=category,
                owning_agency=owner,
                author=w.mia_ame_coordinator,
                title=f"{category}-entry",
            )
        self.grants: list[GrantModel] = []
        self.blocks: dict[Category, Block] = {}
        self.on_team = True

    def expected_visible(self, category: Category) -> bool:
        return (
            self.on_team
            and category not in self.blocks
            and any(g.covers(category) for g in self.grants)
        )

    @rule(categories=st.sets(st.sampled_from(CROSSING), min_size=1), by_name=st.booleans())
    def grant(self, categories: set[Category], by_name: bool) -> None:
        if not self.on_team:
            return  # only the team registers consents
        consent = consent_register(
            person=self.person,
            actor=self.world.mia_ame_coordinator,
            categories=[c.value for c in categories],
            agencies=[] if by_name else [self.world.af],
            staff=[self.reader] if by_name else [],
            valid_from=date(2020, 1, 1),
            valid_until=None,
            source="signed_form",
        )
        self.grants.append(GrantModel(consent, frozenset(categories), by_name))

    @rule(index=st.integers(min_value=0, max_value=20))
    def withdraw(self, index: int) -> None:
        live = [g for g in self.grants if not g.withdrawn]
        if live:
            grant = live[index % len(live)]
            consent_withdraw(consent=grant.consent, actor=self.world.mia_ame_coordinator)
            grant.withdrawn = True

    @rule(index=st.integers(min_value=0, max_value=20))
    def expire(self, index: int) -> None:
        live = [g for g in self.grants if not g.expired]
        if live:
            grant = live[index % len(live)]
            grant.consent.valid_until = timezone.localdate() - timedelta(days=1)
            grant.consent.save(update_fields=["valid_until"])
            grant.expired = True

    @rule(category=st.sampled_from(CROSSING))
    def block(self, category: Category) -> None:
        if category not in self.blocks:
            self.blocks[category] = block_create(
                person=self.person, actor=self.world.mia_ame_coordinator, category=category
            )

    @rule(category=st.sampled_from(CROSSING))
    def unblock(self, category: Category) -> None:
        if category in self.blocks:
            block_lift(block=self.blocks.pop(category), actor=self.world.mia_ame_coordinator)

    @rule()
    def leave_or_join_team(self) -> None:
        if self.on_team:
            CaseMember.objects.filter(case=self.case, staff=self.reader).delete()
        else:
            add_member(self.case, self.reader)
        self.on_team = not self.on_team

    @rule(category=st.sampled_from(CROSSING))
    def read(self, category: Category) -> None:
        last = AccessEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        try:
            record = person_record_read(
                reader=self.reader, public_id=self.person.public_id, categories=[category]
            )
        except PersonNotFound:
            returned = False
        else:
            if category is Category.IDENTITY:
                returned = record.identity is not None
            else:
                returned = any(e.title == f"{category}-entry" for e in record.sections[0].entries)
        assert returned == self.expected_visible(category)
        events = list(AccessEvent.objects.filter(seq__gt=last, person=self.person))
        allowed = [e for e in events if e.outcome == Outcome.ALLOWED]
        denied = [e for e in events if e.outcome == Outcome.DENIED]
        if returned:
            assert len(allowed) == 1 and denied == []
            assert category.value in allowed[0].categories
        else:
            assert len(denied) == 1 and allowed == []
            assert category.value in denied[0].categories

    @invariant()
    def every_event_is_chained(self) -> None:
        assert AccessEvent.objects.filter(digest="").count() == 0


@pytest.mark.django_db
def test_it_returns_data_iff_relation_and_consent_and_no_block(world: World) -> None:
    ConsentLifecycle.world = world
    machine = ConsentLifecycle.TestCase
    machine.settings = settings(
        max_examples=40,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    machine().runTest()
