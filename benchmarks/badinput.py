"""Bad input at scale: a folder of everything that should not stall the tool, and
the cost of one endless sentence against the same words cut into sentences.

    python benchmarks/badinput.py [--sizes 50000,200000,1122000] [--events]
                                  [--no-folder] [--no-shapes] [--doc-timeout S]

1. The folder: the 1.1 MB document `'the minister said on Monday that ' * 34000`
   (one sentence, 34,000 dated mentions) beside the mixed bad inputs made
   here (empty, random bytes, a PNG named .txt, Latin-1, UTF-16, JSON Lines
   with a malformed line and an invalid date, malformed TimeML, an entity
   bomb, a DCT that is not a date, control characters, brackets nested
   thousands deep, right-to-left text) and a good article. `timeline extract
   FOLDER --format json` runs over it as a subprocess: wall and CPU seconds,
   peak memory (largest process, and the whole tree), status, and what it
   said on stderr. The issue's target: well under five minutes, under 3 GB.
2. The shapes: for each size, the text as one sentence and cut into sentences
   (same words), parsed, then tagged (time expressions), then, with
   `--events`, its events built (stopped after `--events-timeout` seconds),
   each stage timed on its own, with the steps `timeline.work` counted. The
   issue's target: one sentence costs at most twice the cut text.

Nothing is read from ../shared: every input is made here. This is a benchmark,
not a test: it asserts nothing and times only what it prints.
"""

from __future__ import annotations

import argparse
import codecs
import json
import random
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

from bench import available_cores, measure, timeline_command

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "the minister said on Monday that "
CUT = "the minister said on Monday that. "
RTL = "\u202eمحادثات في جنيف on Monday \u2067שיחות\u2069 January 5, 2001. "
GOOD = (
    "GENEVA, Jan. 10, 2022 -- Russian and American officials held talks in Geneva on "
    "Monday. NATO officials will meet in Brussels on Wednesday, and the OSCE gathers in "
    "Vienna on Thursday.\n"
)


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _bomb() -> str:
    entities = "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    return f'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n{entities}]>\n' + (
        "<TimeML><TEXT>&lol9;</TEXT></TimeML>\n"
    )


def make_folder(folder: Path, endless_repeats: int = 34_000) -> dict[str, int]:
    """Write the bad-input folder; the size in bytes of each file."""
    rng = random.Random(14)
    files: dict[str, bytes] = {
        "endless.txt": (SENTENCE * endless_repeats).encode(),
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "random.txt": bytes(rng.randrange(256) for _ in range(65536)),
        "picture.txt": _png(),
        "latin1.txt": "Les ministres se sont réunis à Genève le 5 mai 2010.".encode("latin-1"),
        "utf16.txt": codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"),
        "wire.jsonl": "\n".join(
            [
                json.dumps({"id": "w1", "text": GOOD, "date": "2022-01-10"}),
                '{"id": "w2", "text": "broken',
                json.dumps({"id": "w3", "text": GOOD, "date": "2022-13-45"}),
            ]
        ).encode(),
        "broken.tml": b'<TimeML><TEXT>On <TIMEX3 tid="t1">Monday</TEXT></TimeML>',
        "bomb.tml": _bomb().encode(),
        "bad-dct.tml": (
            '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-30" '
            'functionInDocument="CREATION_TIME">1998-02-30</TIMEX3></DCT>'
            f"<TEXT>{GOOD}</TEXT></TimeML>"
        ).encode(),
        "controls.txt": ("Talks\x0b on\x0c Monday\u200b in\u2028 Geneva. " * 200).encode(),
        "nested.txt": ("(" * 3000 + " talks on Monday " + ")" * 3000 + " " + "“" * 2000).encode(),
        "rtl.txt": (
            "\u202eمحادثات في جنيف on Monday \u2067שיחות\u2069 January 5, 2001. " * 300
        ).encode(),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: len(data) for name, data in files.items()}


