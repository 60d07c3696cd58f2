"""Whose text it is: the publisher of an imported document.

When another agency's text is imported (`import --publisher FHI`, or the upload page's publisher field), the
publisher's own name is not an external entity, and its statements ("FHI er nasjonalt kontaktpunkt for …",
"Vi deltar i …") are the publisher's, not the directorate's: the publisher takes the directorate's place in
attribution. Its links are proposed as the publisher's engagements (`holder` = "publisher" in the JSON) and its
paragraphs are not proposed as the directorate's activities. When the publisher is a national partner in the
register (a ministry, agency or national organisation: HOD, FHI, DMP …), its engagements are stored for review
and committed as that partner's engagements (`review.commit`), beside the directorate's units; a publisher the
register does not know, or a foreign one, has its engagements shown and exported only.
"""

from dataclasses import replace

from arena.ingest.linking import UNIT, Entry, Gazetteer, Mention, tokens_of, word_key
from arena.register.normalize import normalize_name

PUBLISHER_MODEL = "publisher"


def find_publisher(name: str, gazetteer: Gazetteer) -> Entry:
    """The publisher as an attribution subject: the register's organisation of that name or abbreviation if
    there is one (its pk kept, negated, so it never passes for a unit's pk), else a stand-in named as given."""
    key = tuple(word_key(w) for w, _s, _e in tokens_of(name))
    organisations = [e for _w, e in gazetteer.names.get(key, ()) if e.model == "organisation"]
    if organisations:
        org = organisations[0]
        return Entry(PUBLISHER_MODEL, -org.pk, org.name, org.abbreviation, UNIT, "directorate", org.key)
    return Entry(PUBLISHER_MODEL, 0, name.strip(), "", UNIT, "directorate")


def is_publisher(entry: Entry | None) -> bool:
    return entry is not None and entry.model == PUBLISHER_MODEL


def organisation_pk(entry: Entry) -> int | None:
    return -entry.pk if is_publisher(entry) and entry.pk < 0 else None


def as_publisher(mentions: list[Mention], publisher: Entry, gazetteer: Gazetteer) -> list[Mention]:
    """The mentions with the publisher's own names standing for the publisher (a subject, not an entity)."""
    own = {normalize_name(n) for n in (publisher.name, publisher.abbreviation) if n}
    pk = organisation_pk(publisher)
    if pk is not None:
        own |= {normalize_name(n) for n in gazetteer.written_names(gazetteer.get("organisation", pk))}
    out = []
    for mention in mentions:
        entry = mention.entry
        if (entry is not None and entry.model == "organisation" and entry.pk == pk) or (
            entry is None and normalize_name(mention.new.name) in own
        ):
            mention = replace(mention, entry=publisher, new=None, how="publisher")
        out.append(mention)
    return out


def hand_to_publisher(proposals, publisher: Entry) -> None:
    """Make the publisher's statements its own in the proposals: its links become the publisher's
    engagements (never a unit's), and paragraphs only it speaks for are not the directorate's activities."""
    pk = organisation_pk(publisher)
    proposals.document["publisher"] = {"name": publisher.name, "organisation_pk": pk}
    proposals.units = [u for u in proposals.units if u.pk != publisher.pk]
    for link in proposals.links:
        if link.unit_pk == publisher.pk:
            link.unit_pk, link.holder, link.holder_pk = None, PUBLISHER_MODEL, pk
    kept = []
    for activity in proposals.activities:
        pairs = [(n, p) for n, p in zip(activity.units, activity.unit_pks, strict=True) if p != publisher.pk]
        if pairs:
            activity.units, activity.unit_pks = [n for n, _ in pairs], [p for _, p in pairs]
            activity.unit = activity.units[0]
            kept.append(activity)
    proposals.activities = kept
