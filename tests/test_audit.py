"""The audit's checks and verdict rules on constructed cases, with answers worked by hand,
then the ledger itself: every claim has a quote, a value and exactly one verdict."""

import pandas as pd
import pytest

from evidence import audit as audit_module
from evidence.audit import claim_anchor, claim_link, claim_page, resolve_list, run_check, verdict_for
from evidence.claims import (
    VERDICTS,
    CheckResult,
    agrees,
    difference_check,
    fold_change_check,
    holds,
    interval_consistency,
    sum_check,
)
from evidence.data import load_table
from evidence.stats import wald_difference

# --- the check functions -------------------------------------------------------------------


def test_sum_of_group_sizes_that_misses_the_total():
    # 41 + 60 + 117 = 218, not 235.
    result = sum_check([41, 60, 117], "235")
    assert not result.passed
    assert result.reason == "41 + 60 + 117 = 218 ≠ 235"
    assert sum_check([412, 378], "790").passed


def test_sum_with_an_inequality():
    # 43.48 + 37 = 80.48 weeks cannot fit in 48 weeks.
    assert not sum_check([43.48, 37], "48", "<=").passed
    assert sum_check([4, 37], "48", "<=").passed


def test_difference_and_fold_change_at_the_reported_precision():
    # 554.6 − 207.6 = 347.0; 554.6 / 207.6 = 2.671…, which rounds to 2.7 but not to 2.6.
    assert difference_check(554.6, 207.6, "347").passed
    assert not difference_check(554.6, 207.6, "340").passed
    assert fold_change_check(554.6, 207.6, "2.7").passed
    assert not fold_change_check(554.6, 207.6, "2.6").passed


def test_agreement_uses_the_coarser_precision():
    assert agrees(37.35, "37")  # 152/407 printed as 37%
    assert agrees(66.13, "65.2") is False  # 205/310 against the printed 65.2%
    assert agrees(65.0, "65.2")  # a number printed as 65 agrees with 65.2 at its precision
    assert agrees(62.5, "62.5")
    assert holds(3, "<", 5) and not holds(91, "<", 50)


def test_wald_interval_of_the_zang_primary_endpoint():
    # 9/45 − 2/44: p = 0.2 and 0.04545; se = sqrt(0.2·0.8/45 + 0.04545·0.95455/44) = 0.067392;
    # 15.455 ± 1.96 × 6.7392 = 2.246 to 28.663 points (the paper prints 2.25% to 28.66%).
    interval = wald_difference(9, 45, 2, 44)
    assert 100 * interval.low == pytest.approx(2.246, abs=1e-3)
    assert 100 * interval.high == pytest.approx(28.663, abs=1e-3)
    assert interval_consistency("20", 45, "4.55", 44, "2.25", "28.66").passed
    assert not interval_consistency("20", 45, "4.55", 44, "0.88", "30.03").passed


def test_interval_needs_one_count_per_percentage():
    # 4.55% of 46 is no whole count (2/46 = 4.35%, 3/46 = 6.52%).
    result = interval_consistency("20", 45, "4.55", 46, "2.25", "28.66")
    assert not result.passed
    assert "do not each give one count" in result.reason


# --- the engine on a constructed ledger --------------------------------------------------------


def constructed_claims() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"claim_id": "LF5-001", "values": "235", "unit": "patients", "cited_source": "", "evidence_level": "press"},
            {"claim_id": "LF5-002", "values": "41;60;117", "unit": "patients", "cited_source": "", "evidence_level": "press"},
            {"claim_id": "LF5-003", "values": "50", "unit": "percent", "cited_source": "", "evidence_level": "press"},
            {"claim_id": "SCLT-001", "values": "10;4", "unit": "months", "cited_source": "x2020", "evidence_level": "RCT"},
        ]
    ).set_index("claim_id", drop=False)


def check_row(check, operands, relation="=", target=""):
    return pd.Series({"check": check, "operands": operands, "relation": relation, "target": target, "claim_id": "LF5-001"})


def test_references_to_claims_literals_sums_and_scaling():
    claims = constructed_claims()
    assert [o.value for o in resolve_list("LF5-002", claims)] == [41, 60, 117]
    assert [o.value for o in resolve_list("LF5-002[2];7", claims)] == [60, 7]
    assert [o.value for o in resolve_list("LF5-002[1]+LF5-002[3]", claims)] == [158]
    # 10 months × 4 = 40 (weeks, roughly), + 4 = 44.
    assert [o.value for o in resolve_list("SCLT-001[1]*4+SCLT-001[2]", claims)] == [44]