def run_folder(tmp: Path, doc_timeout: str | None) -> None:
    folder = tmp / "bad"
    sizes = make_folder(folder)
    total = sum(sizes.values())
    endless = sizes["endless.txt"]
    print(f"bad-input folder: {len(sizes)} files, {total / 1e6:.1f} MB (endless.txt {endless:,} B)")
    cmd = [*timeline_command(), "extract", str(folder), "--format", "json"]
    if doc_timeout is not None:
        cmd += ["--doc-timeout", doc_timeout]
    err = tmp / "stderr.txt"
    run = measure([*cmd], tmp / "out.json", stderr_path=err, check=False)
    data = json.loads(run.stdout) if run.stdout.strip() else {"documents": [], "events": []}
    print(
        f"  {run.seconds:.1f} s, {run.cpu_seconds:.1f} cpu s, maxrss {run.maxrss_mb:.0f} MB, "
        f"tree {run.tree_mb:.0f} MB, status {run.status}, {len(data['documents'])} documents, "
        f"{len(data['events'])} events"
    )
    for line in err.read_text("utf-8", "replace").splitlines():
        print(f"  | {line}")


def run_shapes(sizes: list[int], events: bool, events_timeout: float) -> None:
    from datetime import date

    from timeline import events as event_builder
    from timeline import temporal, work
    from timeline.models import Document
    from timeline.pipeline import TIME_LABELS, Extractor

    extractor = Extractor()
    extractor.process(Document("warm-up", GOOD, "-", date(2022, 1, 10)))  # first calls load lazily
    print("\nshapes: seconds of each stage, steps counted (events: --events)")
    print(f"{'chars':>9} {'shape':5} {'parse':>7} {'tag':>7} {'events':>8} {'steps':>10} timexes")
    for size in sizes:
        seconds: dict[str, float] = {}
        for name, unit in (("one", SENTENCE), ("cut", CUT)):
            text = unit * max(1, size // len(SENTENCE))
            started = time.perf_counter()
            doc = extractor.parse(text)
            parsed = time.perf_counter()
            with work.limit() as budget:
                entities = [
                    (e.start_char, e.end_char, e.label_)
                    for e in doc.ents
                    if e.label_ in TIME_LABELS
                ]
                day, timexes = temporal.extract_counting_from(
                    text,
                    date(2022, 1, 10),
                    entities=entities,
                    tense_of=lambda s, e, doc=doc: temporal.timex_tense(doc, s, e),
                )
            tagged = time.perf_counter()
            shown = "-"
            if events:
                try:
                    with work.limit(events_timeout):
                        event_builder.build(doc, "d", timexes, day)
                    shown = f"{time.perf_counter() - tagged:.1f}"
                except work.DocumentTimeout:
                    shown = f">{events_timeout:g}"
            seconds[name] = tagged - started
            print(
                f"{len(text):>9,} {name:5} {parsed - started:>7.1f} {tagged - parsed:>7.1f} "
                f"{shown:>8} {budget.steps:>10,} {len(timexes):>8,}",
                flush=True,
            )
            del doc
        print(f"{'':>9} one/cut, parse and tag: {seconds['one'] / seconds['cut']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50000,200000,1122000", help="characters of each shape")
    parser.add_argument("--events", action="store_true", help="time the events stage too")
    parser.add_argument("--events-timeout", type=float, default=300, help="seconds (default 300)")
    parser.add_argument("--doc-timeout", help="passed to `timeline extract` (default: its own)")
    parser.add_argument("--no-folder", action="store_true", help="skip the folder")
    parser.add_argument("--no-shapes", action="store_true", help="skip the shapes")
    args = parser.parse_args()
    print(f"cores: {available_cores()}")
    with tempfile.TemporaryDirectory(prefix="timeline-badinput-") as tmp:
        if not args.no_folder:
            run_folder(Path(tmp), args.doc_timeout)
    if not args.no_shapes:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        run_shapes(sizes, args.events, args.events_timeout)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
