from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PlansConfig(AppConfig):
    name = "ingang.plans"
    label = "plans"

    def ready(self) -> None:
        # Models may be imported only once the app registry is ready.
        from ingang.cases.models import Case, CaseMember
        from ingang.plans import signals

        post_save.connect(signals.case_changed, sender=Case, dispatch_uid="plans.case_changed")
        post_save.connect(signals.team_changed, sender=CaseMember, dispatch_uid="plans.team_saved")
        post_delete.connect(
            signals.team_changed, sender=CaseMember, dispatch_uid="plans.team_deleted"
        )
