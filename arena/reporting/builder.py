"""Build the report model (arena.reporting.document) for a year from the register.

`build_report(year, layout)` reads the register in a fixed number of queries (independent of the number of
activities) and returns a numbered `Report`. Two layouts share everything but chapter 3:

- "unit": each unit's (division's) activities, standing engagements and outlook, like the 2019 edition;
- "area": activities under the ministry's six priority areas, like the 2020 edition. An activity serving several
  areas is described once, under its main area, and referred to from the others.

Every activity of the year is described exactly once (one ActivityEntry); elsewhere it is a CrossReference.
All words come from gettext (bokmål source strings): the report is bokmål unless another language is asked for.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arena.register import figures
from arena.register.figures import YearFigures
from arena.register.language import local_name
from arena.register.models import (
    Activity,
    Area,
    Arena,
    Engagement,
    Framework,
    GuidingDocument,
    Organisation,
    Outlook,
    Unit,
)
from arena.register.models.base import active_in_year
from arena.register.permissions import without_pending
from arena.register.reference.frameworks import HOD_STRATEGY
from arena.register.structure import OrganisationTree, UnitTree
from arena.reporting.agenda_chapters import agenda_chapters
from arena.reporting.document import (
    ActivityEntry,
    BulletList,
    Chapter,
    Chart,
    CrossReference,
    Figure,
    ListItem,
    Note,
    Paragraph,
    ReferenceList,
    Report,
    RichParagraph,
    Section,
    Series,
    Table,
    iter_blocks,
    number_report,
)
from arena.reporting.markup import blocks as editorial_blocks
from arena.reporting.prose import Namer, activity_sentence, join_words, quoted

# Chapters other apps add to the annual report: callables (year) -> Chapter | None, registered in their
# AppConfig.ready with add_chapter_source (arena.monitoring: the year's monitoring).
CHAPTER_SOURCES: list = []


def add_chapter_source(source) -> None:
    if source not in CHAPTER_SOURCES:
        CHAPTER_SOURCES.append(source)


LAYOUTS = ("unit", "area")

# The most important arenas (chapter 2): organisation keys whose arenas (and sub-organisations' arenas) count.
MAIN_ARENA_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("who", ("who",)),
    ("eu", ("eu",)),
    ("eea", ("eea",)),
    ("nordic", ("ncm", "nordic-council")),
)


def layout_label(layout: str) -> str:
    return {"unit": _("Ordnet etter enhet"), "area": _("Ordnet etter satsningsområde")}[layout]


def group_label(group: str) -> str:
    return {
        "who": _("Verdens helseorganisasjon (WHO)"),
        "eu": _("Den europeiske union (EU)"),
        "eea": _("EØS-midlene"),
        "nordic": _("Nordisk samarbeid"),
    }[group]


@dataclass
class EditorialTexts:
    """The coordinator's texts for a year's report (from the reporting cycle, when there is one)."""

    preface: str = ""
    about: str = ""
    summary: str = ""
    afterword: str = ""
    guiding_document_ids: list[int] | None = None  # None: every document in force in the year
    # Editorial texts (arena.reporting.editorial), Markdown-style: at the start of a chapter (by chapter id), a
    # unit's introduction and "what matters next" (by unit id), a priority area's introduction (by area id).
    chapters: dict[str, str] = field(default_factory=dict)
    unit_intros: dict[int, str] = field(default_factory=dict)
    unit_next: dict[int, str] = field(default_factory=dict)
    areas: dict[int, str] = field(default_factory=dict)


@dataclass
class _Data:
    """Everything the report needs from the register, loaded once."""

    year: int
    activities: list[Activity]
    units: dict[int, Unit]
    report_unit: dict[int, int]  # unit id -> id of the unit whose section it reports under
    report_units: list[Unit]  # section order
    engagements: list[Engagement]  # active in the year
    previous_engagements: list[Engagement]  # active in the previous year
    figures: YearFigures  # the year's counts, shared with the dashboard
    previous_total: int
    hod_areas: list[Area]
    hod_framework: Framework | None
    outlooks: list[Outlook]
    documents: list[GuidingDocument]
    organisations: OrganisationTree
    texts: EditorialTexts = field(default_factory=EditorialTexts)


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(p.strip()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _load(year: int, texts: EditorialTexts) -> _Data:
    activities = list(
        Activity.objects.filter(year=year)
        .select_related("main_area__framework")
        .prefetch_related(
            "units",
            # proposed entries the coordinator has not decided on are not in the report (arena.suggestions)
            Prefetch("arenas", without_pending(Arena.objects.order_by("name"))),
            Prefetch("partners", without_pending(Organisation.objects.order_by("name"))),
            "countries",
            Prefetch("areas", Area.objects.select_related("framework")),
        )
        .order_by("title", "pk")
    )
    tree = UnitTree.load()
    units = tree.units
    report_unit = {pk: tree.report_unit(pk) for pk in units}
    engagements = list(  # the directorate's own: national partners' engagements are not in its report
        without_pending(Engagement.objects.all())
        .filter(active_in_year(year) | active_in_year(year - 1), unit__isnull=False)
        .select_related("unit", "arena")
        .order_by("arena__name", "unit__name", "role", "pk")
    )
    year_figures = figures.year_figures(year)
    hod_framework = Framework.objects.filter(code=HOD_STRATEGY).first()
    hod_areas = list(Area.objects.filter(framework=hod_framework).order_by("number")) if hod_framework else []
    documents = GuidingDocument.objects.select_related("issued_by").order_by("category", "title")
    if texts.guiding_document_ids is not None:
        documents = documents.filter(pk__in=texts.guiding_document_ids)
    else:
        documents = documents.filter(year__isnull=True) | documents.filter(year__lte=year)
    return _Data(
        year=year,
        activities=activities,
        units=units,
        report_unit=report_unit,
        report_units=tree.report_units(),
        engagements=[e for e in engagements if e.is_active_in(year)],
        previous_engagements=[e for e in engagements if e.is_active_in(year - 1)],
        figures=year_figures,
        previous_total=year_figures.previous_total,
        hod_areas=hod_areas,
        hod_framework=hod_framework,
        outlooks=list(Outlook.objects.filter(year=year).select_related("unit").order_by("unit__name")),
        documents=list(documents.order_by("category", "title")),
        organisations=OrganisationTree.load(),
        texts=texts,
    )


# Small helpers for words


def _n_activities(n: int) -> str:
    return ngettext("%(n)d aktivitet", "%(n)d aktiviteter", n) % {"n": n}


def _n_engagements(n: int) -> str:
    return ngettext("%(n)d fast deltakelse", "%(n)d faste deltakelser", n) % {"n": n}


def _since(engagement: Engagement) -> str:
    if engagement.starts_on:
        return _("fra %(year)d") % {"year": engagement.starts_on.year}
    return ""


def _chart_alt(title: str, chart: Chart) -> str:
    """The chart's data in one sentence per category, so the picture is never the only carrier of facts."""
    parts = []
    for index, category in enumerate(chart.categories):
        values = ", ".join(f"{s.label}: {s.values[index]}" for s in chart.series)
        parts.append(f"{category} ({values})")
    return _("%(title)s. Søylediagram med %(what)s: %(data)s.") % {
        "title": title,
        "what": chart.value_label.lower(),
        "data": "; ".join(parts),
    }


