"""Writes the invitation corpus (SYNTHETIC: invented invitations in the style of real ones, written for Arena's
tests; the bodies named are real, the people, dates and texts are not). Run from the repository root:

    .venv/bin/python tests/invitations/data/write_corpus.py

Each message becomes NN-name.eml, or NN-name.msg (Outlook, written by tests/invitations/msgfile.py from the same
message) for those in AS_MSG; expected.json says which unit (its key) the demo register implies (the strongest
engagement on the arena; "triage" where the register does not say one unit clearly).
"""

import datetime
import json
import sys
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Saved from Outlook rather than from a mail program writing RFC 5322: an .ics attachment, an HTML-only mail with
# a script, Nordic letters in the text, a forwarded mail, one for triage, a calendar-only invitation.
AS_MSG = {
    "esan-salt-meeting",
    "tehdas-consortium",
    "nomesko-annual-meeting",
    "oecd-hcqi",
    "nordic-substance-abuse-seminar",
    "forwarded-violence-focal-points",
    "calendar-only-data-coordinators",
}
SENT = datetime.datetime(2026, 11, 20, 10, 15, tzinfo=datetime.UTC)


def ics(summary, start, end, location):
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Synthetic//Arena test//EN\r\nMETHOD:REQUEST\r\n"
        f"BEGIN:VEVENT\r\nUID:{summary[:10].replace(' ', '')}-{start}@example.org\r\nDTSTAMP:20261120T101500Z\r\n"
        f"DTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\nSUMMARY:{summary}\r\nLOCATION:{location}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


