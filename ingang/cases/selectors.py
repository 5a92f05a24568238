from django.db.models import QuerySet

from ingang.cases.models import Case, CaseMember


def team_of(case: Case) -> QuerySet[CaseMember]:
    """The named staff on a case's team, with their unit and agency."""
    return CaseMember.objects.filter(case=case).select_related("staff__unit__agency")
