"""The ``unspin`` command's entry point (also ``python -m unspin``).

It starts spaCy's entity worker, when the command line is an explaining
``compare`` or ``trace``, before the command-line framework loads and parses
(0.15 s): the worker's model load is the longest wait of a cold command, so
it starts first. Everything else is :func:`unspin.cli.main`.
"""

import sys

_EXPLAINING = frozenset({"compare", "trace"})


def wants_entity_worker(argv: list[str]) -> bool:
    """Whether ``argv`` (without the program name) runs a command that will look for names.

    Read before Typer parses it: a usage mistake only means a worker started
    for nothing and ended at exit.
    """
    return bool(argv) and argv[0] in _EXPLAINING and not {"--no-explain", "--help"} & set(argv)


def main() -> None:
    """Run the ``unspin`` command line."""
    if wants_entity_worker(sys.argv[1:]):
        from unspin.explain import entity_worker

        entity_worker.start()
    from unspin.cli import main as run_command

    run_command()


if __name__ == "__main__":
    main()