MESSAGES = [
    dict(
        name="who-emt-regional-meeting",
        sender=("WHO/Europe Emergency Programme", "emt-europe@euro.who.int"),
        subject="Invitation: Regional meeting of the WHO Emergency Medical Teams Initiative in Europe",
        text="""Dear colleagues,

On behalf of the WHO Regional Office for Europe, we are pleased to invite your institution to the annual
regional meeting of the WHO Emergency Medical Teams Initiative, which will take place in Istanbul, Türkiye,
on 10-12 March 2027.

The meeting will review the classification and mentorship process for national teams, share lessons from the
deployments of 2026 and agree the regional work plan for the next two years.

Please register your delegates no later than 5 February 2027 using the online form.

Kind regards,
Emergency Medical Teams Secretariat
WHO Regional Office for Europe
UN City, Copenhagen
""",
        expected="as",
    ),
    dict(
        name="who-mental-health-counterparts",
        sender=("Mental Health Flagship", "mentalhealth@euro.who.int"),
        subject="Annual meeting of the WHO National Counterparts for Mental Health",
        text="""Dear National Counterpart,

We are writing to invite you to the annual meeting of the WHO National Counterparts for Mental Health.
The meeting will be held in Athens, Greece, from 14 to 15 April 2027 and will focus on community-based
services and the mental health of young people.

Venue: Megaron Athens International Conference Centre
Please confirm your participation by 1 March 2027.

With best regards,
Mental Health Programme
WHO Regional Office for Europe
""",
        expected="ffpr",
    ),
    dict(
        name="esan-salt-meeting",
        sender=("Nutrition team", "nutrition@euro.who.int"),
        subject="ESAN meeting 2027 - save the date",
        text="""Dear members of the WHO European Salt Action Network (ESAN),

The next network meeting is planned for 3-4 June 2027 in Lisbon, Portugal. We will discuss reformulation
targets for bread and processed meat, and monitoring of sodium intake.

A draft agenda will follow. Registration deadline: 15 April 2027.

Best regards,
WHO European Office for the Prevention and Control of Noncommunicable Diseases
""",
        ics=("ESAN network meeting", "20270603", "20270605", "Lisbon, Portugal"),
        expected="ff",
    ),
    dict(
        name="who-rc77",
        sender=("Governing Bodies", "governance@euro.who.int"),
        subject="77th session of the WHO Regional Committee for Europe: invitation and credentials",
        text="""Excellency,

The Regional Director has the honour to invite your Government to be represented at the seventy-seventh
session of the WHO Regional Committee for Europe. The session is held in Copenhagen, Denmark,
from 26 to 28 October 2027.

Member States are requested to submit the credentials of their delegations before 15 September 2027.

Governing Bodies Unit
WHO Regional Office for Europe
""",
        expected="asgh",
    ),
    dict(
        name="eu-tobacco-expert-group",
        sender=("SANTE B2", "SANTE-TOBACCO@ec.europa.eu"),
        subject="Expert Group on Tobacco Policy - meeting of 9 February 2027",
        text="""Dear Members of the Expert Group on Tobacco Policy,

The Commission services are pleased to invite you to the next meeting of the expert group, which will be held
in hybrid format in Brussels on 9 February 2027. The main item is the evaluation of the tobacco legislation and
the implementing acts on traceability.

Please indicate the names of participants by 20 January 2027.

Kind regards,
European Commission
Directorate-General for Health and Food Safety
""",
        expected="ff",
    ),
    dict(
        name="cbhc-expert-group",
        sender=("SANTE Cross-border healthcare", "SANTE-CBHC@ec.europa.eu"),
        subject="Invitation - Cross-Border Healthcare Expert Group, 22 April 2027",
        text="""Dear members of the Cross-Border Healthcare Expert Group,

We are happy to invite you to the meeting on 22 April 2027 in Brussels (Albert Borschette Conference Centre).
The agenda covers national contact points, reimbursement data for 2026 and the planned report to the
Parliament and Council.

Registration deadline: 1 April 2027.

Best regards,
European Commission, DG SANTE
""",
        expected="hk",
    ),
    dict(
        name="organ-competent-authorities",
        sender=("SANTE Substances of human origin", "sante-soho@ec.europa.eu"),
        subject="Meeting of the EU Competent Authorities on Organ Donation and Transplantation",
        text="""Dear Competent Authorities,

The next meeting of the EU Competent Authorities on Organ Donation and Transplantation will take place in
Brussels on 18-19 May 2027. Please find the draft agenda attached.

Kindly confirm attendance by 30 April 2027.

Yours sincerely,
Unit for medical products and innovation
European Commission
""",
        expected="kf",
    ),
    dict(
        name="sharp-consortium",
        sender=("SHARP JA coordination", "sharp@thl.example.fi"),
        subject="SHARP Joint Action: consortium meeting and work package workshops",
        text="""Dear consortium partners,

The coordination team of the Joint Action on Strengthened International Health Regulations and Preparedness
in the EU (SHARP) invites all partners to the consortium meeting, which will take place in Helsinki, Finland,
on 8-9 March 2027.

We will review the deliverables of the last period and plan the simulation exercises on points of entry and
laboratory preparedness. Please register by 15 February 2027.

Best regards,
The SHARP coordination team
Finnish Institute for Health and Welfare
""",
        expected="kf",
    ),
    dict(
        name="tehdas-consortium",
        sender=("TEHDaS2 coordination", "info@tehdas.example.eu"),
        subject="TEHDaS General Assembly 2027",
        text="""Dear partners of the Joint Action TEHDaS,

The General Assembly of the joint action on the European Health Data Space will be held online on
2 February 2027. Please register by 20 January 2027.

Best regards,
TEHDaS coordination, Sitra
""",
        expected="triage",  # two units take part equally (AS and DH)
    ),
    dict(
        name="nnr-reference-group",
        sender=("Nordic Nutrition Recommendations", "nnr@norden.org"),
        subject="Nordic Nutrition Recommendations: meeting of the national reference group",
        text="""Dear colleagues,

The Nordic Council of Ministers invites the national reference persons for the Nordic Nutrition
Recommendations (NNR) to a meeting on the follow-up and dissemination of the recommendations.
The meeting takes place on 23 March 2027 and is held in Copenhagen.

Please reply by 1 March 2027.

Med vennlig hilsen
Nordisk ministerråd
""",
        expected="triage",  # the engagement on NNR 2022 ended in 2022: the coordinator decides
    ),
    dict(
        name="nomesko-annual-meeting",
        sender=("NOMESKO sekretariat", "nomesko@norden.org"),
        subject="Invitasjon til årsmøte i Nordisk medisinalstatistisk komité (NOMESKO)",
        text="""Kjære medlemmer,

Vi inviterer til årsmøtet i Nordisk medisinalstatistisk komité. Møtet holdes i Reykjavik 27.–28. mai 2027.
Vi skal behandle publiseringsplanen og den felles nordiske statistikken for dødsårsaker.

Påmeldingsfrist: 30. april 2027.

Med vennlig hilsen
Sekretariatet for NOMESKO
""",
        expected="dh",
    ),
    dict(
        name="oecd-health-statistics",
        sender=("OECD Health Division", "health.contact@oecd.org"),
        subject="OECD Working Party on Health Statistics - 2027 meeting",
        text="""Dear Delegates,

I am pleased to invite you to the meeting of the OECD Working Party on Health Statistics, which will be held
at the OECD Conference Centre in Paris, France on 10-11 June 2027. Delegates will discuss the joint data
collection and the new indicators on health workforce.

Please register before 20 May 2027.

Yours sincerely,
Health Division
Organisation for Economic Co-operation and Development
""",
        html_only=False,
        expected="dh",
    ),
    dict(
        name="oecd-hcqi",
        sender=("OECD HCQO team", "hcqo@oecd.org"),
        subject="Invitation: Health Care Quality Indicators (HCQI) expert meeting",
        text="""Dear national experts,

The HCQI experts will meet on 16 November 2027 in Paris.
We will review the patient safety and patient-reported indicators for Health at a Glance.

Venue: OECD Conference Centre, 2 rue André Pascal, Paris
Registration deadline: 25 October 2027

Kind regards,
OECD Health Division
""",
        html_only=True,
        expected="as",
    ),
    dict(
        name="european-public-health-conference",
        sender=("EPH Conference office", "office@ephconference.example.eu"),
        subject="Call for abstracts and registration: European Public Health Conference 2027",
        text="""Dear colleague,

Registration is open for the European Public Health Conference, held in Helsinki, Finland, 10-13 November
2027. Abstracts can be submitted until 1 May 2027.

EPH Conference Foundation
""",
        expected="triage",  # no unit takes part in the conference
    ),
    dict(
        name="nordic-substance-abuse-seminar",
        sender=("NordAN seminar secretariat", "seminar@nordic-rus.example.org"),
        subject="Nordic Substance Abuse Seminar 2027 - invitation and programme",
        text="""Dear colleagues,

Welcome to the Nordic Substance Abuse Seminar, the yearly meeting place for Nordic authorities working on
alcohol, drugs and gambling. The seminar is held in Tórshavn, Faroe Islands, on 6-8 September 2027.

The programme covers early intervention in primary care and the regulation of online gambling.
Registration deadline: 1 July 2027.

Seminar secretariat
""",
        expected="ff",
    ),
    dict(
        name="pq-directive-coordinators",
        sender=("GROW Professional qualifications", "GROW-PQ@ec.europa.eu"),
        subject="Meeting of the group of coordinators for the Professional Qualifications Directive",
        text="""Dear coordinators,

The Commission invites you to the meeting of the group of coordinators for the recognition of professional
qualifications (Directive 2005/36/EC). The meeting will take place in Brussels on 25 February 2027.
Items include the European Professional Card and partial access.

Please confirm your participation by 5 February 2027.

European Commission
""",
        expected="hk",
    ),
    dict(
        name="nordic-tobacco-network",
        sender=("Folkhälsomyndigheten", "tobak@folkhalsomyndigheten.example.se"),
        subject="Invitation: meeting of the Network of Nordic tobacco authorities",
        text="""Dear Nordic colleagues,

We have the pleasure of inviting you to this year's meeting of the Network of Nordic tobacco authorities,
to be held in Stockholm on 13-14 October 2027. Topics are nicotine pouches and flavour bans.

Please register no later than 15 September 2027.

Best regards,
Folkhälsomyndigheten
""",
        expected="ff",
    ),
    dict(
        name="terror-nomination",
        sender=("JA TERROR coordination", "terror-ja@sante.example.fr"),
        subject="Request for nomination of national experts - Joint Action TERROR",
        text="""Dear partners,

The Joint Action on health preparedness and response to biological and chemical terror attacks asks each
participating country to nominate two national experts to the working group on medical countermeasures.
Nominations should be sent by 31 January 2027.

The first meeting of the working group is planned online on 4 March 2027.

Kind regards,
JA TERROR coordination team
""",
        expected="as",
    ),
    dict(
        name="hsc-consultation",
        sender=("HERA secretariat", "HSC-secretariat@ec.europa.eu"),
        subject="Written consultation of the Health Security Committee on the preparedness report",
        text="""Dear members of the Health Security Committee,

The Commission launches a written consultation on the draft report on prevention, preparedness and
response planning. Please send written comments by 15 January 2027.

Kind regards,
HSC secretariat
""",
        expected="triage",  # the owning team has no international contact
    ),
    dict(
        name="cmo-meeting",
        sender=("Presidency", "cmo-meeting@presidency.example.eu"),
        subject="Meeting of the EU Chief Medical Officers, Warsaw",
        text="""Dear Chief Medical Officers,

The Presidency is pleased to invite you to the meeting of the EU Chief Medical Officers on 19-20 April 2027
in Warsaw, Poland. Please register by 20 March 2027.

Best regards
""",
        # "EU Chief Medical Officers" is not a name the register knows (it has "Chief Medical, Nursing and
        # Dental Officers", CMO), so this goes to triage as an unknown arena; named right it would be a tie
        # (the directorate and KF take part equally) and go to triage too.
        expected="triage",
    ),
    dict(
        name="forwarded-violence-focal-points",
        sender=("Berit Lesesen", "berit.lesesen@helsedir.example.no"),
        subject="VS: Meeting of the WHO Violence Prevention Focal Points",
        text="""Hei,

Videresender denne, gjelder vel dere? Se under.

Berit

-----Original Message-----
From: Violence and Injury Prevention <vip@euro.who.int>
Subject: Meeting of the WHO Violence Prevention Focal Points

Dear focal points,

The biennial meeting of national focal points for violence and injury prevention will be held in Vilnius,
Lithuania, on 21-22 September 2027. Kindly confirm your participation before 1 August 2027.

WHO Regional Office for Europe
""",
        expected="ffpr",
    ),
    dict(
        name="nordic-mental-health-typo",
        sender=("Socialstyrelsen", "psykisk.halsa@socialstyrelsen.example.se"),
        subject="Invitasjon: møte i Nordisk arbeidsgruppe for psykisk hesle",
        text="""Hei alle sammen,

Vi inviterer til neste møte i den nordiske arbeidsgruppen, som holdes i Stockholm 4. februar 2027.
Tema er selvmordsforebygging og tjenester for unge. Gi beskjed innen 15. januar 2027.

Vennlig hilsen
Socialstyrelsen
""",
        expected="ffpr",
    ),
    dict(
        name="who-europe-newsletter",
        sender=("WHO/Europe news", "newsletter@euro.who.int"),
        subject="WHO/Europe update: upcoming network meetings",
        text="""Dear colleagues,

This month: the WHO European Salt Action Network publishes its monitoring report, HEPA Europe opens
registration for its conference, and the WHO National Counterparts for Mental Health prepare their annual
meeting on 14 April 2027. The WHO Emergency Medical Teams Initiative reports on classification.

WHO Regional Office for Europe
""",
        expected="triage",  # a newsletter about many networks, no one unit
    ),
    dict(
        name="oecd-health-committee",
        sender=("OECD Health Committee secretariat", "health.committee@oecd.org"),
        subject="Invitation: OECD Health Committee, 27th session",
        text="""Dear Delegates,

The 27th session of the OECD Health Committee will be held in Paris on 17-18 June 2027. The main items are
the health workforce and the resilience of health systems. Please register before 1 June 2027.

OECD Directorate for Employment, Labour and Social Affairs
""",
        expected="triage",  # the demo register has no unit on the Health Committee
    ),
    dict(
        name="save-the-date-pq",
        sender=("GROW unit E5", "grow-e5@ec.europa.eu"),
        subject="Save the date",
        text="""Dear colleagues,

Please save the date for the next meeting of the coordinators under the Professional Qualifications
Directive: 23 September 2027, Brussels. The invitation and agenda will follow.

European Commission
""",
        expected="hk",
    ),
    dict(
        name="calendar-only-data-coordinators",
        sender=("Data and Digital Health", "datacoordinators@euro.who.int"),
        subject="Invitation: WHO National Data Coordinators meeting",
        text="Please see the calendar invitation.",
        ics=("WHO National Data Coordinators meeting", "20271110", "20271112", "Copenhagen"),
        expected="ff",
    ),
]


