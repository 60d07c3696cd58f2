"""schemathesis over the whole OpenAPI schema against a live server, with a coordinator's token: no request it
generates — valid or not, reads and writes — may give a server error or a response that breaks the schema."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from arena.api import tokens
from arena.register.models import Activity, Arena, Engagement, Organisation
from arena.register.permissions import Access

ST = Path(sys.executable).with_name("st")


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_schema_violation(live_server, personas, tmp_path):
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind=Organisation.Kind.INTERNATIONAL
    )
    wha = Arena.objects.create(
        name="Verdens helseforsamling", kind=Arena.Kind.GOVERNING_BODY, organisation=who
    )
    Engagement.objects.create(unit=personas.kf, arena=wha)
    activity = Activity.objects.create(year=2020, title="Innspill")
    activity.units.add(personas.kf)
    _row, token = tokens.create(personas.user("coordinator"), "schemathesis", by=Access.system())
    report = tmp_path / "report.json"
    command = [
        str(ST), "run", f"{live_server.url}/api/schema/?format=json",
        "--header", f"Authorization: Token {token}",
        "--checks", "not_a_server_error,response_schema_conformance",
        "--max-examples", os.environ.get("ARENA_SCHEMATHESIS_EXAMPLES", "5"),
        "--phases", "examples,coverage,fuzzing",
        "--workers", "1",
        "--seed", "1",
        "--request-timeout", "20",
        "--report", "ndjson", "--report-ndjson-path", str(report),
        "--no-color",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    selected = re.search(r"Selected: (\d+)/(\d+)", output)
    tested = re.search(r"Tested: (\d+)", output)
    assert selected and tested, output[-3000:]
    assert int(tested.group(1)) == int(selected.group(2)) > 50, output[-3000:]  # every operation exercised
