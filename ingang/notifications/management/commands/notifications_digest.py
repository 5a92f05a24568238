"""Send the daily e-mail digest to staff who asked for it.

The e-mail says how many unread events wait, per topic, and links to the
inbox. It never names a person or what happened: e-mail leaves the gate.
Run daily (cron, or a scheduled Django task); a staff member gets at most
one digest per 20 hours, so running it twice does no harm.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ingang.accounts.models import User
from ingang.notifications.models import DigestReceipt, Notification, Preference, topic_of

MIN_INTERVAL = timedelta(hours=20)


class Command(BaseCommand):
    help = "Send the daily e-mail digest of unread notifications (counts only, no person data)."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        sent = 0
        wanting = (
            Preference.objects.filter(email_digest=True)
            .values_list("user_id", "topic")
            .order_by("user_id")
        )
        topics_by_user: dict[int, set[str]] = {}
        for user_id, topic in wanting:
            topics_by_user.setdefault(user_id, set()).add(topic)
        users = User.objects.filter(pk__in=topics_by_user, is_active=True).exclude(email="")
        with translation.override(settings.LANGUAGE_CODE):
            for user in users:
                if self._send(user, topics_by_user[user.pk], now):
                    sent += 1
        self.stdout.write(f"Digests sent: {sent}")

    @transaction.atomic
    def _send(self, user: User, topics: set[str], now: Any) -> bool:
        receipt = DigestReceipt.objects.select_for_update().filter(user=user).first()
        if receipt is not None and now - receipt.sent_at < MIN_INTERVAL:
            return False
        since = receipt.sent_at if receipt is not None else now - timedelta(days=1)
        kinds = Notification.objects.filter(
            recipient=user, read_at__isnull=True, created_at__gt=since
        ).values_list("event__kind", flat=True)
        counts: dict[str, int] = {}
        for kind in kinds:
            topic = topic_of(kind)
            if topic.value in topics:
                counts[str(topic.label)] = counts.get(str(topic.label), 0) + 1
        if not counts:
            return False
        total = sum(counts.values())
        lines = [f"- {label}: {n}" for label, n in sorted(counts.items())]
        body = "\n".join(
            [
                ngettext(
                    "You have %(n)d new unread event in Ingång.",
                    "You have %(n)d new unread events in Ingång.",
                    total,
                )
                % {"n": total},
                "",
                *lines,
                "",
                _("Read them in your inbox: %(url)s")
                % {"url": settings.SITE_URL.rstrip("/") + reverse("notifications:inbox")},
            ]
        )
        send_mail(_("Ingång: unread events"), body, None, [user.email])
        DigestReceipt.objects.update_or_create(user=user, defaults={"sent_at": now})
        return True
