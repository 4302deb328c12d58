"""What the gazetteer costs a process on first use: CPU seconds and peak memory.

    python benchmarks/gazetteer_load.py [--repeat 3] [--steps country,place,place_in]
                                        [--states cached,cold,off]

Each measurement is a fresh Python process that imports timeline.gazetteer, then makes its first
lookups of one kind (`country`: a capital, a demonym, a seat of government, an acronym; `place`:
a city; `place_in`: a city in a state), timed with time.process_time, with the growth of its peak
resident memory (ru_maxrss). The place index's cache is in one of three states: `cached` (made
beforehand, in a temporary folder), `cold` (an empty folder: the index is built, then written)
or `off` (TIMELINE_CACHE_DIR="": built in memory). The least CPU time of --repeat runs is printed,
as the one a busy machine disturbed least. "index" says whether the place index was loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

PROBE = """
import json, resource, sys, time
from timeline import gazetteer, gazetteer_tables
step = sys.argv[1]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
if step == "country":
    for text in ("Tehran", "Iranian", "the Kremlin", "U.S."):
        gazetteer.country(text)
elif step == "place":
    gazetteer.place("Geneva")
else:
    gazetteer.place_in("Buffalo", "N.Y.")
cpu = time.process_time() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
loaded = gazetteer_tables.place_tables.cache_info().currsize > 0
print(json.dumps({"cpu": cpu, "mb": grown, "index": loaded}))
"""

STEPS = ("country", "place", "place_in")
STATES = ("cached", "cold", "off")


def measure(step: str, cache: str) -> dict[str, float | bool]:
    env = {**os.environ, "TIMELINE_CACHE_DIR": cache}  # -P: no current folder on sys.path
    done = subprocess.run(
        [sys.executable, "-P", "-c", PROBE, step],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, float | bool] = json.loads(done.stdout)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--steps", default=",".join(STEPS))
    ap.add_argument("--states", default=",".join(STATES))
    args = ap.parse_args()
    steps = [s for s in args.steps.split(",") if s]
    states = [s for s in args.states.split(",") if s]
    if not set(steps) <= set(STEPS) or not set(states) <= set(STATES):
        ap.error(f"steps are {', '.join(STEPS)}; states are {', '.join(STATES)}")
    print(f"{'lookup':10} {'cache':7} {'cpu s':>6} {'peak MB':>8}  index loaded")
    with tempfile.TemporaryDirectory(prefix="gazetteer-cache-") as warm:
        if "cached" in states:
            measure("place", warm)  # fills it
        for step in steps:
            for state in states:
                runs = []
                for _ in range(max(1, args.repeat)):
                    if state == "cold":
                        with tempfile.TemporaryDirectory(prefix="gazetteer-cache-") as empty:
                            runs.append(measure(step, empty))
                    else:
                        runs.append(measure(step, warm if state == "cached" else ""))
                best = min(runs, key=lambda r: float(r["cpu"]))
                loaded = "yes" if best["index"] else "no"
                print(f"{step:10} {state:7} {best['cpu']:6.3f} {best['mb']:8.0f}  {loaded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
