"""The `timeline` command (also `python -m timeline`).

Ctrl-C ends the command quietly with status 130 at any moment. The handler
that does so is set before anything else is imported (`os` is loaded with
Python itself): while Python imports the command (click, the exporters), and
while it reports and exits, Ctrl-C ends the process at once. While the
command works, `cli.main` lets it raise KeyboardInterrupt instead, so that
`-o FILE` is left as it was and the status is given by the Report. Python's
own start-up, before this module runs, is not ours to handle.
"""

import os
import signal
from types import FrameType


def _quit(signum: int, frame: FrameType | None) -> None:
    os._exit(130)


signal.signal(signal.SIGINT, _quit)

# numpy's OpenBLAS on one thread, decided before numpy loads (limiting it later does not
# give the same): spaCy's small products gain nothing from more, and the second thread
# costs a serial run 8% on two cores and oversubscribes the cores of `--jobs N`. Dask's
# workers get the same from their nannies. A value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main() -> None:
    import sys

    try:
        from timeline import cli

        cli.main()
    finally:
        sys.stderr.flush()


if __name__ == "__main__":
    main()