def _comparison_figure(
    fid: str, caption: str, rows: list[tuple[str, int, int]], year: int, with_previous: bool = True
) -> Figure:
    """Bars for the year beside the year before; the year alone when the register has nothing for the year before
    (a first year in Arena), so the chart shows no row of zeros."""
    series = [Series(str(year), [c for _l, c, _p in rows])]
    if with_previous:
        series.insert(0, Series(str(year - 1), [p for _l, _c, p in rows]))
    chart = Chart(
        categories=[label for label, _c, _p in rows], series=series, value_label=_("Antall aktiviteter")
    )
    return Figure(id=fid, caption=caption, chart=chart, alt=_chart_alt(caption, chart))


def _comparison_table(caption: str, first: str, rows: list[tuple[str, int, int]], year: int) -> Table:
    def change(c: int, p: int) -> str:
        return f"{c - p:+d}" if c != p else "0"

    return Table(
        caption=caption,
        columns=[first, str(year - 1), str(year), _("Endring")],
        rows=[[label, str(p), str(c), change(c, p)] for label, c, p in rows],
        numeric=(1, 2, 3),
    )


class _Builder:
    def __init__(self, data: _Data, layout: str):
        self.d = data
        self.layout = layout
        self.year = data.year
        self.hod = HOD_STRATEGY
        self.entries: dict[int, ActivityEntry] = {}
        # Names entities in full at their first mention and by abbreviation afterwards; asked in reading order.
        self.namer = Namer(translation.get_language())

    # Placement: where each activity is described

    def activity_report_units(self, activity: Activity) -> list[int]:
        order = {u.pk: i for i, u in enumerate(self.d.report_units)}
        ids = {self.d.report_unit.get(u.pk, u.pk) for u in activity.units.all()}
        return sorted(ids, key=lambda pk: order.get(pk, len(order)))

    def unit_home(self, activity: Activity) -> int | None:
        """The section an activity is described under: the first of its units' sections, preferring a
        division's over the whole directorate's when both take part."""
        ids = self.activity_report_units(activity)
        specific = [pk for pk in ids if self.d.units[pk].parent_id is not None]
        return (specific or ids or [None])[0]

    def area_home(self, activity: Activity) -> int | None:
        if activity.main_area_id and activity.main_area.framework.code == self.hod:
            return activity.main_area_id
        return None

    def entry(self, activity: Activity) -> ActivityEntry:
        if activity.pk not in self.entries:
            self.entries[activity.pk] = self.activity_entry(activity)
        return self.entries[activity.pk]

    def activity_entry(self, activity: Activity) -> ActivityEntry:
        """The activity as one paragraph: its title as the run-in lead, its description, and its facts as
        sentences naming the units, arenas and partners (full name at first mention, abbreviation after)."""
        order = {u.pk: i for i, u in enumerate(self.d.report_units)}
        units = sorted(
            activity.units.all(),
            key=lambda u: (
                order.get(self.d.report_unit.get(u.pk, u.pk), len(order)),
                self.d.report_unit.get(u.pk, u.pk) != u.pk,  # a division before its departments
                local_name(u),
            ),
        )
        areas = sorted(
            (a for a in activity.areas.all() if a.framework.code == self.hod), key=lambda a: a.number
        )
        text = activity_sentence(
            kind=activity.kind,
            units=self.namer.many(units) or settings.ORGANISATION_NAME,
            arenas=self.namer.many(activity.arenas.all()),
            partners=self.namer.many(activity.partners.all()),
            countries=join_words(sorted(c.display_name for c in activity.countries.all())),
            areas=join_words([quoted(local_name(a)) for a in areas]),
            area_count=len(areas),
        )
        return ActivityEntry(
            id=f"akt-{activity.pk}",
            activity_id=activity.pk,
            title=activity.title,
            description=activity.description,
            text=text,
        )

    def engagement_table(self, caption: str, engagements: list[Engagement], with_unit: bool) -> Table:
        """Standing participations as a compact table: arena, (unit,) role, since — arenas named by the namer."""
        columns = [_("Arena"), _("Rolle"), _("Fra")]
        if with_unit:
            columns.insert(1, _("Enhet"))
        rows = []
        for e in engagements:
            row = [self.namer(e.arena), e.get_role_display(), str(e.starts_on.year) if e.starts_on else ""]
            if with_unit:
                row.insert(1, e.unit.short_name)
            rows.append(row)
        return Table(caption=caption, columns=columns, rows=rows)

    def reference(self, activity: Activity) -> CrossReference:
        # `where` is filled in by fill_references once the sections are numbered.
        return CrossReference(title=activity.title, target=f"akt-{activity.pk}", where="")

    # Chapters

    def build(self) -> Report:
        d = self.d
        report = Report(
            year=self.year,
            layout=self.layout,
            language=translation.get_language(),
            title=_("Internasjonal årsmelding"),
            subtitle=layout_label(self.layout),
            organisation=settings.ORGANISATION_NAME,
            labels=renderer_labels(),
        )
        if not d.activities and not d.outlooks:
            report.is_empty = True
            report.chapters = [
                Chapter(
                    id="ingen-data",
                    title=_("Ingen data for %(year)d") % {"year": self.year},
                    numbered=False,
                    blocks=[
                        Paragraph(
                            _(
                                "Registeret har ingen aktiviteter og ingen utsyn for %(year)d. Det er derfor "
                                "ikke noe å melde for dette året."
                            )
                            % {"year": self.year}
                        )
                    ],
                )
            ]
            return number_report(report)

        # Chapters are built in reading order: the namer introduces each entity at its first mention.
        chapters = [
            self.preface(),
            self.about(),
            self.summary(),
            self.directorate_chapter(),
            self.arenas_chapter(),
        ]
        chapters.append(self.units_chapter() if self.layout == "unit" else self.areas_chapter())
        if self.layout == "area":
            chapters.append(self.outlook_chapter())
        chapters += agenda_chapters(self.year, d.report_units, d.report_unit)
        chapters += [source(self.year) for source in CHAPTER_SOURCES]
        chapters += [self.comparison_chapter(), self.afterword(), self.appendix()]
        report.chapters = [c for c in chapters if c is not None]
        for chapter in report.chapters:  # the coordinator's text opens the chapter
            chapter.blocks[:0] = editorial_blocks(d.texts.chapters.get(chapter.id, ""))
        number_report(report)
        self.fill_references(report)
        return report

    def fill_references(self, report: Report) -> None:
        """Cross-references name the numbered section an activity is described in; numbers exist only now."""
        where = {}
        for chapter in report.chapters:
            for section in chapter.sections:
                for block in section.blocks:
                    if isinstance(block, ActivityEntry):
                        where[block.id] = section
        for block in iter_blocks(report):
            if isinstance(block, ReferenceList):
                for ref in block.items:
                    section = where.get(ref.target)
                    ref.number = section.number if section else ""
                    ref.where = _("omtalt under %(section)s") % {
                        "section": f"{section.number} {section.title}" if section else ""
                    }

    def preface(self) -> Chapter | None:
        if not self.d.texts.preface.strip():
            return None
        return Chapter(
            id="forord", title=_("Forord"), numbered=False, blocks=editorial_blocks(self.d.texts.preface)
        )

    def about(self) -> Chapter:
        d = self.d
        units = {pk for a in d.activities for pk in self.activity_report_units(a)}
        blocks = editorial_blocks(d.texts.about)
        blocks.append(
            Paragraph(
                _(
                    "Årsmeldingen er laget fra registeret over internasjonalt samarbeid i %(org)s. Den omfatter "
                    "%(activities)s i %(year)d fra %(units)s, de faste deltakelsene som gjaldt i året og "
                    "enhetenes utsyn."
                )
                % {
                    "org": settings.ORGANISATION_NAME,
                    "activities": _n_activities(len(d.activities)),
                    "year": self.year,
                    "units": ngettext("%(n)d enhet", "%(n)d enheter", len(units)) % {"n": len(units)},
                }
            )
        )
        if self.layout == "unit":
            blocks.append(
                Paragraph(
                    _(
                        "Kapittel 3 er ordnet etter enhet. En aktivitet flere enheter står bak, er omtalt under "
                        "én av dem og nevnt med henvisning under de andre."
                    )
                )
            )
        else:
            name = local_name(d.hod_framework) if d.hod_framework else ""
            blocks.append(
                Paragraph(
                    _(
                        "Kapittel 3 er ordnet etter satsningsområdene i %(framework)s. En aktivitet som tjener "
                        "flere områder, er omtalt under hovedområdet sitt og nevnt med henvisning under de andre."
                    )
                    % {"framework": name}
                )
            )
        generated = formats.date_format(datetime.date.today(), "DATE_FORMAT")
        blocks.append(Note(_("Laget i Arena %(date)s.") % {"date": generated}))
        return Chapter(id="om-arsmeldingen", title=_("Om årsmeldingen"), numbered=False, blocks=blocks)

    def summary(self) -> Chapter:
        d = self.d
        new, ended = self.engagement_changes()
        by_area = Counter(a.main_area_id for a in d.activities if self.area_home(a))
        top = [a for a in d.hod_areas if by_area[a.pk]]
        top.sort(key=lambda a: (-by_area[a.pk], a.number))
        items = [
            ListItem(
                (
                    _("%(now)s i %(year)d, mot %(before)d i %(previous)d.")
                    if self.has_previous
                    else _("%(now)s i %(year)d.")
                )
                % {
                    "now": _n_activities(len(d.activities)),
                    "year": self.year,
                    "before": d.previous_total,
                    "previous": self.year - 1,
                }
            ),
            ListItem(
                _(
                    "%(count)s i internasjonale arenaer; %(new)d nye og %(ended)d avsluttet siden %(previous)d."
                )
                % {
                    "count": _n_engagements(len(d.engagements)),
                    "new": len(new),
                    "ended": len(ended),
                    "previous": self.year - 1,
                }
            ),
        ]
        if top:
            items.append(
                ListItem(
                    _("Flest aktiviteter hadde satsningsområdet «%(area)s» som hovedområde (%(n)d).")
                    % {"area": local_name(top[0]), "n": by_area[top[0].pk]}
                )
            )
        blocks = [*editorial_blocks(d.texts.summary), BulletList(items=items, title=_("Året i tall"))]
        return Chapter(id="sammendrag", title=_("Sammendrag"), numbered=False, blocks=blocks)

    def unit_rows(self) -> list[tuple[str, int, int]]:
        """Activities per report section, this year and last (the shared figures), in section order."""
        rows = self.d.figures.by_unit.by_key()
        return [
            (unit.short_name, rows[unit.pk].count, rows[unit.pk].previous)
            for unit in self.d.report_units
            if unit.pk in rows and (rows[unit.pk].count or rows[unit.pk].previous)
        ]

    def area_rows(self) -> list[tuple[str, int, int]]:
        rows = self.d.figures.by_area.by_key()
        return [
            (
                local_name(a),
                rows[a.pk].count if a.pk in rows else 0,
                rows[a.pk].previous if a.pk in rows else 0,
            )
            for a in self.d.hod_areas
        ]

    def directorate_chapter(self) -> Chapter:
        d = self.d
        engaged_arenas = {e.arena_id for e in d.engagements}
        blocks: list = [
            Paragraph(
                _(
                    "I %(year)d er %(activities)s registrert. Enhetene hadde %(engagements)s i "
                    "%(arenas)d ulike arenaer."
                )
                % {
                    "year": self.year,
                    "activities": _n_activities(len(d.activities)),
                    "engagements": _n_engagements(len(d.engagements)),
                    "arenas": len(engaged_arenas),
                }
            )
        ]
        rows = self.unit_rows()
        if rows:
            blocks.append(
                _comparison_figure(
                    "fig-enheter",
                    (
                        _("Aktiviteter per enhet, %(previous)d og %(year)d")
                        if self.has_previous
                        else _("Aktiviteter per enhet i %(year)d")
                    )
                    % {"previous": self.year - 1, "year": self.year},
                    rows,
                    self.year,
                    with_previous=self.has_previous,
                )
            )
            blocks.append(
                Note(
                    _(
                        "En aktivitet flere enheter står bak, telles hos hver av dem; avdelinger telles i divisjonen."
                    )
                )
            )
        engagement_counts = Counter(d.report_unit.get(e.unit_id, e.unit_id) for e in d.engagements)
        table_rows = [
            [local_name(u), str(engagement_counts[u.pk])] for u in d.report_units if engagement_counts[u.pk]
        ]
        sections = []
        if table_rows:
            sections.append(
                Section(
                    id="deltakelser-per-enhet",
                    title=_("Faste deltakelser per enhet"),
                    blocks=[
                        Table(
                            caption=_("Faste deltakelser i %(year)d per enhet") % {"year": self.year},
                            columns=[_("Enhet"), _("Deltakelser")],
                            rows=table_rows,
                            numeric=(1,),
                        )
                    ],
                )
            )
        organisation_rows = [r for r in d.figures.by_organisation.rows if r.count]
        if organisation_rows:
            sections.append(
                Section(
                    id="organisasjoner",
                    title=_("Organisasjoner det ble samarbeidet med"),
                    blocks=[
                        Table(
                            caption=_("Aktiviteter i %(year)d per organisasjon") % {"year": self.year},
                            columns=[_("Organisasjon"), _("Aktiviteter")],
                            rows=[[r.label, str(r.count)] for r in organisation_rows[:15]],
                            numeric=(1,),
                        ),
                        Note(
                            _(
                                "Telt etter arenaenes og samarbeidspartnernes øverste organisasjon; en aktivitet "
                                "telles én gang per organisasjon."
                            )
                        ),
                    ],
                )
            )
        return Chapter(
            id="internasjonalt-arbeid",
            title=_("Internasjonalt arbeid i direktoratet"),
            blocks=blocks,
            sections=sections,
        )

    def arenas_chapter(self) -> Chapter:
        d = self.d
        sections = []
        rows = self.area_rows()
        if d.hod_framework:
            tagged = Counter(
                a.pk
                for activity in d.activities
                for a in activity.areas.all()
                if a.framework.code == self.hod
            )
            area_blocks: list = [
                Paragraph(
                    _(
                        "Aktivitetene er knyttet til satsningsområdene i %(framework)s. Hver aktivitet har ett "
                        "hovedområde og kan i tillegg tjene andre områder."
                    )
                    % {"framework": local_name(d.hod_framework)}
                ),
                _comparison_figure(
                    "fig-omrader",
                    (
                        _("Aktiviteter per hovedområde, %(previous)d og %(year)d")
                        if self.has_previous
                        else _("Aktiviteter per hovedområde i %(year)d")
                    )
                    % {"previous": self.year - 1, "year": self.year},
                    rows,
                    self.year,
                    with_previous=self.has_previous,
                ),
                Table(
                    caption=_("Aktiviteter i %(year)d per satsningsområde") % {"year": self.year},
                    columns=[_("Satsningsområde"), _("Som hovedområde"), _("Alle som tjener området")],
                    rows=[
                        [local_name(a), str(c), str(tagged[a.pk])]
                        for a, (_n, c, _p) in zip(d.hod_areas, rows, strict=True)
                    ],
                    numeric=(1, 2),
                ),
            ]
            sections.append(Section(id="satsningsomrader", title=_("Satsningsområdene"), blocks=area_blocks))

        for group, keys in MAIN_ARENA_GROUPS:

            def in_group(arena_id: int, keys=keys) -> bool:
                return d.organisations.root_key(d.organisations.arena_organisation(arena_id)) in keys

            engagements = [e for e in d.engagements if in_group(e.arena_id)]
            activities = [a for a in d.activities if any(in_group(x.pk) for x in a.arenas.all())]
            blocks: list = [
                Paragraph(
                    _("%(engagements)s og %(activities)s i %(year)d.")
                    % {
                        "engagements": _n_engagements(len(engagements)),
                        "activities": _n_activities(len(activities)),
                        "year": self.year,
                    }
                )
            ]
            if engagements:
                blocks.append(
                    self.engagement_table(
                        _("Faste deltakelser i %(year)d: %(group)s")
                        % {"year": self.year, "group": group_label(group)},
                        engagements,
                        with_unit=True,
                    )
                )
            if activities:
                blocks.append(
                    ReferenceList(
                        title=_("Aktiviteter i %(year)d") % {"year": self.year},
                        items=[self.reference(a) for a in activities],
                    )
                )
            sections.append(Section(id=f"arena-{group}", title=group_label(group), blocks=blocks))
        main_keys = {key for _group, keys in MAIN_ARENA_GROUPS for key in keys}
        others = [
            e
            for e in d.engagements
            if d.organisations.root_key(d.organisations.arena_organisation(e.arena_id)) not in main_keys
        ]
        # OECD, the UN, the Council of Europe, regional and bilateral arenas: the unit layout lists them in each
        # unit's chapter; the area layout has no such chapter, so they are listed here.
        if others and self.layout == "area":
            sections.append(
                Section(
                    id="arena-andre",
                    title=_("Andre organisasjoner og arenaer"),
                    blocks=[
                        self.engagement_table(
                            _("Andre faste deltakelser i %(year)d") % {"year": self.year},
                            others,
                            with_unit=True,
                        )
                    ],
                )
            )
        return Chapter(
            id="satsningsomrader-og-arenaer",
            title=_("Satsningsområder og de viktigste arenaene"),
            sections=sections,
        )

    def units_chapter(self) -> Chapter:
        d = self.d
        homes: dict[int | None, list[Activity]] = defaultdict(list)
        involved: dict[int, list[Activity]] = defaultdict(list)
        for activity in d.activities:
            home = self.unit_home(activity)
            homes[home].append(activity)
            for pk in self.activity_report_units(activity):
                if pk != home:
                    involved[pk].append(activity)
        engagements: dict[int, list[Engagement]] = defaultdict(list)
        for e in d.engagements:
            engagements[d.report_unit.get(e.unit_id, e.unit_id)].append(e)
        outlooks: dict[int, list[Outlook]] = defaultdict(list)
        for o in d.outlooks:
            outlooks[d.report_unit.get(o.unit_id, o.unit_id)].append(o)

        sections = []
        for unit in d.report_units:
            own, others = homes.get(unit.pk, []), involved.get(unit.pk, [])
            intro, next_steps = (
                self.unit_texts(unit, d.texts.unit_intros),
                self.unit_texts(unit, d.texts.unit_next),
            )
            if not (
                own or others or engagements.get(unit.pk) or outlooks.get(unit.pk) or intro or next_steps
            ):
                continue
            subs = []
            blocks: list = [
                *intro,
                Paragraph(
                    _("%(activities)s i %(year)d og %(engagements)s.")
                    % {
                        "activities": _n_activities(len(own) + len(others)),
                        "year": self.year,
                        "engagements": _n_engagements(len(engagements.get(unit.pk, []))),
                    }
                ),
            ]
            activity_blocks: list = [self.entry(a) for a in own]
            if others:
                activity_blocks.append(
                    ReferenceList(
                        title=_("Aktiviteter enheten deltok i, omtalt under andre enheter"),
                        items=[self.reference(a) for a in others],
                    )
                )
            if activity_blocks:
                blocks += activity_blocks
            if engagements.get(unit.pk):
                subs.append(
                    Section(
                        id=f"deltakelser-{unit.pk}",
                        title=_("Faste deltakelser"),
                        blocks=[
                            self.engagement_table(
                                _("Faste deltakelser i %(year)d: %(unit)s")
                                % {"year": self.year, "unit": local_name(unit)},
                                engagements[unit.pk],
                                with_unit=any(e.unit_id != unit.pk for e in engagements[unit.pk]),
                            )
                        ],
                    )
                )
            if outlooks.get(unit.pk) or next_steps:
                subs.append(
                    Section(
                        id=f"utsyn-{unit.pk}",
                        title=_("Hva blir viktig fremover"),
                        blocks=next_steps
                        + [
                            p
                            for o in outlooks.get(unit.pk, [])
                            for p in (
                                [Paragraph(o.text, lead=f"{o.unit.short_name}:")]
                                if o.unit_id != unit.pk
                                else _paragraphs(o.text)
                            )
                        ],
                    )
                )
            sections.append(
                Section(id=f"enhet-{unit.pk}", title=local_name(unit), blocks=blocks, sections=subs)
            )
        if homes.get(None):
            sections.append(
                Section(
                    id="enhet-ingen",
                    title=_("Aktiviteter uten ansvarlig enhet"),
                    blocks=[self.entry(a) for a in homes[None]],
                )
            )
        return Chapter(id="enhetene", title=_("Enhetenes internasjonale arbeid"), sections=sections)

    def areas_chapter(self) -> Chapter:
        d = self.d
        homes: dict[int | None, list[Activity]] = defaultdict(list)
        serving: dict[int, list[Activity]] = defaultdict(list)
        for activity in d.activities:
            home = self.area_home(activity)
            homes[home].append(activity)
            for area in activity.areas.all():
                if area.framework.code == self.hod and area.pk != home:
                    serving[area.pk].append(activity)
        sections = []
        for area in d.hod_areas:
            own, others = homes.get(area.pk, []), serving.get(area.pk, [])
            blocks: list = [*editorial_blocks(d.texts.areas.get(area.pk, "")), *(self.entry(a) for a in own)]
            if not own:
                blocks.append(
                    Paragraph(
                        _("Ingen aktiviteter i %(year)d har dette som hovedområde.") % {"year": self.year}
                    )
                )
            if others:
                blocks.append(
                    ReferenceList(
                        title=_("Se også"),
                        items=[self.reference(a) for a in others],
                    )
                )
            sections.append(Section(id=f"omrade-{area.pk}", title=local_name(area), blocks=blocks))
        if homes.get(None):
            sections.append(
                Section(
                    id="omrade-ingen",
                    title=_("Aktiviteter uten hovedområde"),
                    blocks=[self.entry(a) for a in homes[None]],
                )
            )
        return Chapter(
            id="omradene",
            title=_("Aktiviteter etter satsningsområde"),
            blocks=[
                Paragraph(
                    _(
                        "Hver aktivitet er omtalt under hovedområdet sitt; under de andre områdene den tjener, står en henvisning."
                    )
                )
            ],
            sections=sections,
        )

    def unit_texts(self, unit: Unit, texts: dict[int, str]) -> list:
        """A report unit's editorial text, then its sub-units' (each opening with the sub-unit's name)."""
        result = editorial_blocks(texts.get(unit.pk, ""))
        for pk, text in texts.items():
            if pk != unit.pk and self.d.report_unit.get(pk) == unit.pk and (sub := editorial_blocks(text)):
                if isinstance(sub[0], RichParagraph):
                    sub[0].lead = f"{self.d.units[pk].short_name}:"
                result += sub
        return result

    def outlook_chapter(self) -> Chapter | None:
        """Area layout: each unit's "what matters next" (its editorial text, then the register's outlook)."""
        d = self.d
        outlooks = {o.unit_id: o for o in d.outlooks}
        units = [u for u in d.units.values() if u.pk in outlooks or d.texts.unit_next.get(u.pk, "").strip()]
        if not units:
            return None
        units.sort(key=lambda u: u.name)  # as the outlooks are ordered
        sections = [
            Section(
                id=f"utsyn-{u.pk}",
                title=local_name(u),
                blocks=editorial_blocks(d.texts.unit_next.get(u.pk, ""))
                + (_paragraphs(outlooks[u.pk].text) if u.pk in outlooks else []),
            )
            for u in units
        ]
        return Chapter(id="utsyn", title=_("Hva blir viktig fremover"), sections=sections)

    def engagement_changes(self) -> tuple[list[Engagement], list[Engagement]]:
        now = {e.pk for e in self.d.engagements}
        before = {e.pk for e in self.d.previous_engagements}
        new = [e for e in self.d.engagements if e.pk not in before]
        ended = [e for e in self.d.previous_engagements if e.pk not in now]
        return new, ended

    @property
    def has_previous(self) -> bool:
        """Whether the register has activities for the year before (else there is nothing to compare with)."""
        return self.d.previous_total > 0

    def comparison_chapter(self) -> Chapter | None:
        if not self.has_previous:
            return None
        d = self.d
        previous = self.year - 1
        new, ended = self.engagement_changes()
        blocks: list = [
            Paragraph(
                _("%(now)s i %(year)d mot %(before)s i %(previous)d.")
                % {
                    "now": _n_activities(len(d.activities)),
                    "year": self.year,
                    "before": _n_activities(d.previous_total),
                    "previous": previous,
                }
            )
        ]
        sections = [
            Section(
                id="sammenlikning-enheter",
                title=_("Aktiviteter per enhet"),
                blocks=[
                    _comparison_table(
                        _("Aktiviteter per enhet, %(previous)d og %(year)d")
                        % {"previous": previous, "year": self.year},
                        _("Enhet"),
                        self.unit_rows(),
                        self.year,
                    )
                ],
            ),
            Section(
                id="sammenlikning-omrader",
                title=_("Aktiviteter per satsningsområde"),
                blocks=[
                    _comparison_table(
                        _("Aktiviteter per hovedområde, %(previous)d og %(year)d")
                        % {"previous": previous, "year": self.year},
                        _("Satsningsområde"),
                        self.area_rows(),
                        self.year,
                    )
                ],
            ),
        ]
        for sid, title, rows, empty in (
            ("nye-deltakelser", _("Nye deltakelser"), new, _("Ingen nye deltakelser.")),
            (
                "avsluttede-deltakelser",
                _("Avsluttede deltakelser"),
                ended,
                _("Ingen deltakelser ble avsluttet."),
            ),
        ):
            content = (
                [self.engagement_table(f"{title} ({self.year})", rows, with_unit=True)]
                if rows
                else [Paragraph(empty)]
            )
            sections.append(Section(id=sid, title=title, blocks=content))
        return Chapter(
            id="sammenlikning",
            title=_("Sammenlikning med %(previous)d") % {"previous": previous},
            blocks=blocks,
            sections=sections,
        )

    def afterword(self) -> Chapter | None:
        if not self.d.texts.afterword.strip():
            return None
        return Chapter(
            id="etterord",
            title=_("Etterord"),
            numbered=False,
            blocks=editorial_blocks(self.d.texts.afterword),
        )

    def appendix(self) -> Chapter | None:
        if not self.d.documents:
            return None
        by_category: dict[str, list[GuidingDocument]] = defaultdict(list)
        for doc in self.d.documents:
            by_category[doc.category].append(doc)
        sections = []
        for category, label in GuidingDocument.Category.choices:
            docs = by_category.get(category)
            if not docs:
                continue
            items = [
                ListItem(text=", ".join(x for x in (doc.title, doc.reference) if x), url=doc.url)
                for doc in docs
            ]
            sections.append(Section(id=f"dok-{category}", title=str(label), blocks=[BulletList(items=items)]))
        return Chapter(
            id="vedlegg", title=_("Vedlegg: Styrende dokumenter"), numbered=False, sections=sections
        )