def write() -> None:
    expected = {}
    for number, spec in enumerate(MESSAGES, start=1):
        message = EmailMessage()
        message["From"] = f'"{spec["sender"][0]}" <{spec["sender"][1]}>'
        message["To"] = "internasjonalt@helsedir.example.no"
        message["Subject"] = spec["subject"]
        message["Date"] = format_datetime(SENT + datetime.timedelta(hours=number))
        message["Message-ID"] = f"<inv{number:02d}.{spec['name']}@example.org>"
        if spec.get("html_only"):
            paragraphs = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in spec["text"].split("\n\n"))
            html = f"<html><body><script>alert('x')</script>{paragraphs}<img src='https://track.example/p.gif'></body></html>"
            message.set_content(html, subtype="html")
        else:
            message.set_content(spec["text"])
        if spec.get("ics"):
            message.add_attachment(
                ics(*spec["ics"]).encode(), maintype="text", subtype="calendar", filename="invitation.ics"
            )
            message.set_boundary(f"=={spec['name']}==")  # the same bytes each time the corpus is written
        path = HERE / f"{number:02d}-{spec['name']}.eml"
        if spec["name"] in AS_MSG:
            path.unlink(missing_ok=True)
            path = path.with_suffix(".msg")
            path.write_bytes(msgfile.from_email(message))
        else:
            path.write_bytes(bytes(message))
        expected[path.name] = spec["expected"]
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[2]))
    from tests.invitations import msgfile

    write()
