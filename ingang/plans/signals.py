"""Keep clashes current when the case changes outside the plan.

Rule 4 (case period) and rule 5 (agency on the team) depend on the case and
its team, which the cases app changes; recomputing on those saves keeps the
stored clashes true without the cases app knowing about plans.
"""

from typing import Any

from ingang.cases.models import Case, CaseMember
from ingang.plans.services import plan_clashes_refresh_for_case


def case_changed(sender: type[Case], instance: Case, **kwargs: Any) -> None:
    plan_clashes_refresh_for_case(case=instance)


def team_changed(sender: type[CaseMember], instance: CaseMember, **kwargs: Any) -> None:
    plan_clashes_refresh_for_case(case=instance.case)
