"""Settings of the benchmark server: the real settings, with the floor views (floor.py) beside the real pages."""

from arena.settings import *  # noqa: F403

ROOT_URLCONF = "floor"
