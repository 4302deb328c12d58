"""The command line: one click command a module, thin over `timeline.api`.

- `app`: the `timeline` group and `main` (the Report gets whatever ends a command);
- `extract`, `export`, `schema`, `eval`, `view`: one command each;
- `options`: what they share (`--format`, `-o`, slicing, writing, saved JSON).
"""

from timeline.cli.app import cli, main

__all__ = ["cli", "main"]
