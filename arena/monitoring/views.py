"""Pages of the monitoring log: items (list with filters, detail, quick entry, edit), situations (page with
watched countries, assessments and reports), country and topic timelines, assessments, situation reports
(steps, versions, files) and feeds (the team's proposals).

Thin views: the rules are in items / situations / reports / feeds, which ask `Access`. An item the user may not
see is a 404 on every page, as if it did not exist."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.monitoring import feeds, listing, reports
from arena.monitoring.filters import MonitoringItemFilter
from arena.monitoring.forms import (
    AssessmentForm,
    FeedForm,
    ItemForm,
    NewAssessmentForm,
    NewReportForm,
    PasteForm,
    ReportTextForm,
)
from arena.monitoring.items import propose_from_text, save_item
from arena.monitoring.kinds import SITUATION_REPORT
from arena.monitoring.models import (
    CountryAssessment,
    FeedEntry,
    FeedSource,
    MonitoringItem,
    Situation,
    SituationReport,
    SituationReportVersion,
    Topic,
)
from arena.monitoring.situations import save_assessment, week_items
from arena.register import activity_log, changes
from arena.register.models import Country
from arena.reporting import issuing
from arena.reporting.issuing import file_name
from arena.reporting.renderers import CONTENT_TYPES
from arena.reporting.renderers.html import render_fragment
from arena.web.pagination import page_of

PER_PAGE = 50


def _ctx(extra: dict) -> dict:
    return {"nav_section": "monitoring", **extra}


def _items(request):
    return request.access.monitoring_items(
        MonitoringItem.objects.select_related("source_organisation", "source_arena").prefetch_related(
            "countries", "topics"
        )
    )


def _visible_item(request, pk: int) -> MonitoringItem:
    item = _items(request).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def item_list(request):
    access = request.access
    access.require(access.can_view_monitoring())
    filterset = MonitoringItemFilter(request.GET or None, queryset=_items(request))
    form = filterset.form
    form.is_filtered = any(request.GET.get(name) for name in form.fields)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else _items(request)
    page = page_of(
        request, queryset.order_by("-date", "-pk").prefetch_related(None).only(*listing.COLUMNS), PER_PAGE
    )
    objects = list(page.object_list)
    return render(
        request,
        "monitoring/item_list.html",
        _ctx(
            {
                "form": form,
                "page_obj": page,
                "objects": objects,
                "rows": listing.item_rows(objects),
                "situations": Situation.objects.all()[:20],
                "can_edit": access.can_edit_monitoring(),
            }
        ),
    )


def item_detail(request, pk: int):
    item = _visible_item(request, pk)
    return render(
        request,
        "monitoring/item_detail.html",
        _ctx(
            {
                "item": item,
                "can_edit": request.access.can_edit_monitoring(),
                "assessments": item.assessments.select_related("country", "situation"),
                "log": activity_log.entries(item),
            }
        ),
    )


def _apply(form: ItemForm, request, based_on=changes.ANY) -> MonitoringItem:
    item = form.save(commit=False)
    return save_item(
        item,
        by=request.access,
        countries=form.countries,
        topics=form.cleaned_data["topics"],
        based_on=based_on,
    )


def item_edit(request, pk: int | None = None):
    access = request.access
    access.require(access.can_edit_monitoring())
    item = _visible_item(request, pk) if pk else None
    paste_form = PasteForm()
    if request.method == "POST" and "text" in request.POST and "title" not in request.POST:
        # quick entry: the pasted text becomes a filled-in form to check and save
        paste_form = PasteForm(request.POST)
        form = ItemForm()
        if paste_form.is_valid():
            try:
                proposal = propose_from_text(paste_form.cleaned_data["text"])
            except ValidationError as error:
                paste_form.add_error("text", error)
            else:
                source = (proposal.organisations or proposal.arenas or [None])[0]
                form = ItemForm(
                    initial={
                        "title": proposal.title,
                        "date": proposal.date,
                        "link": proposal.link,
                        "summary": proposal.summary,
                        "source_kind": proposal.source_kind,
                        "source": source.name if source else proposal.source_text,
                        "country_names": ", ".join(c.display_name for c in proposal.countries),
                        "topics": proposal.topics,
                    }
                )
                messages.info(
                    request,
                    _("Skjemaet er fylt ut fra teksten. Sjekk koblingene og lagre."),
                )
    elif request.method == "POST":
        form = ItemForm(request.POST, instance=item)
        if form.is_valid():
            try:
                saved = _apply(form, request, based_on=changes.ANY)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Notisen er lagret."))
                return redirect(saved)
    else:
        initial = {"date": datetime.date.today()}
        form = ItemForm(instance=item, initial=initial if item is None else None)
    return render(
        request,
        "monitoring/item_form.html",
        _ctx({"form": form, "paste_form": paste_form, "item": item}),
    )


def country_timeline(request, code: str):
    request.access.require(request.access.can_view_monitoring())
    country = get_object_or_404(Country, code=code.upper())
    items = _items(request).filter(pk__in=MonitoringItem.objects.filter(countries=country).values("pk"))
    page = page_of(request, items.order_by("-date", "-pk"), PER_PAGE)
    assessments = CountryAssessment.objects.filter(country=country).select_related("situation")[:60]
    return render(
        request,
        "monitoring/timeline.html",
        _ctx(
            {
                "subject": country.display_name,
                "country": country,
                "page_obj": page,
                "assessments": assessments,
            }
        ),
    )


def topic_timeline(request, key: str):
    request.access.require(request.access.can_view_monitoring())
    topic = get_object_or_404(Topic, key=key)
    items = _items(request).filter(pk__in=MonitoringItem.objects.filter(topics=topic).values("pk"))
    page = page_of(request, items.order_by("-date", "-pk"), PER_PAGE)
    return render(
        request,
        "monitoring/timeline.html",
        _ctx({"subject": topic.display_name, "topic": topic, "page_obj": page, "assessments": []}),
    )


def situation_detail(request, pk: int):
    access = request.access
    access.require(access.can_view_monitoring())
    situation = get_object_or_404(Situation.objects.prefetch_related("countries", "topics"), pk=pk)
    report_form = NewReportForm()
    assessment_form = NewAssessmentForm(situation=situation)
    if request.method == "POST":
        access.require(access.can_edit_monitoring())
        if request.POST.get("form") == "report":
            report_form = NewReportForm(request.POST)
            if report_form.is_valid():
                data = report_form.cleaned_data
                try:
                    report = reports.create_report(
                        situation, data["kind"], data["day"], by=access, distribution=data["distribution"]
                    )
                except ValidationError as error:
                    report_form.add_error(None, error)
                else:
                    return redirect(report)
        else:
            assessment_form = NewAssessmentForm(request.POST, situation=situation)
            if assessment_form.is_valid():
                country, day = (
                    assessment_form.cleaned_data["country"],
                    assessment_form.cleaned_data["week_of"],
                )
                year, week, _d = day.isocalendar()
                existing = CountryAssessment.objects.filter(
                    situation=situation, country=country, year=year, week=week
                ).first()
                if existing is None:
                    existing = save_assessment(
                        CountryAssessment(situation=situation, country=country, year=year, week=week),
                        by=access,
                    )
                return redirect("monitoring-assessment-edit", existing.pk)
    assessments = situation.assessments.select_related("country").order_by("-year", "-week", "country__name")
    return render(
        request,
        "monitoring/situation_detail.html",
        _ctx(
            {
                "situation": situation,
                "assessments": assessments[:100],
                "reports": situation.reports.prefetch_related(
                    Prefetch("versions", SituationReportVersion.objects.order_by("-version"))
                ),
                "can_edit": access.can_edit_monitoring(),
                "report_form": report_form,
                "assessment_form": assessment_form,
            }
        ),
    )


def assessment_detail(request, pk: int):
    request.access.require(request.access.can_view_monitoring())
    assessment = get_object_or_404(CountryAssessment.objects.select_related("situation", "country"), pk=pk)
    return render(
        request,
        "monitoring/assessment_detail.html",
        _ctx(
            {
                "assessment": assessment,
                "items": request.access.monitoring_items(assessment.items.all()),
                "can_edit": request.access.can_edit_monitoring(),
            }
        ),
    )


def assessment_edit(request, pk: int):
    access = request.access
    access.require(access.can_edit_monitoring())
    assessment = get_object_or_404(CountryAssessment.objects.select_related("situation", "country"), pk=pk)
    candidates = week_items(
        assessment.situation, assessment.country, assessment.year, assessment.week, by=access
    )
    if request.method == "POST":
        form = AssessmentForm(request.POST, instance=assessment)
        if form.is_valid():
            chosen = [int(v) for v in request.POST.getlist("items") if v.isdigit()]
            save_assessment(form.save(commit=False), by=access, items=candidates.filter(pk__in=chosen))
            messages.success(request, _("Vurderingen er lagret."))
            return redirect(assessment)
    else:
        form = AssessmentForm(instance=assessment)
    linked = set(assessment.items.values_list("pk", flat=True))
    return render(
        request,
        "monitoring/assessment_form.html",
        _ctx({"form": form, "assessment": assessment, "candidates": candidates, "linked": linked}),
    )


def report_detail(request, pk: int):
    access = request.access
    access.require(access.can_view_monitoring())
    report = get_object_or_404(SituationReport.objects.select_related("situation"), pk=pk)
    can_issue = access.can_issue_situation_report(report)
    form = ReportTextForm(instance=report)
    if request.method == "POST":
        access.require(can_issue)
        step = request.POST.get("step", "")
        try:
            if step == "save":
                form = ReportTextForm(request.POST, instance=report)
                if form.is_valid():
                    changes.save(form.save(commit=False), by=access)
                    messages.success(request, _("Rapporten er lagret."))
                    return redirect(report)
            elif step == "review":
                reports.send_to_review(report, by=access)
                return redirect(report)
            elif step == "draft":
                reports.send_back_to_draft(report, by=access)
                return redirect(report)
            elif step == "issue":
                reports.issue(report, by=access)
                messages.success(request, _("Rapporten gis ut. Filene lages nå."))
                return redirect(report)
            elif step == "retry" and request.POST.get("version", "").isdigit():
                version = get_object_or_404(report.versions, pk=int(request.POST["version"]))
                issuing.retry_document(SITUATION_REPORT, version.pk, by=access)
                messages.success(request, _("Versjonen lages på nytt."))
                return redirect(report)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(report)
    preview = render_fragment(reports.build_document(report)) if request.GET.get("preview") else ""
    return render(
        request,
        "monitoring/report_detail.html",
        _ctx(
            {
                "report": report,
                "versions": report.versions.order_by("-version"),
                "can_issue": can_issue,
                "form": form,
                "preview": preview,
                "log": activity_log.entries(report),
            }
        ),
    )


def report_file(request, pk: int, fmt: str):
    request.access.require(request.access.can_view_monitoring())
    version = get_object_or_404(SituationReportVersion.objects.select_related("report"), pk=pk)
    if fmt not in CONTENT_TYPES or version.status != SituationReportVersion.Status.DONE:
        raise Http404
    field = version.file_for(fmt)
    return FileResponse(
        field.open("rb"),
        as_attachment=fmt != "html",
        filename=file_name(version, fmt),
        content_type=CONTENT_TYPES[fmt],
    )


def feed_list(request):
    access = request.access
    access.require(access.can_review_feeds())
    form = FeedForm()
    if request.method == "POST":
        form = FeedForm(request.POST)
        if form.is_valid():
            changes.save(form.save(commit=False), by=access)
            messages.success(request, _("Nyhetsstrømmen er lagt til. Den hentes ved neste kjøring."))
            return redirect("monitoring-feeds")
    proposals = FeedEntry.objects.filter(status=FeedEntry.Status.PROPOSED).select_related("feed")[:100]
    return render(
        request,
        "monitoring/feeds.html",
        _ctx({"feeds": FeedSource.objects.all(), "proposals": proposals, "form": form}),
    )


@require_POST
def feed_poll(request, pk: int):
    access = request.access
    access.require(access.can_review_feeds())
    feed = get_object_or_404(FeedSource, pk=pk)
    result = feeds.poll(feed, by=access)
    if result.error:
        messages.error(request, result.error)
    else:
        messages.success(request, _("%(new)d nye oppføringer.") % {"new": result.new})
    return redirect("monitoring-feeds")


@require_POST
def entry_decide(request, pk: int, decision: str):
    access = request.access
    access.require(access.can_review_feeds())
    entry = get_object_or_404(FeedEntry, pk=pk)
    try:
        if decision == "godta":
            item = feeds.accept(entry, by=access)
            messages.success(request, _("Oppføringen er lagret som notis."))
            return redirect(item)
        if decision == "forkast":
            feeds.discard(entry, by=access)
            messages.success(request, _("Oppføringen er forkastet."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("monitoring-feeds")
