"""The ledger layer, and the rule that a chapter shows the audit's verdict, never its own."""

import html
import json
import re
from pathlib import Path

import pytest

from evidence import ledger
from evidence.audit import VERDICTS, audit, verdict_label
from evidence.printed import Printed

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CHAPTERS = ["alss-survival", "causes-and-transplant-gap", "transplant-by-aclf-grade", "stem-cells-and-frontier", "t2d-insulin"]
CLAIM_ID = r"(?:LFR|LF5|SCLT|T2DS|T2DH)-\d{3}"
# Verdict words of the old audit and of chapters that typed their own; none may be shown.
RETIRED_WORDS = ("reproduced", "overstated", "misworded", "unsourced", "not checked", "wrong denominator")


def test_find_a_claim_by_its_quote_with_its_values_as_printed():
    claim = ledger.find("28 天生存率", "LFR")
    # Kaplan–Meier survival printed as 65.2% and 59.0%: the trailing zero is kept.
    assert claim.values == (Printed(65.2, "65.2"), Printed(59.0, "59.0"))
    assert [v.text for v in claim.values] == ["65.2", "59.0"]
    audited = audit().set_index("claim_id")
    assert claim.verdict == audited.loc[claim.claim_id, "verdict"]
    assert claim.reason == audited.loc[claim.claim_id, "reason"]
    assert claim.link == f"{{ref}}`{claim.claim_id} <claim-{claim.claim_id.lower()}>`"


def test_find_refuses_no_match_and_an_ambiguous_one():
    with pytest.raises(ValueError, match="no claim's quote contains"):
        ledger.find("no such words anywhere")
    # One sentence, two numbers (5 patients; 10-13 months): two claims.
    with pytest.raises(ValueError, match="2 claims' quotes contain"):
        ledger.find("5名患者在治療后10–13個月")
    assert ledger.find("5名患者在治療后10–13個月", value_index=1).values == (Printed(10, "10"), Printed(13, "13"))


def test_links_keep_order_drop_repeats_and_name_the_verdict():
    first, second = ledger.find("28 天生存率", "LFR"), ledger.find("790 例", "LFR")
    shown = ledger.links([first.claim_id, second.claim_id, first.claim_id])
    assert shown == (f"{first.link} ({verdict_label(first.verdict, first.unverifiable_reason)}); "
                     f"{second.link} ({verdict_label(second.verdict, second.unverifiable_reason)})")


def test_an_unverifiable_claim_shows_why():
    claim = ledger.find("全身性炎症反应")  # cites no source
    assert claim.verdict_label == "unverifiable (no-source-cited)"


# --- chapters show the audit's verdicts --------------------------------------------------------


def _outputs(name: str) -> list[str]:
    notebook = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    texts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            # Glued text is stored as "application/papermill.record/text/markdown".
            for mime, value in output.get("data", {}).items():
                if mime.endswith(("text/markdown", "text/html")):
                    texts.append("".join(value))
    return texts


def shown_verdicts(text: str) -> list[tuple[str, str]]:
    """(claim id, verdict as shown) pairs: after a link to the audit, and in table rows."""
    found = [(m["id"], m["shown"]) for m in re.finditer(
        rf"`(?P<id>{CLAIM_ID}) <claim-[^>]+>` \((?P<shown>[a-z -]+(?: \([a-z-]+\))?)\)", text)]
    for row in re.findall(r"<tr>(.*?)</tr>", text, flags=re.S):
        ids = set(re.findall(CLAIM_ID, row))
        if len(ids) != 1:
            continue
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S):
            words = html.unescape(re.sub(r"<[^>]+>", "", cell)).strip().lower()
            for verdict in VERDICTS + RETIRED_WORDS:
                # A cell that is a verdict, or that opens with one as a label ("Reproduced: ...").
                if words == verdict or re.match(rf"{verdict}( \([a-z-]+\))?$", words) or re.match(rf"{verdict}\b[:,]", words):
                    found.append((ids.pop(), words))
                    break
    return found


def test_shown_verdicts_are_found_in_links_and_tables():
    # A constructed page, so the scan itself is known to work.
    text = ("{ref}`LFR-012 <claim-lfr-012>` (confirmed); {ref}`LFR-001 <claim-lfr-001>` (unverifiable (no-source-cited))"
            "<table><tr><td>LFR-015</td><td>Overstated: only plasma exchange</td></tr></table>")
    assert shown_verdicts(text) == [("LFR-012", "confirmed"), ("LFR-001", "unverifiable (no-source-cited)"),
                                    ("LFR-015", "overstated: only plasma exchange")]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_shows_the_audits_verdict(chapter):
    audited = audit().set_index("claim_id")
    expected = {claim_id: verdict_label(row["verdict"], row["unverifiable_reason"]) for claim_id, row in audited.iterrows()}
    shown = [pair for text in _outputs(chapter) for pair in shown_verdicts(text)]
    wrong = [(claim_id, words, expected[claim_id]) for claim_id, words in shown if words != expected[claim_id]]
    assert not wrong, f"{chapter} shows verdicts that differ from the audit's: {wrong}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_types_no_claim_id(chapter):
    notebook = json.loads((NOTEBOOKS / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    typed = [m for cell in notebook["cells"] for m in re.findall(CLAIM_ID, "".join(cell["source"]))]
    assert not typed, f"{chapter} types claim ids {typed}; look them up through the ledger or a table's claim_id"
