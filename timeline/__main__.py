"""The `timeline` command (also `python -m timeline`).

Ctrl-C ends the command quietly with status 130 at any moment: while Python
imports it (click, the exporters), and while it shuts down, as well as while
it works (`cli.main` handles that part).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import NoReturn


def _interrupted(signum: int, frame: FrameType | None) -> None:
    os._exit(130)


def main() -> NoReturn:
    signal.signal(signal.SIGINT, _interrupted)
    from timeline import cli

    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        cli.main()
    finally:
        signal.signal(signal.SIGINT, _interrupted)
        sys.stderr.flush()


if __name__ == "__main__":
    main()
