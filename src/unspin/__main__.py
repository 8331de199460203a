"""The ``unspin`` command's entry point (also ``python -m unspin``).

It starts spaCy's entity worker, when the command line is an explaining
``compare`` or ``trace``, before the command-line framework loads and parses
(0.15 s): the worker's model load is the longest wait of a cold command, so
it starts first. Everything else is :func:`unspin.cli.main`.
"""

import sys

from unspin.explain import entity_worker


def main() -> None:
    """Run the ``unspin`` command line."""
    if entity_worker.wanted(sys.argv[1:]):
        entity_worker.start()
    from unspin.cli import main as run_command

    run_command()


if __name__ == "__main__":
    main()
