"""Tamper evidence for the access log.

Each event carries `digest`, a SHA-256 commitment to its canonical content,
and `chain_hash = HMAC(key, previous chain_hash || digest)`. Editing an
event breaks its digest; removing or reordering events breaks the chain;
removing the tail is caught by the head row and the checkpoints. The chain
seals the digest, not the raw content, so personal fields of old events can
later be erased (retention) while the chain still verifies.

Since audit/0004 the digest commits to each personal field through a salted
hash (`field_commitment`), not to its value: erasing a field keeps its
commitment and drops the salt, so the digest still recomputes while the
value can no longer be guessed back from it (docs/audit.md, "Erasure").
"""

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

GENESIS = "0" * 64


def canonical_content(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_content(fields)).hexdigest()


def field_commitment(salt: str, name: str, value: Any) -> str:
    """A salted hash of one field; without the salt it reveals nothing guessable."""
    material = b"\x00".join([salt.encode(), name.encode(), canonical_content({"v": value})])
    return hashlib.sha256(material).hexdigest()


def basis_kinds(basis: dict[str, str]) -> dict[str, str]:
    """The basis without its references: `consent:42` -> `consent`. Kept after erasure."""
    return {category: str(value).split(":", 1)[0] for category, value in sorted(basis.items())}


def link(previous: str, digest: str) -> str:
    key = settings.AUDIT_CHAIN_KEY.encode()
    return hmac.new(key, f"{previous}{digest}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainedRow:
    seq: int
    content: dict[str, Any]
    digest: str
    chain_hash: str


@dataclass(frozen=True)
class Break:
    position: int
    problem: str


def find_first_break(
    rows: Iterator[ChainedRow], *, head_seq: int, head_hash: str, checkpoints: dict[int, str]
) -> Break | None:
    """Walk the chain in seq order; return the first position that does not verify."""
    previous = GENESIS
    expected_seq = 1
    for row in rows:
        if row.seq != expected_seq:
            return Break(expected_seq, f"event {expected_seq} is missing (next found: {row.seq})")
        if content_digest(row.content) != row.digest:
            return Break(row.seq, "content does not match its digest (edited)")
        if not hmac.compare_digest(link(previous, row.digest), row.chain_hash):
            return Break(row.seq, "chain link broken (removed, reordered or re-sealed)")
        checkpoint = checkpoints.get(row.seq)
        if checkpoint is not None and not hmac.compare_digest(checkpoint, row.chain_hash):
            return Break(row.seq, "does not match the checkpoint")
        previous = row.chain_hash
        expected_seq += 1
    last = expected_seq - 1
    if last != head_seq:
        return Break(last + 1, f"log ends at {last} but the head says {head_seq} (tail removed)")
    if head_seq and not hmac.compare_digest(previous, head_hash):
        return Break(last, "last event does not match the chain head")
    beyond = [seq for seq in checkpoints if seq > last]
    if beyond:
        return Break(last + 1, f"checkpoint at {min(beyond)} lies beyond the end of the log")
    return None
