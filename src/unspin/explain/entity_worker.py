"""spaCy's entity recogniser loaded in a forked process while a one-shot command does its other work.

Why: importing spaCy and loading its small model took 0.49 s of a 1.39 s cold
``unspin compare`` (0.46 s of ``trace``), and nothing needs the model until the
explainer reaches names, after alignment. The command's
entry point (``unspin.__main__``) forks this worker before anything else loads;
the worker loads the model on another core meanwhile, then tags the texts the
command sends it and sends back their entities. The command waits only for
whatever part of the load is still running when it first needs names. It asks for a
pair's names before it reads the left-over sentences with the cross-encoder
(``entities.prefetching``) and reads the reply after, so the worker tags, and
then loads its parser, while the command works: asked and awaited at once,
each had idled while the other worked (0.2 s of the seeds' cold ``compare``).

The worker runs the same :func:`unspin.explain.entities.tag` the command would
run itself, so the entities are the same. It also parses for role swaps
(:func:`unspin.explain.frames.read_frames`), loading spaCy's parser after it
first answers, since importing spaCy in the command for the parser alone
would cost what the worker saves. Where a fork is not safe or cannot
overlap (not Linux, one core, a thread already running, spaCy already loaded)
nothing is forked and the model loads in-process as before; a worker that
fails for any reason is dropped the same way. Library calls, tests and the
service never start one: only the command's entry point does.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import sys
import threading
from typing import IO, Any

_worker: EntityWorker | None = None
_EXPLAINING = frozenset({"compare", "trace"})


def wanted(argv: list[str]) -> bool:
    """Whether the command line ``argv`` (without the program name) runs a command that will look for names.

    Read before Typer parses it: a usage mistake only means a worker started
    for nothing and ended at exit.
    """
    return bool(argv) and argv[0] in _EXPLAINING and not {"--no-explain", "--help"} & set(argv)


class EntityWorker:
    """The parent's end: one request (texts and whether to batch them) and one reply at a time."""

    def __init__(self, pid: int, requests: IO[bytes], replies: IO[bytes]) -> None:
        self.pid = pid
        self.parent = os.getpid()
        self.pending = False
        """Whether a request has been sent whose reply has not been read."""
        self._requests = requests
        self._replies = replies

    def tag(self, texts: list[str], batched: bool) -> list[Any]:
        """The entities of each text, as :func:`unspin.explain.entities.tag` finds them.

        Raises:
            OSError, EOFError, pickle.UnpicklingError: the worker is gone;
            RuntimeError: it could not load the model (the caller loads it in-process),
            or a request sent with :meth:`send_tag` is still unanswered.
        """
        self.send_tag(texts, batched)
        return self.receive_tag()

    def send_tag(self, texts: list[str], batched: bool) -> None:
        """Ask for the entities of each text without waiting: :meth:`receive_tag` reads them.

        Why: the worker tags (and then loads its parser) while the command
        does work that needs no names, such as the cross-encoder's reads of
        the left-over sentences; asked and awaited at once, each side idled
        while the other worked. One request is outstanding at a time.
        """
        self._send("tag", texts, batched)

    def replied(self) -> bool:
        """Whether the reply to the request sent is there to read now (the worker is not still working on it)."""
        try:
            return bool(select.select([self._replies], [], [], 0)[0])
        except (OSError, ValueError):  # stopped: nothing will come, so nothing to wait for
            return True

    def receive_tag(self) -> list[Any]:
        """The reply to :meth:`send_tag` (raises as :meth:`tag`)."""
        return self._receive()

    def frames(self, texts: list[str]) -> list[Any]:
        """The frames of each text, as :func:`unspin.explain.frames.read_frames` reads them (raises as :meth:`tag`)."""
        self._send("frames", texts, False)
        return self._receive()

    def _send(self, kind: str, texts: list[str], batched: bool) -> None:
        if self.pending:
            raise RuntimeError("the entity worker's last request is still unanswered")
        pickle.dump((kind, texts, batched), self._requests, protocol=pickle.HIGHEST_PROTOCOL)
        self._requests.flush()
        self.pending = True

    def _receive(self) -> list[Any]:
        ok, found = pickle.load(self._replies)
        self.pending = False
        if not ok:
            raise RuntimeError(found)
        return list(found)

    def stop(self) -> None:
        """End the worker, whatever it is doing, and reap it."""
        for stream in (self._requests, self._replies):
            try:
                stream.close()
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def start() -> None:
    """Fork the worker now, if forking is safe here and can overlap; otherwise do nothing."""
    global _worker
    if _worker is not None or not _can_fork():
        return
    parent_reads, child_writes = os.pipe()
    child_reads, parent_writes = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the command's code
        code = 0
        try:
            os.close(parent_reads)
            os.close(parent_writes)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # a reader of the command's output waits for the command only
            _serve(os.fdopen(child_reads, "rb"), os.fdopen(child_writes, "wb"))
        except BaseException:  # the parent sees EOF and loads the model itself
            code = 1
        finally:
            os._exit(code)
    os.close(child_reads)
    os.close(child_writes)
    _worker = EntityWorker(pid, os.fdopen(parent_writes, "wb"), os.fdopen(parent_reads, "rb"))
    atexit.register(stop)