def test_engine_runs_a_sum_and_a_feasibility_check():
    claims = constructed_claims()
    assert not run_check(check_row("sum", "LF5-002"), claims).passed
    # 50% of 3 patients is impossible; of 4 it is 2/4.
    row = check_row("proportion_feasibility", "3", target="LF5-003")
    assert not run_check(row, claims).passed
    assert run_check(check_row("proportion_feasibility", "4", target="LF5-003"), claims).passed


def test_comparison_pairs_values_and_broadcasts_a_single_reference():
    claims = constructed_claims()
    # Both 41 and 60 and 117 are below 118; not all are below 100.
    assert run_check(check_row("plausibility", "LF5-002", "<", "118"), claims).passed
    assert not run_check(check_row("plausibility", "LF5-002", "<", "100"), claims).passed


CLAIM = pd.Series({"claim_id": "LF5-001", "cited_source": "", "evidence_level": "press"})
PASS = CheckResult("x", True, "ok")
FAIL = CheckResult("x", False, "bad")
NOT_POSSIBLE = CheckResult("x", None, "not possible: not reported")


@pytest.mark.parametrize(
    "results, expected",
    [
        ([("primary_agreement", FAIL, ""), ("sum", FAIL, "")], "contradicted"),
        ([("primary_agreement", PASS, ""), ("sum", FAIL, "")], "inconsistent"),
        ([("primary_agreement", PASS, ""), ("cross_article", PASS, "")], "reproduced"),
        ([("cross_article", PASS, "")], "unverifiable"),
        ([("primary_agreement", NOT_POSSIBLE, ""), ("cross_article", PASS, "")], "unverifiable"),
        ([], "unverifiable"),
    ],
)
def test_verdict_rules(results, expected):
    verdict, reason = verdict_for(CLAIM, results)
    assert verdict == expected
    assert reason.startswith(f"{expected}: ")
    assert "\n" not in reason


def test_unverifiable_reason_says_why_from_the_ledger():
    assert verdict_for(CLAIM, [])[1] == "unverifiable: press figure with no cited source, so no data can check it"
    cited = pd.Series({"claim_id": "LF5-001", "cited_source": "lin2025", "evidence_level": "meta-analysis"})
    assert "lin2025" in verdict_for(cited, [])[1]


def test_claim_links_point_to_the_article_page_label():
    assert claim_page("LFR-011") == "audit-lfr"
    assert claim_anchor("T2DH-028") == "claim-t2dh-028"
    assert claim_link("LFR-011") == "{ref}`LFR-011 <claim-lfr-011>`"


# --- the real ledger ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audited() -> pd.DataFrame:
    return audit_module.audit()


def test_every_claim_has_a_quote_a_value_and_one_verdict(audited):
    claims = load_table("claims")
    assert list(audited["claim_id"]) == list(claims["claim_id"])
    assert audited["quote"].str.strip().ne("").all()
    assert audited["values"].str.strip().ne("").all()
    assert audited["verdict"].isin(VERDICTS).all()
    assert audited["claim_id"].is_unique
    for _, row in audited.iterrows():
        assert row["reason"].startswith(f"{row['verdict']}: "), row["claim_id"]
        assert "\n" not in row["reason"]


def test_every_check_names_a_claim_of_the_ledger():
    claims = set(load_table("claims")["claim_id"])
    assert set(load_table("claim_checks")["claim_id"]) <= claims


def test_known_problems_get_the_verdicts_their_numbers_give(audited):
    verdicts = audited.set_index("claim_id")["verdict"]
    assert verdicts["LF5-003"] == "inconsistent"  # 41 + 60 + 117 ≠ 235
    assert verdicts["LFR-021"] == "contradicted"  # 22% is futility; 1-year survival was 72%
    assert verdicts["T2DS-006"] == "inconsistent"  # glucose in mg/dL below 54
    assert verdicts["LFR-012"] == "reproduced"


def test_make_audit_writes_the_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(audit_module, "AUDIT_CSV", tmp_path / "audit" / "claims_audit.csv")
    assert audit_module.main() == 0
    written = pd.read_csv(tmp_path / "audit" / "claims_audit.csv")
    assert {"claim_id", "article", "quote", "verdict", "reason"} <= set(written.columns)
    assert len(written) == len(load_table("claims"))


def test_ledger_links_keep_order_drop_repeats_and_name_the_verdict():
    from evidence.audit import audit, ledger_links

    verdicts = audit().set_index("claim_id")["verdict"]
    links = ledger_links(["LFR-012", "LFR-011", "LFR-012"])
    assert links == (
        f"{{ref}}`LFR-012 <claim-lfr-012>` ({verdicts['LFR-012']}); "
        f"{{ref}}`LFR-011 <claim-lfr-011>` ({verdicts['LFR-011']})"
    )
