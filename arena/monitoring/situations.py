"""Situations with their watched countries and topics, and the weekly country assessments — on the write
path, asked of `Access.can_edit_monitoring`."""

from __future__ import annotations

import datetime

from arena.monitoring.models import CountryAssessment, MonitoringItem, Situation
from arena.register import changes
from arena.register.permissions import Access


def save_situation(situation: Situation, *, by, countries=None, topics=None, **kwargs) -> Situation:
    access = Access.of(by)
    access.require(access.can_edit_monitoring())
    relations = {k: v for k, v in (("countries", countries), ("topics", topics)) if v is not None}
    return changes.save(situation, by=access, relations=relations, validate=True, **kwargs)


def week_items(situation: Situation, country, year: int, week: int, *, by):
    """The items of an ISO week on a country (those the actor may see) — what an assessment draws on."""
    monday = datetime.date.fromisocalendar(year, week, 1)
    access = Access.of(by)
    return access.monitoring_items(
        MonitoringItem.objects.filter(
            countries=country, date__gte=monday, date__lte=monday + datetime.timedelta(days=6)
        )
    ).order_by("date", "pk")


def save_assessment(assessment: CountryAssessment, *, by, items=None, **kwargs) -> CountryAssessment:
    """Save a week's assessment of a country; without `items` a new one links the week's items on it."""
    access = Access.of(by)
    access.require(access.can_edit_monitoring())
    if assessment.pk is None and assessment.author_id is None:
        assessment.author = access.acting_user
    if items is None and assessment.pk is None:
        items = list(
            week_items(assessment.situation, assessment.country, assessment.year, assessment.week, by=access)
        )
    relations = {"items": items} if items is not None else {}
    return changes.save(assessment, by=access, relations=relations, validate=True, **kwargs)
