"""Cursor pagination: an opaque cursor, a page of items, and no exact totals.

The gate returns a person's rows of one kind in one query, so a page is a
slice of what the gate returned; the cursor carries the position (and the
list it belongs to, so a cursor of one list is refused by another).
"""

import base64
import binascii
import json
from collections.abc import Sequence

from ninja import Schema

from ingang.api.errors import ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page[T](Schema):
    items: list[T]
    # Pass as `cursor` for the next page; null on the last page.
    next_cursor: str | None = None


def cursor_encode(kind: str, position: int) -> str:
    raw = json.dumps({"k": kind, "p": position}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(kind: str, cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        position = data["p"]
        if data["k"] != kind or not isinstance(position, int) or position < 0:
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeEncodeError, binascii.Error):
        raise ApiError(400, "bad_cursor") from None
    return position


def page_of[T](
    kind: str, rows: Sequence[T], cursor: str | None, limit: int
) -> tuple[list[T], str | None]:
    """One page of `rows` from the cursor's position, and the next page's cursor."""
    start = cursor_decode(kind, cursor)
    items = list(rows[start : start + limit])
    following = start + limit
    return items, cursor_encode(kind, following) if following < len(rows) else None
