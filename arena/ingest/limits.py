"""Running an import's read-and-propose step with a wall-clock and a memory limit, outside the caller's process.

    read_and_propose(data, name, *, year=None, title=None, time_limit=None, memory_limit=None) -> Imported

is the one way the upload view and `python -m arena import` turn a file into proposals. It is synchronous and
reusable (a background task can call it as it is): the caller reads the register's names (the gazetteer and
the priority areas) from the database, then a forked child process reads the file and proposes — under
RLIMIT_AS (`memory_limit` bytes more than the child starts with) and a wall-clock `time_limit`, after which the
parent kills it. The child never touches the database (any query it tries fails), so an import cannot hold a
transaction or a connection either. Whatever goes wrong in the child — a reader's own error, a crash in a
parser, running out of memory or time — reaches the caller as a `DocumentError` with a bokmål message; the
caller's process and memory are unaffected.

`run_limited(function, *args, ...)` is the general form, returning an `Outcome` with the figures (seconds,
peak memory) that benchmarks/malformed_inputs.py prints.
"""

import logging
import math
import os
import pickle
import resource
import select
import signal
import time
from dataclasses import dataclass

from django.conf import settings

from arena.ingest.document import Document
from arena.ingest.errors import DocumentError

logger = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 60.0  # seconds
DEFAULT_MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes the child may allocate beyond its start
PAGE = os.sysconf("SC_PAGE_SIZE")

TOO_SLOW = (
    "Importen ble stoppet fordi den tok mer enn {seconds} sekunder. Del dokumentet i mindre deler, "
    "eller lagre det som ren tekst, og prøv igjen."
)
TOO_BIG = (
    "Importen ble stoppet fordi dokumentet krevde mer minne enn tillatt ({megabytes} MB). Del dokumentet "
    "i mindre deler og prøv igjen."
)
CRASHED = (
    "Dokumentet kunne ikke leses: leseren for dette filformatet feilet. Lagre filen på nytt og prøv igjen."
)


