"""The import review in a real browser: filter by keyboard, the unit picker, the merge page, the confirmed
commit and the undo; axe finds no serious or critical problem on any of these pages, at 1280 and 390 px."""

import pytest

from arena.ingest import review
from arena.ingest.models import ImportBatch, Proposal
from arena.ingest.proposals import propose
from arena.ingest.readers import read_bytes
from arena.register.models import Activity, Arena, Country, Organisation, Unit
from arena.register.permissions import Access
from tests.browser.test_pages import PASSWORD, _axe_serious
from tests.ingest.test_review import CONTRIBUTION

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def batch(django_user_model):
    from arena.register.demo.load import load_units

    load_units()  # the names the contribution uses, without the whole reference register (quicker)
    ncm = Organisation.objects.create(name="Nordisk ministerråd", abbreviation="NMR", kind="international")
    nkmt = Arena.objects.create(
        name="Nordisk arbeidsgruppe for kosthold, mat og toksikologi",
        abbreviation="NKMT",
        kind="working_group",
        organisation=ncm,
    )
    Arena.objects.create(name="De nordiske ernæringsanbefalingene", abbreviation="NNR", kind="project")
    Country.objects.create(code="SE", code3="SWE", name="Sverige", name_en="Sweden")
    stored = Activity.objects.create(year=2021, title="Nordisk ernæringsarbeid", description="Kort.")
    stored.units.set([Unit.objects.get(abbreviation="FF")])
    stored.arenas.set([nkmt])
    django_user_model.objects.create_superuser("koordinator", password=PASSWORD)
    document = read_bytes(CONTRIBUTION.encode(), "innspill-ff-2021.md")
    return review.store(document, propose(document), by=Access.system())


def test_review_merge_commit_and_undo_by_keyboard_and_pass_axe(new_page, batch):
    page = new_page("koordinator")
    problems = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(batch.get_absolute_url())
        problems[f"review {width}"] = _axe_serious(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    # filter by keyboard: the state goes into the URL
    page.focus("#filter-type")
    page.select_option("#filter-type", "engagement")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Vis").press("Enter")
    page.wait_for_url("**type=engagement**")
    assert page.locator("article.proposal").count() == 3
    engagement = batch.proposals.filter(kind=Proposal.Kind.ENGAGEMENT).first()
    as_unit = Unit.objects.get(abbreviation="AS")
    page.select_option(f"#unit_pk-{engagement.pk}", str(as_unit.pk))
    page.check(f"input[name=decision-{engagement.pk}][value=accept]")
    page.get_by_role("button", name="Lagre vurderinger").click()
    page.wait_for_url("**type=engagement**")
    engagement.refresh_from_db()
    assert engagement.unit == as_unit and engagement.status == Proposal.Status.ACCEPTED

    activity = batch.proposals.filter(kind=Proposal.Kind.ACTIVITY).first()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/import/{batch.pk}/forslag/{activity.pk}/slaa-sammen/")
        problems[f"merge {width}"] = _axe_serious(page)
    page.get_by_role("button", name="Slå sammen").click()
    activity.refresh_from_db()
    assert activity.status == Proposal.Status.MERGED

    page.goto(batch.get_absolute_url())
    page.get_by_role("button", name="Lagre godtatte forslag i registeret …").click()
    problems["confirm"] = _axe_serious(page)
    assert page.get_by_role("table").is_visible()
    page.get_by_role("button", name="Bekreft og lagre i registeret").click()
    assert page.locator(".message--success").inner_text().startswith("Lagret i registeret:")
    page.get_by_role("button", name="Angre importen …").click()
    problems["undo"] = _axe_serious(page)
    page.get_by_role("button", name="Ja, angre importen").click()
    assert page.locator(".message--success").inner_text().startswith("Importen er angret")
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.UNDONE
    assert {name: found for name, found in problems.items() if found} == {}
