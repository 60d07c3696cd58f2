"""The agenda's demo rows come with the demo register, once."""

import pytest

from arena.agenda.demo import load_agenda_demo
from arena.agenda.models import BriefingNote, Deadline, Meeting, Obligation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_demo_loads_sessions_notes_and_obligations():
    assert Meeting.objects.filter(arena__key="wha").count() == 4
    assert Meeting.objects.filter(arena__key="who-eb").count() == 6
    assert Meeting.objects.filter(arena__key="who-euro-rc").count() == 3
    assert Meeting.objects.filter(arena__key="hsc").count() == 3
    assert BriefingNote.objects.filter(status="approved").count() == 4
    assert set(Obligation.objects.values_list("key", flat=True)) == {
        "joint-questionnaire",
        "oecd-health-data",
        "ihr-spar",
        "sdg-reporting",
    }
    assert Deadline.objects.filter(period="2020").count() == 4
    before = (Meeting.objects.count(), BriefingNote.objects.count(), Deadline.objects.count())
    load_agenda_demo()
    assert (Meeting.objects.count(), BriefingNote.objects.count(), Deadline.objects.count()) == before
    wha74 = Meeting.objects.get(name__startswith="WHA74")
    assert wha74.history.first().history_change_reason == "demo"