@dataclass
class Outcome:
    """How a limited run ended: `status` is "ok" (with `value`), "refused" (a DocumentError's `message`),
    "time", "memory" or "crash"; `seconds` of wall-clock time, `peak_memory` the child's peak resident set
    and `extra_memory` how much of that it added to what it started with (bytes)."""

    status: str
    value: object = None
    message: str = ""
    seconds: float = 0.0
    peak_memory: int = 0
    extra_memory: int = 0

    def result(self, time_limit: float, memory_limit: int):
        """The value, or the DocumentError the caller should show."""
        if self.status == "ok":
            return self.value
        if self.status == "refused":
            raise DocumentError(self.message)
        if self.status == "time":
            raise DocumentError(TOO_SLOW.format(seconds=math.ceil(time_limit)))
        if self.status == "memory":
            raise DocumentError(TOO_BIG.format(megabytes=memory_limit // (1024 * 1024)))
        raise DocumentError(CRASHED)


@dataclass
class Imported:
    """A document read and its proposals (known things flagged), with what reading it cost."""

    document: Document
    proposals: object  # proposals.Proposals
    seconds: float
    peak_memory: int


def limits() -> tuple[float, int]:
    """The installation's (time limit in seconds, memory limit in bytes) for one import."""
    seconds = getattr(settings, "IMPORT_TIME_LIMIT", DEFAULT_TIME_LIMIT)
    megabytes = getattr(settings, "IMPORT_MEMORY_LIMIT_MB", DEFAULT_MEMORY_LIMIT // (1024 * 1024))
    return float(seconds), int(megabytes) * 1024 * 1024


def _resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * PAGE


def _no_database(execute, sql, params, many, context):
    raise RuntimeError("an import's child process must not use the database")


def _enter_child(time_limit: float, memory_limit: int) -> None:
    """Limits and isolation for the forked child (it exits with os._exit, so nothing inherited is closed)."""
    from django.db import connections

    for conn in connections.all():
        conn.execute_wrappers.append(_no_database)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, signal.SIG_DFL)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = _address_space() + memory_limit
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    cpu = math.ceil(time_limit) + 2  # a backstop should the parent die before it can kill the child
    resource.setrlimit(resource.RLIMIT_CPU, (cpu if hard == resource.RLIM_INFINITY else min(cpu, hard), hard))


def _child(write_fd: int, function, args, time_limit: float, memory_limit: int) -> None:
    code = 0
    try:
        _enter_child(time_limit, memory_limit)
        try:
            payload = ("ok", function(*args))
        except DocumentError as error:
            payload = ("refused", str(error))
        except MemoryError:
            payload = ("memory", "")
        except RecursionError:
            payload = ("crash", "RecursionError")
        except Exception as error:  # a parser's own failure: reported to the parent, never raised there
            payload = ("crash", f"{type(error).__name__}: {error}"[:1000])
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory", ""))
        view = memoryview(data)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
    except BaseException:  # noqa: BLE001 - whatever happens, the child must not return into the caller's code
        code = 70
    finally:
        os._exit(code)


def run_limited(function, *args, time_limit: float, memory_limit: int) -> Outcome:
    """Call `function(*args)` in a forked child under the limits; its return value must pickle."""
    read_fd, write_fd = os.pipe()
    baseline = _resident()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow os._exit)
        os.close(read_fd)
        _child(write_fd, function, args, time_limit, memory_limit)
    os.close(write_fd)
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            remaining = started + time_limit - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _w, _x = select.select([read_fd], [], [], remaining)
            if ready:
                chunk = os.read(read_fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _pid, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - started
    peak = usage.ru_maxrss * 1024
    figures = {"seconds": seconds, "peak_memory": peak, "extra_memory": max(0, peak - baseline)}
    if timed_out:
        return Outcome("time", **figures)
    if chunks:
        try:
            kind, value = pickle.loads(b"".join(chunks))
        except Exception:  # a child killed while writing
            kind, value = "crash", "truncated result"
        if kind == "ok":
            return Outcome("ok", value=value, **figures)
        if kind == "refused":
            return Outcome("refused", message=value, **figures)
        if kind == "crash":
            logger.warning("import reader failed in its child process: %s", value)
        return Outcome(kind, message=value, **figures)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        return Outcome("time", **figures)
    # no answer: killed by the kernel or aborted in C (a failed allocation under RLIMIT_AS usually)
    logger.warning("import child process ended without an answer (wait status %s)", status)
    return Outcome("memory" if os.WIFSIGNALED(status) else "crash", **figures)


def _read_and_propose(data: bytes, name: str, year, title, gazetteer, areas, publisher=None):
    from arena.ingest.proposals import propose
    from arena.ingest.readers import read_bytes

    document = read_bytes(data, name)
    if title:
        document.title = title
    return document, propose(
        document, gazetteer, year=year, publisher=publisher, areas=areas, check_known=False
    )


def warm_up() -> None:
    """Load what every import needs once, in the caller's process, so each child starts with it (the
    word list for Norwegian takes seconds to load)."""
    from arena.ingest.linking import _common_word

    _common_word("helse")


def import_outcome(
    data: bytes,
    name: str,
    *,
    year: int | None = None,
    title: str | None = None,
    publisher: str | None = None,
    time_limit: float | None = None,
    memory_limit: int | None = None,
) -> tuple[Outcome, float, int]:
    """The limited run behind read_and_propose, with the limits it used (for measuring)."""
    from arena.ingest.linking import Gazetteer
    from arena.ingest.proposals import register_areas
    from arena.ingest.readers import precheck

    default_time, default_memory = limits()
    time_limit = time_limit or default_time
    memory_limit = memory_limit or default_memory
    try:
        precheck(data, name)
    except DocumentError as error:
        return Outcome("refused", message=str(error)), time_limit, memory_limit
    gazetteer, areas = Gazetteer.from_register(), register_areas()
    warm_up()
    outcome = run_limited(
        _read_and_propose,
        data,
        name,
        year,
        title,
        gazetteer,
        areas,
        publisher,
        time_limit=time_limit,
        memory_limit=memory_limit,
    )
    return outcome, time_limit, memory_limit


def read_and_propose(
    data: bytes,
    name: str,
    *,
    year: int | None = None,
    title: str | None = None,
    publisher: str | None = None,
    time_limit: float | None = None,
    memory_limit: int | None = None,
) -> Imported:
    """Read a file's bytes (`name` decides the format) and propose register entries, within the limits
    (defaults: settings.IMPORT_TIME_LIMIT seconds, settings.IMPORT_MEMORY_LIMIT_MB). Raises DocumentError
    with a bokmål message if the file is refused or the limits are reached. Stores nothing."""
    from arena.ingest.proposals import mark_known

    outcome, time_limit, memory_limit = import_outcome(
        data,
        name,
        year=year,
        title=title,
        publisher=publisher,
        time_limit=time_limit,
        memory_limit=memory_limit,
    )
    document, proposals = outcome.result(time_limit, memory_limit)
    mark_known(proposals, document)
    return Imported(document, proposals, outcome.seconds, outcome.peak_memory)
