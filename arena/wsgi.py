"""WSGI entry point for production servers (gunicorn; runserver loads it too)."""

import gc
import os

from django.core.signals import request_started
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
application = get_wsgi_application()

# Garbage collection between requests instead of in the middle of them.
#
# Python's cycle collector runs whenever 700 more objects have been made than freed. In the middle of a page
# that means walking the page's querysets, model instances and template contexts again and again, only to
# find them alive: about 8 % of a server worker's CPU in benchmarks/web_latency.py. Instead:
# - what exists once the application is loaded (Django, the apps, their tables) is frozen, out of the
#   collector's way, for the life of the process;
# - the automatic threshold is raised so far that an ordinary request does not reach it (a very large one
#   still does, so memory stays bounded);
# - when the next request starts, the previous one's objects have been freed and what is young is mostly its
#   leftover cycles: the young generations are collected then, and all of them every FULL_COLLECTION_EVERY
#   requests.
AUTOMATIC_THRESHOLD = 100_000
FULL_COLLECTION_EVERY = 1000
_requests = 0


def collect_between_requests(**kwargs) -> None:
    global _requests
    _requests += 1
    gc.collect(2 if _requests % FULL_COLLECTION_EVERY == 0 else 1)


gc.collect()
gc.freeze()
gc.set_threshold(AUTOMATIC_THRESHOLD, 50, 100)
request_started.connect(collect_between_requests, dispatch_uid="arena.wsgi.collect_between_requests")
