"""Reading saved e-mails: .eml with the standard library, .msg with extract-msg, .ics attachments, sanitised
HTML, and every kind of bad input refused with a bokmål message."""

import pytest

from arena.invitations.messages import InvitationError, parse_eml, parse_file, parse_msg, sanitise_html
from arena.invitations.reading import read_dates, read_kind, read_location
from tests.invitations.conftest import eml

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20261101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20300401\r\nDTEND;VALUE=DATE:20300403\r\nSUMMARY:Board\r\nLOCATION:Luxembourg\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_plain_message_with_calendar():
    message = parse_eml(eml(ics=ICS))
    assert message.message_id == "<ern-1@example.org>"
    assert message.sender_email == "ern-secretariat@ec.europa.eu"
    assert message.domain == "ec.europa.eu"
    assert "Board of Member States" in message.text
    assert [a.filename for a in message.attachments] == ["invite.ics"]
    event = message.events[0]
    assert (event.starts.isoformat(), event.ends.isoformat(), event.location) == (
        "2030-04-01",
        "2030-04-02",  # DTEND of an all-day event is exclusive
        "Luxembourg",
    )


def test_html_only_mail_is_sanitised_and_read():
    html = (
        "<html><body><script>alert('x')</script><p onclick='steal()'>Meeting on 3 May 2030 in Oslo</p>"
        "<img src='https://tracker.example/p.gif'><a href='javascript:evil()'>x</a></body></html>"
    )
    message = parse_eml(eml(html=html))
    assert "<script" not in message.html and "onclick" not in message.html
    assert "tracker.example" not in message.html and "javascript:" not in message.html
    assert "Meeting on 3 May 2030" in message.text


def test_sanitiser_keeps_links_safe():
    assert 'rel="noopener noreferrer nofollow"' in sanitise_html('<a href="https://who.int">WHO</a>')


@pytest.mark.parametrize(
    "data, words",
    [
        (eml(message_id=None), "Message-ID"),
        (b"", "tom"),
        (b"%PDF-1.7 not a mail", "ikke en e-post"),
        (b"just some words without headers", "ikke en e-post"),
        (
            b"From: a@b.no\r\nMessage-ID: <m@b.no>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="zzz"\r\n\r\nno boundary ever appears\r\n',
            "MIME",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message(data, words):
    with pytest.raises(InvitationError, match=words):
        parse_eml(data)


def test_size_limit(settings):
    settings.ARENA_INVITATION_MAX_BYTES = 2000
    with pytest.raises(InvitationError, match="for stor"):
        parse_eml(eml(text="x" * 5000))


def test_unknown_charset_is_read_not_refused():
    data = (
        b"From: a@b.no\r\nMessage-ID: <cs@b.no>\r\nSubject: Seminar\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-unknown-9\r\n\r\nSeminar p\xe5 14. mars 2030\r\n"
    )
    message = parse_eml(data)
    assert "Seminar" in message.text and "14. mars 2030" in message.text


def test_a_msg_that_is_not_one():
    with pytest.raises(InvitationError, match="Outlook"):
        parse_file(b"From: someone\r\n\r\nnot OLE", "invitasjon.msg")
    with pytest.raises(InvitationError, match="Outlook"):
        parse_msg(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The meeting takes place on 12-13 March 2030. Please register by 1 February 2030.",
         ("2030-03-12", "2030-03-13", "2030-02-01")),
        ("Møtet holdes 27.–28. mai 2030. Påmeldingsfrist: 30. april 2030.",
         ("2030-05-27", "2030-05-28", "2030-04-30")),
        ("Join us on June 10-11, 2030 in Paris. Registration deadline: May 20, 2030",
         ("2030-06-10", "2030-06-11", "2030-05-20")),
        ("Seminar 14.03.2030 i Oslo. Svarfrist 01.03.2030.", ("2030-03-14", "2030-03-14", "2030-03-01")),
        ("From 30 September to 2 October 2030 in Riga.", ("2030-09-30", "2030-10-02", None)),
        ("No date here at all.", (None, None, None)),
        ("Meeting on 9 February 2027. Please indicate the names of participants by 20 January 2027.",
         ("2027-02-09", "2027-02-09", "2027-01-20")),
    ],
)  # fmt: skip
def test_dates_in_norwegian_and_english(text, expected):
    starts, ends, deadline = read_dates(text)
    got = tuple(d.isoformat() if d else None for d in (starts, ends, deadline))
    assert got == expected


def test_location_and_kind():
    assert read_location("Venue: OECD Conference Centre, Paris\nMore text") == "OECD Conference Centre, Paris"
    assert (
        read_location("The meeting will take place in Istanbul, Türkiye, on 10 March") == "Istanbul, Türkiye"
    )
    assert read_location("Møtet holdes digitalt via Teams") == "Digitalt"
    assert read_location("It will be held in Vilnius,\nLithuania, on 21 May") == "Vilnius, Lithuania"
    assert read_kind("Request for nomination of national experts", "") == "nomination"
    assert read_kind("Written consultation on the draft report", "") == "consultation"
    assert read_kind("Summer course on health economics", "") == "course"
    assert read_kind("Nordic Substance Abuse Seminar 2030", "") == "seminar"
    assert read_kind("Board meeting", "") == "meeting"
    # the venue's name is not the kind of event
    assert read_kind("Board of Member States", "The Board meets at the Conference Centre.") == "meeting"
    assert read_kind("Styremøte", "Sted: Oslo konferansesenter") == "meeting"
    assert read_kind("European Public Health Conference", "Venue: Conference Centre") == "seminar"
