"""Outlook .msg: the corpus's .msg files (written by msgfile.py) read by Arena (extract-msg) give the same message
as an independent reader does (msgconvert from Debian's libemail-outlook-message-perl, which turns a .msg into
RFC 5322, read here by Arena's .eml parser); the Message-ID comes from PR_INTERNET_MESSAGE_ID or else the transport
headers, and a .msg with neither is refused like an .eml without one."""

import email
import email.policy
import shutil
import subprocess

import olefile
import pytest

from arena.invitations.messages import InvitationError, parse_eml, parse_file, parse_msg
from tests.invitations import msgfile
from tests.invitations.conftest import DATA, eml

MSGS = sorted(DATA.glob("*.msg"))


def _convert(path, tmp_path) -> bytes:
    """msgconvert's RFC 5322 rendering of the .msg at `path`."""
    binary = shutil.which("msgconvert")
    assert binary, "msgconvert is missing: run scripts/system-deps.sh (libemail-outlook-message-perl)"
    out = tmp_path / (path.stem + ".eml")
    subprocess.run([binary, "--outfile", str(out), str(path)], check=True, timeout=60, capture_output=True)
    return out.read_bytes()


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_corpus_has_outlook_messages():
    assert len(MSGS) >= 5


@pytest.mark.parametrize("path", MSGS, ids=lambda p: p.name)
def test_msg_reads_as_an_independent_reader_reads_it(path, tmp_path):
    ours = parse_file(path.read_bytes(), path.name)
    theirs = parse_eml(_convert(path, tmp_path))
    assert ours.message_id == theirs.message_id and "@" in ours.message_id
    assert (ours.subject, ours.sender_name, ours.sender_email) == (
        theirs.subject,
        theirs.sender_name,
        theirs.sender_email,
    )
    assert ours.date == theirs.date
    assert _words(ours.text) == _words(theirs.text) and len(ours.text) > 30
    assert [(a.filename, a.content) for a in ours.attachments] == [
        (a.filename, a.content) for a in theirs.attachments
    ]
    assert [(e.starts, e.ends) for e in ours.events] == [(e.starts, e.ends) for e in theirs.events]


def test_html_only_msg_is_sanitised():
    message = parse_msg((DATA / "13-oecd-hcqi.msg").read_bytes())
    assert "<script" not in message.html and "alert(" not in message.html and "<img" not in message.html
    assert "HCQI" in message.text or "Health Care Quality" in message.text


def _source(**overrides):
    return email.message_from_bytes(eml(**overrides), policy=email.policy.default)


def test_message_id_from_the_transport_headers_when_the_property_is_missing():
    data = msgfile.from_email(_source(message_id="<only-in-headers@example.org>"), internet_message_id=False)
    assert not olefile.OleFileIO(data).exists("__substg1.0_1035001F")
    message = parse_msg(data)
    assert message.message_id == "<only-in-headers@example.org>"
    assert message.subject.startswith("Invitation: European Reference Networks")


def test_message_id_from_the_property_without_transport_headers():
    data = msgfile.from_email(_source(message_id="<only-property@example.org>"), transport_headers=False)
    message = parse_msg(data)
    assert message.message_id == "<only-property@example.org>"
    assert (message.sender_name, message.sender_email) == ("ERN secretariat", "ern-secretariat@ec.europa.eu")
    assert "12-13 March 2030" in message.text


def test_msg_without_any_message_id_is_refused_like_an_eml():
    data = msgfile.without_message_id(_source())
    with pytest.raises(InvitationError, match="mangler Message-ID") as from_msg:
        parse_msg(data)
    with pytest.raises(InvitationError) as from_eml:
        parse_eml(eml(message_id=None))
    assert str(from_msg.value) == str(from_eml.value)
