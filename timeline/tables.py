"""The tables written for this project, kept as data: TSV files in timeline/data/.

A table is UTF-8 text; lines starting with "#" say what it is and where it comes from; the
first other line names the columns; an empty cell is "".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources


def rows(name: str) -> Iterator[dict[str, str]]:
    """The rows of the table `name` in timeline/data/, as dicts keyed by its columns."""
    text = resources.files("timeline").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        cells = line.split("\t")
        yield dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


def split_aliases(cell: str) -> list[str]:
    """A cell of names separated by "|"."""
    return [name.strip() for name in cell.split("|") if name.strip()]


@dataclass
class NameTable:
    """Names to codes from several sources: the lowest rank wins; at one rank, the greater
    weight; a name two codes claim at one rank and weight is ambiguous and dropped."""

    _best: dict[str, tuple[int, float, str | None]] = field(default_factory=dict)

    def add(self, name: str, code: str, rank: int, weight: float = 0.0) -> None:
        if not name:
            return
        old = self._best.get(name)
        if old is None or (rank, -weight) < (old[0], -old[1]):
            self._best[name] = (rank, weight, code)
        elif (rank, weight) == (old[0], old[1]) and old[2] != code:
            self._best[name] = (rank, weight, None)

    def resolve(self) -> dict[str, str]:
        return {name: code for name, (_, _, code) in self._best.items() if code is not None}
