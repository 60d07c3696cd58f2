"""Items on the write path, the monitoring team's access, and quick entry from pasted text."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from arena.monitoring.items import propose_from_text, save_item
from arena.monitoring.models import MonitoringItem, SourceKind
from arena.register.models import Arena, Organisation
from arena.register.permissions import Access


def test_items_are_versioned_and_attributed(team):
    item = team.open_item
    version = item.history.get()
    assert version.history_user == team.member
    assert version.history_change_reason == "web"
    assert item.author == team.member
    assert [row.country_id for row in version.countries.all()] == [team.sweden.pk]
    item.title = "Sverige anbefaler hjemmekontor for alle"
    save_item(item, by=team.member)
    assert item.history.count() == 2


@pytest.mark.parametrize("persona", ["reader", "contact_kf"])
def test_others_may_not_write_or_see_team_items(team, persona):
    user = team.personas.user(persona)
    access = Access(user)
    with pytest.raises(PermissionDenied):
        save_item(
            MonitoringItem(date=datetime.date(2020, 3, 18), title="x", source_kind=SourceKind.MEDIA), by=user
        )
    visible = access.monitoring_items(MonitoringItem.objects.all())
    assert list(visible) == [team.open_item]
    assert not access.can_view_monitoring_item(team.secret_item)
    assert not access.can_view_history(team.secret_item)


@pytest.mark.parametrize("persona", ["team", "coordinator"])
def test_the_team_sees_everything(team, persona):
    access = Access(team.personas.user(persona))
    assert set(access.monitoring_items(MonitoringItem.objects.all())) == {team.open_item, team.secret_item}
    assert access.can_edit_monitoring()


def test_an_item_names_one_source_only(team):
    who = Organisation.objects.get(abbreviation="WHO", key="who")
    hsc = Arena.objects.get(key="hsc")
    with pytest.raises(ValidationError):
        save_item(
            MonitoringItem(
                date=datetime.date(2020, 3, 18),
                title="x",
                source_kind=SourceKind.MEDIA,
                source_organisation=who,
                source_arena=hsc,
            ),
            by=team.member,
        )
    assert MonitoringItem.objects.count() == 2


PASTED = """Fra: Ambassaden i Roma
Dato: 19.03.2020
Emne: Italia forlenger nedstengingen

Italias regjering forlenger de nasjonale tiltakene mot covid-19. Spørsmålet ble også drøftet i EUs
helsesikkerhetskomité, der Tyskland og Frankrike orienterte om sine testkapasiteter. WHO følger opp.
Mer: https://www.example.org/italia-tiltak.
"""


def test_quick_entry_links_countries_names_and_topics(team):
    proposal = propose_from_text(PASTED)
    assert proposal.title == "Italia forlenger nedstengingen"
    assert proposal.source_text == "Ambassaden i Roma"
    assert proposal.date == datetime.date(2020, 3, 19)
    assert proposal.link == "https://www.example.org/italia-tiltak"
    assert {c.code for c in proposal.countries} >= {"IT", "DE", "FR"}
    assert "hsc" in {a.key for a in proposal.arenas}
    assert "who" in {o.key for o in proposal.organisations}
    assert [t.key for t in proposal.topics] == ["covid-19"]
    assert "testkapasiteter" in proposal.summary


@pytest.mark.parametrize(
    ("text", "message"), [("   ", "Lim inn"), ("x" * 100_001, "for lang")], ids=["empty", "huge"]
)
def test_quick_entry_refuses_bad_text(team, text, message):
    with pytest.raises(ValidationError, match=message):
        propose_from_text(text)