def started() -> EntityWorker | None:
    """The running worker, if :func:`start` forked one in this process and it has not been stopped
    (a process forked from the command later does not share its pipe)."""
    return _worker if _worker is not None and _worker.parent == os.getpid() else None


def stop() -> None:
    """End the worker (at exit, or when it failed); later calls load the model in-process."""
    global _worker
    if _worker is not None:
        _worker.stop()
        _worker = None


def _can_fork() -> bool:
    """Whether a fork is safe (Linux, no other thread, spaCy not imported) and worth it (two cores)."""
    return (
        sys.platform == "linux"
        and threading.active_count() == 1
        and "spacy" not in sys.modules
        and len(os.sched_getaffinity(0)) > 1
    )


def _serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """Load the model, then answer each request until the command closes its end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to report; the worker ends with it
    _skip_spacy_cli()
    from unspin.explain.entities import load_model, tag
    from unspin.explain.frames import _parser, read_frames

    try:
        nlp = load_model()
        error = None
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which loads in-process and raises there
        nlp, error = None, f"{exc.__class__.__name__}: {exc}"
    parser = None
    while True:
        try:
            kind, texts, batched = pickle.load(requests)
        except EOFError:
            return
        if kind == "frames":
            try:
                parser = parser or _parser()
                reply: tuple[bool, Any] = (True, [read_frames(parser, text) for text in texts])
            except Exception as exc:  # noqa: BLE001 - the parent parses in-process and raises there
                reply = (False, f"{exc.__class__.__name__}: {exc}")
        else:
            reply = (False, error) if nlp is None else (True, tag(nlp, texts, batched))
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()
        if parser is None and nlp is not None:
            # Load the parser now, between the command's first names and its first role swap
            # (``explain/frames.py``), rather than make that first swap wait for it.
            try:
                parser = _parser()
            except Exception:  # noqa: BLE001 - a frames request reports it
                parser = None


def _skip_spacy_cli() -> None:
    """Let ``import spacy`` skip its command line, a third of its import time, in this process only.

    ``spacy/__init__.py`` imports ``spacy.cli`` (every spaCy command, weasel, a YAML file read at
    import) only to re-export ``spacy.info``; loading and running a pipeline never touches it. Empty
    stand-ins for ``spacy.cli`` and ``spacy.cli.info`` make that import a no-op here, in the worker,
    which runs nothing but the model: 0.15 s less CPU before it can tag. Nothing else sees them.
    """
    from importlib.util import find_spec
    from types import ModuleType

    spec = find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return  # no spaCy: loading the model fails and the command reports that in-process
    cli = ModuleType("spacy.cli")
    cli.__path__ = [os.path.join(spec.submodule_search_locations[0], "cli")]
    info = ModuleType("spacy.cli.info")
    info.info = None  # type: ignore[attr-defined]
    sys.modules.setdefault("spacy.cli", cli)
    sys.modules.setdefault("spacy.cli.info", info)
