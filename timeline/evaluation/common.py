"""Small pieces every scorer shares: ratios, a context window, how names match."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from timeline.errors import UsageError

__all__ = [
    "CONTEXT_CHARS",
    "context",
    "f1",
    "name_list",
    "names_match",
    "pct",
    "ratio",
    "read_json",
]

CONTEXT_CHARS = 30  # on each side of the expression: about 60 characters of context

_SPACES = re.compile(r"\s+")


def ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pct(x: float) -> str:
    return f"{100 * x:.1f}"


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """`chars` characters each side of text[start:end], which is shown in [brackets]."""
    lo, hi = max(0, start - chars), min(len(text), end + chars)
    before, inside, after = (
        _SPACES.sub(" ", text[i:j]) for i, j in ((lo, start), (start, end), (end, hi))
    )
    shown = f"{before}[{inside}]{after}".strip()
    return ("..." if lo > 0 else "") + shown + ("..." if hi < len(text) else "")


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


def _inside(short: str, long: str) -> bool:
    """Whether `short` occurs in `long` as whole words ("US" is not in "Russia")."""
    at = long.find(short)
    while at >= 0:
        end = at + len(short)
        if (at == 0 or not long[at - 1].isalnum()) and (
            end == len(long) or not long[end].isalnum()
        ):
            return True
        at = long.find(short, at + 1)
    return False


def names_match(gold: str, system: str) -> bool:
    """EVENTS.md's actor rule: one name contains the other, case-insensitive.

    Containment is of whole words, white space folded: "Kabila" is in
    "Laurent Kabila" and in "Kabila's", "Mr. Kabila" contains "Kabila", but
    "US" is not in "Russia" nor "Iran" in "Iranian". An empty name matches nothing.
    """
    g, s = _folded(gold), _folded(system)
    return bool(g and s) and (_inside(g, s) or _inside(s, g))


def name_list(value: Any) -> list[str]:
    """The names in an actors or location field: a name, a {"name"} record, or a list of them."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) and name else []
    if isinstance(value, list):
        return [n for v in value for n in name_list(v)]
    return []


def read_json(path: str | Path, what: str) -> Any:
    """The JSON value in a gold file; a missing or malformed file is a UsageError
    naming the file (`what` names its kind in the message: "event gold")."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise UsageError(f"no such {what} file", source) from exc
    except OSError as exc:
        raise UsageError(f"cannot read {what}: {exc.strerror or exc}", source) from exc
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"malformed {what}: not JSON at line {exc.lineno}, column {exc.colno}", source
        ) from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"malformed {what}: not UTF-8 text", source) from exc
