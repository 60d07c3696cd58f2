"""arena/wsgi.py collects garbage between requests: start-up objects frozen, the automatic threshold out of an
ordinary request's reach, and the previous request's cycles collected when the next request starts. Run in a
child process, since loading arena.wsgi changes the collector for the whole process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import gc, io, sys, weakref
from wsgiref.util import setup_testing_defaults
from arena import wsgi

assert gc.get_threshold()[0] == wsgi.AUTOMATIC_THRESHOLD, gc.get_threshold()
assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()

class Node:
    pass

def cycle():
    node = Node()
    node.self = node  # unreachable once returned as a weak reference: only the collector frees it
    return weakref.ref(node)

leftover = cycle()
for _ in range(2000):  # an ordinary amount of work does not reach the automatic threshold
    [[] for _ in range(10)]
assert leftover() is not None, "collected by the automatic threshold"

def get(path):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "SERVER_NAME": "127.0.0.1", "HTTP_HOST": "127.0.0.1"}
    setup_testing_defaults(environ)
    statuses = []
    b"".join(wsgi.application(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    assert statuses[0].startswith("200"), statuses

get("/logg-inn/")  # the first request loads templates, URLs and catalogues: enough to start the collector
leftover = cycle()
get("/logg-inn/")
assert leftover() is None, "the previous request's cycle survived the next request's start"
print("ok", wsgi._requests)
"""


def test_the_server_collects_cycles_between_requests_not_during_them(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(ARENA_DATA_DIR=os.environ.get("ARENA_DATA_DIR", str(tmp_path)), ARENA_DEBUG="false")
    environment.setdefault("ARENA_SECRET_KEY", "test-" + "k" * 40)
    environment["ARENA_HTTPS"] = "false"
    result = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["ok", "2"]
