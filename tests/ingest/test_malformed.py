"""Hostile files (arena/ingest/malformed.py, the CI sample): each is refused with a bokmål message or read,
inside the importer's limited child process, and never crashes a reader; plus the limits themselves."""

import io
import resource
import time
import zipfile

import pytest

from arena.ingest import limits, malformed, readers
from arena.ingest.errors import DocumentError
from arena.register.text import XML_UNSAFE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("units_db")]

SAMPLE = malformed.cases(full=False)


@pytest.fixture(scope="module")
def register_names(django_db_blocker, units_db):
    from arena.ingest.linking import Gazetteer
    from arena.ingest.proposals import register_areas

    with django_db_blocker.unblock():
        limits.warm_up()
        return Gazetteer.from_register(), register_areas()


def test_the_sample_covers_every_kind_of_the_full_set():
    assert {c.kind for c in SAMPLE} == {c.kind for c in malformed.cases(full=True)}
    assert len(SAMPLE) == len(malformed.cases(full=True)) >= 50


@pytest.mark.parametrize("case", SAMPLE, ids=[f"{c.kind}-{c.name}" for c in SAMPLE])
def test_hostile_input_is_refused_or_read_within_the_limits(case, register_names):
    gazetteer, areas = register_names
    data = case.data()
    try:
        readers.precheck(data, case.name)
    except DocumentError as error:
        outcome = limits.Outcome("refused", message=str(error))
    else:
        outcome = limits.run_limited(
            limits._read_and_propose,
            data,
            case.name,
            None,
            None,
            gazetteer,
            areas,
            time_limit=60,
            memory_limit=1024 * 1024 * 1024,
        )
    assert outcome.status in ("ok", "refused"), (outcome.status, outcome.message)
    if case.expect == "refuse":
        assert outcome.status == "refused" and case.message.lower() in outcome.message.lower(), (
            outcome.message
        )
    if case.expect == "read":
        assert outcome.status == "ok", outcome.message
    if outcome.status == "refused":
        assert outcome.message[:1].isupper() and "Traceback" not in outcome.message
    else:
        document, proposals = outcome.value
        assert not XML_UNSAFE.search(document.text)
        for block in document.blocks:
            assert document.text[block.start : block.end] == block.text


def test_a_zip_bomb_is_refused_from_its_declared_sizes_without_unpacking():
    data = malformed.docx_bomb(1000 * malformed.MB)  # 1 GB of XML in a megabyte
    started = time.process_time()
    with pytest.raises(DocumentError, match="pakkes ut til 1000 MB.*zip-bombe"):
        readers.read_bytes(data, "rapport.docx")
    assert time.process_time() - started < 5  # inflating 4 GB would take far longer


def test_a_part_that_lies_about_its_size_is_never_unpacked_past_it():
    """The part declares its first megabyte (with that megabyte's checksum) and inflates to 256 MB: the
    repacked package holds only what was declared, so the parser never sees more."""
    head = len(f'<?xml version="1.0" encoding="UTF-8"?><w:document {malformed._W}><w:body>')
    declared = head + 1024 * 1024 - 100
    data = malformed.docx_bomb(256 * malformed.MB, declared=declared)
    repacked = readers.check_package(data)
    with zipfile.ZipFile(io.BytesIO(repacked)) as archive:
        assert archive.getinfo("word/document.xml").file_size == declared
    with pytest.raises(DocumentError, match="Word-dokument"):
        readers.read_bytes(data, "rapport.docx")  # the cut-off XML does not parse


def test_a_pdf_with_an_unknown_stream_filter_gives_a_bokmal_message():
    data = malformed.pdf([malformed.page_text(["Helsedirektoratet deltar i WHO."])], filters="/FooDecode")
    with pytest.raises(DocumentError, match="PDF-filen"):
        readers.read_bytes(data, "rapport.pdf")


def test_control_characters_are_removed_from_what_is_read():
    text = (
        "Helse\x01direktoratet deltar i WHO og\x0b Nordisk ministerråd.\n\nDivisjonen\x1f leder arbeidet. "
        * 2
    )
    text += malformed.prose(20_000)  # a few control characters in a longer text (many mean binary data)
    document = readers.read_bytes(text.encode(), "notat.md")
    assert "Helsedirektoratet deltar" in document.text and not XML_UNSAFE.search(document.text)


# --- the limits ------------------------------------------------------------------------------------------


def _sleep(seconds):
    time.sleep(seconds)
    return "woke"


def _allocate(megabytes):
    return len(bytearray(megabytes * 1024 * 1024))


def _fail():
    raise KeyError("an internal parser error")


def _query():
    from arena.register.models import Unit

    return Unit.objects.count()


def test_the_time_limit_stops_the_child_and_says_so():
    started = time.monotonic()
    outcome = limits.run_limited(_sleep, 30, time_limit=1, memory_limit=256 * 1024 * 1024)
    assert outcome.status == "time" and time.monotonic() - started < 10
    with pytest.raises(DocumentError, match="tok mer enn 1 sekunder"):
        outcome.result(1, 256 * 1024 * 1024)


def test_the_memory_limit_stops_the_child_and_leaves_the_caller_as_it_was():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = limits.run_limited(_allocate, 2048, time_limit=30, memory_limit=256 * 1024 * 1024)
    assert outcome.status == "memory"
    with pytest.raises(DocumentError, match="mer minne enn tillatt \\(256 MB\\)"):
        outcome.result(30, 256 * 1024 * 1024)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KB
    assert (
        limits.run_limited(_allocate, 16, time_limit=30, memory_limit=256 * 1024 * 1024).value
        == 16 * 1024 * 1024
    )


def test_a_crash_in_the_child_becomes_a_document_error():
    outcome = limits.run_limited(_fail, time_limit=30, memory_limit=256 * 1024 * 1024)
    assert outcome.status == "crash" and "KeyError" in outcome.message
    with pytest.raises(DocumentError, match="leseren for dette filformatet feilet"):
        outcome.result(30, 256 * 1024 * 1024)


def test_the_child_cannot_use_the_database():
    outcome = limits.run_limited(_query, time_limit=30, memory_limit=256 * 1024 * 1024)
    assert outcome.status == "crash" and "must not use the database" in outcome.message
    from arena.register.models import Unit

    assert Unit.objects.count() > 0  # the caller's connection still works


def test_read_and_propose_returns_the_document_and_its_proposals():
    text = "# Innspill 2021\n\n## Divisjon for helsetjenester\n\nDivisjonen deltar i Nordisk ministerråd.\n"
    imported = limits.read_and_propose(text.encode(), "innspill-2021.md", title="Mitt innspill")
    assert imported.document.title == "Mitt innspill" and imported.proposals.document["year"] == 2021
    assert any(e.name == "Nordisk ministerråd" for e in imported.proposals.entities)
    assert imported.seconds > 0 and imported.peak_memory > 0
