"""Reading the access log: for verification and for the log pages."""

from collections.abc import Iterator

from ingang.audit.chain import Break, ChainedRow, find_first_break
from ingang.audit.models import AccessEvent, ChainHead, Checkpoint
from ingang.audit.services import event_content


def _rows(chunk_size: int = 2000) -> Iterator[ChainedRow]:
    for event in AccessEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        yield ChainedRow(
            seq=event.seq,
            content=event_content(event),
            digest=event.digest,
            chain_hash=event.chain_hash,
        )


def audit_chain_verify() -> tuple[int, Break | None]:
    """Verify the whole log. Returns (events checked, first break or None)."""
    head = ChainHead.objects.get(pk=1)
    checkpoints = dict(Checkpoint.objects.values_list("seq", "chain_hash"))
    result = find_first_break(
        _rows(), head_seq=head.seq, head_hash=head.chain_hash, checkpoints=checkpoints
    )
    return head.seq, result
