"""Fixtures for register tests: a module-wide database with the reference data (and optionally the demo
register) loaded once and rolled back when the module ends."""

import pytest
from django.db import transaction


def _loaded(loader, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        loader()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def reference_db(django_db_setup, django_db_blocker):
    from arena.register.reference.load import load_reference

    yield from _loaded(load_reference, django_db_blocker)


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    from arena.register.demo.load import load_demo

    yield from _loaded(load_demo, django_db_blocker)
