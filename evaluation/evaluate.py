"""Measure the import's quality against hand-annotated references.

    .venv/bin/python evaluation/evaluate.py [--reports DIR] [--verbose] [--json]

For every evaluation/reference-*.json whose report is found in the reports folder (default: ../shared/reports
beside the repository), the script reads the report with Arena's readers, proposes entities and links
against a fresh register (reference data and the demo units, in a temporary SQLite database) and prints
precision and recall for

- entities: the organisations, arenas, programmes, national partners and countries named in the text. A
  proposed entity matches an annotated one when one of its mentions (or its name or abbreviation) is one of
  the annotated surface forms (case- and space-insensitive);
- links: unit → entity pairs ("unit takes part in / leads / is contact point for X"). A proposed pair matches
  when the unit is the same and the entity matches as above. Role agreement is reported for matched pairs.

The references are built by hand from reading the reports (see evaluation/README.md), not from the linker.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORTS = ROOT.parent / "shared" / "reports"
NON_SEED = ROOT / "evaluation" / "non-seed"


def setup_django(workdir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/evaluation.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from arena.register.demo.load import load_demo

    load_demo()


def norm(text: str) -> str:
    from arena.ingest.linking import tokens_of, word_key

    return " ".join(word_key(w) for w, _s, _e in tokens_of(text))


def score(reference: dict, proposals) -> dict:
    gold = reference["entities"]
    gold_forms = [{norm(s) for s in [g["name"], *g["surface_forms"]]} for g in gold]
    matches: dict[str, set[int]] = {}
    for entity in proposals.entities:
        forms = {norm(m) for m in [*entity.mentions, entity.name, entity.abbreviation] if m}
        matches[entity.ref] = {i for i, g in enumerate(gold_forms) if forms & g}
    predicted = len(proposals.entities)
    correct = sum(1 for e in proposals.entities if matches[e.ref])
    found = set().union(*matches.values()) if matches else set()
    entity_fp = [e for e in proposals.entities if not matches[e.ref]]
    entity_fn = [gold[i] for i in range(len(gold)) if i not in found]

    gold_index = {g["name"]: i for i, g in enumerate(gold)}
    gold_links = {}
    for link in reference["links"]:
        gold_links.setdefault((norm(link["unit"]), gold_index[link["entity"]]), link)
    unit_names = {u.abbreviation or u.name: {norm(u.abbreviation), norm(u.name)} for u in proposals.units}
    pairs = {}
    for link in proposals.links:
        pairs.setdefault((link.unit, link.entity_ref), link)
    matched_pairs, matched_gold, same_role = 0, set(), 0
    link_fp = []
    for (unit, ref), link in pairs.items():
        names = unit_names.get(unit, {norm(unit)})
        hits = [key for key in gold_links if key[0] in names and key[1] in matches.get(ref, set())]
        if hits:
            matched_pairs += 1
            matched_gold.update(hits)
            same_role += any(gold_links[h]["role"] == link.role for h in hits)
        else:
            link_fp.append(link)
    link_fn = [v for k, v in gold_links.items() if k not in matched_gold]
    return {
        "entities": {
            "gold": len(gold),
            "proposed": predicted,
            "precision": correct / predicted if predicted else 0.0,
            "recall": len(found) / len(gold) if gold else 0.0,
            "new_proposed": sum(1 for e in proposals.entities if not e.known),
        },
        "links": {
            "gold": len(gold_links),
            "proposed": len(pairs),
            "precision": matched_pairs / len(pairs) if pairs else 0.0,
            "recall": len(matched_gold) / len(gold_links) if gold_links else 0.0,
            "role_agreement": same_role / matched_pairs if matched_pairs else 0.0,
        },
        "false_positive_entities": [
            f"{e.name} ({e.kind}{'' if e.known else ', new'}): {e.mentions}" for e in entity_fp
        ],
        "missed_entities": [f"{g['name']}: {g['surface_forms']}" for g in entity_fn],
        "false_positive_links": [f"{x.unit} → {x.entity} ({x.role}): {x.evidence[:90]}" for x in link_fp],
        "missed_links": [f"{x['unit']} → {x['entity']} ({x['role']}): {x['ref']}" for x in link_fn],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS, help="folder with the reports")
    parser.add_argument("--verbose", action="store_true", help="list false positives and misses")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    references = sorted((ROOT / "evaluation").glob("reference-*.json"))
    non_seed = json.loads(NON_SEED.joinpath("annotations.json").read_text(encoding="utf-8"))["documents"]
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        from arena.ingest.linking import Gazetteer
        from arena.ingest.proposals import propose
        from arena.ingest.readers import read_document

        gazetteer = Gazetteer.from_register()
        results = {"seeds": {}, "non-seed": {}}
        for path in references:
            reference = json.loads(path.read_text(encoding="utf-8"))
            report = args.reports / reference["document"]
            if not report.exists():
                print(f"{reference['document']}: not found in {args.reports}, skipped", file=sys.stderr)
                continue
            proposals = propose(read_document(report), gazetteer, year=reference.get("year"))
            results["seeds"][reference["document"]] = score(reference, proposals)
        for reference in non_seed:
            document = read_document(NON_SEED / reference["document"])
            proposals = propose(document, gazetteer, publisher=reference.get("publisher"))
            results["non-seed"][reference["document"]] = score({"links": [], **reference}, proposals)
    for part in results.values():
        if part:
            part["TOTAL"] = total(part)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for set_name, part in results.items():
        print(f"\n{set_name}")
        print(f"{'document':44} {'':8} {'gold':>5} {'prop.':>5} {'precision':>9} {'recall':>7} {'roles':>6}")
        for name, result in part.items():
            for kind in ("entities", "links"):
                r = result[kind]
                if kind == "links" and not r["gold"] and set_name == "non-seed":
                    continue
                roles = f"{r['role_agreement']:.2f}" if kind == "links" else ""
                print(
                    f"{name:44} {kind:8} {r['gold']:5} {r['proposed']:5} {r['precision']:9.2f}"
                    f" {r['recall']:7.2f} {roles:>6}"
                )
            if args.verbose and name != "TOTAL":
                for key in (
                    "false_positive_entities",
                    "missed_entities",
                    "false_positive_links",
                    "missed_links",
                ):
                    if result[key]:
                        print(f"  {key.replace('_', ' ')}:")
                        for line in result[key]:
                            print(f"    - {line}")
    return 0


def total(part: dict) -> dict:
    """Micro-averaged figures over the documents of one set."""
    out = {}
    for kind in ("entities", "links"):
        rows = [r[kind] for r in part.values()]
        gold = sum(r["gold"] for r in rows)
        proposed = sum(r["proposed"] for r in rows)
        correct = sum(r["precision"] * r["proposed"] for r in rows)
        found = sum(r["recall"] * r["gold"] for r in rows)
        out[kind] = {
            "gold": gold,
            "proposed": proposed,
            "precision": correct / proposed if proposed else 0.0,
            "recall": found / gold if gold else 0.0,
            "role_agreement": 0.0,
        }
    matched = sum(r["links"]["precision"] * r["links"]["proposed"] for r in part.values())
    agreed = sum(
        r["links"]["role_agreement"] * r["links"]["precision"] * r["links"]["proposed"] for r in part.values()
    )
    out["links"]["role_agreement"] = agreed / matched if matched else 0.0
    out.update(
        dict.fromkeys(
            ("false_positive_entities", "missed_entities", "false_positive_links", "missed_links"), []
        )
    )
    return out


if __name__ == "__main__":
    sys.exit(main())