def renderer_labels() -> dict[str, str]:
    """Words the renderers need besides the report's own text."""
    return {
        "contents": _("Innhold"),
        "page": _("Side"),
        "figure": _("Figur"),
        "table": _("Tabell"),
        "toc_field": _("Innholdsfortegnelsen lages når feltene oppdateres (F9 i Word)."),
        "of": _("av"),
        "draft": _("Utkast"),
        "footnotes": _("Fotnoter"),
        "footnote_back": _("Tilbake til teksten, fotnote"),
        "draft_note": _(
            "Utkast – ikke utgitt. Rapporteringsrunden for året er ikke godkjent, og innholdet kan endres."
        ),
    }


def editorial_texts(year: int) -> EditorialTexts:
    """The coordinator's texts for the year's reporting cycle, if one exists."""
    from arena.reporting.models import EditorialText, ReportingCycle

    cycle = ReportingCycle.objects.filter(year=year).first()
    if cycle is None:
        return EditorialTexts()
    documents = list(cycle.guiding_documents.values_list("pk", flat=True))
    texts = EditorialTexts(
        preface=cycle.preface,
        about=cycle.about,
        summary=cycle.summary,
        afterword=cycle.afterword,
        guiding_document_ids=documents or None,
    )
    kind = EditorialText.Kind
    for text in EditorialText.objects.filter(cycle=cycle).exclude(text=""):
        if text.kind == kind.CHAPTER:
            texts.chapters[text.chapter] = text.text
        elif text.kind == kind.AREA:
            texts.areas[text.area_id] = text.text
        elif text.kind == kind.UNIT_INTRO:
            texts.unit_intros[text.unit_id] = text.text
        elif text.kind == kind.UNIT_NEXT:
            texts.unit_next[text.unit_id] = text.text
    return texts


def build_report(
    year: int,
    layout: str,
    language: str | None = None,
    texts: EditorialTexts | None = None,
    draft: bool = False,
) -> Report:
    """The report for `year` in `layout` ("unit" or "area"), in `language` — bokmål (settings.LANGUAGE_CODE)
    unless another language is asked for explicitly, whatever language the user interface is in. `draft` marks
    it as a draft ("Utkast") in every format."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    with translation.override(language or settings.LANGUAGE_CODE):
        data = _load(year, texts if texts is not None else editorial_texts(year))
        report = _Builder(data, layout).build()
    report.draft = draft
    return report
