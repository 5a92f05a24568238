"""The referral's state machine as data: which change each side may make.

Anything not in TRANSITIONS is refused with a message naming both states.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from ingang.referrals.models import ReferralState


class Side(StrEnum):
    SENDER = "sender"  # staff of the sending agency on the case team
    RECEIVER = "receiver"  # staff of the receiving agency


S = ReferralState
TRANSITIONS: dict[tuple[ReferralState, ReferralState], Side] = {
    (S.SENT, S.ACCEPTED): Side.RECEIVER,
    (S.SENT, S.REJECTED): Side.RECEIVER,
    (S.ACCEPTED, S.COMPLETED): Side.RECEIVER,
    (S.SENT, S.WITHDRAWN): Side.SENDER,
    (S.ACCEPTED, S.WITHDRAWN): Side.SENDER,
}

# A note is required where the other side needs to know why.
NOTE_REQUIRED = {S.REJECTED, S.COMPLETED}

SIDE_MESSAGES = {
    Side.SENDER: _("Only the sending agency's staff on the case team can do this."),
    Side.RECEIVER: _("Only the receiving agency's staff can do this."),
}


def side_for(from_state: ReferralState, to_state: ReferralState) -> Side | None:
    """Who may move a referral from one state to the other; None if nobody may."""
    return TRANSITIONS.get((from_state, to_state))


def allowed_targets(from_state: ReferralState, side: Side) -> list[ReferralState]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == from_state and who == side]
