"""The audit's checks, like-with-like refusal and verdict rules on constructed cases, with
answers worked by hand; then the ledger itself: every claim has one verdict from the vocabulary."""

import shutil

import pandas as pd
import pytest

from evidence import paths
from evidence.audit import (
    AUDIT_COLUMNS,
    UNVERIFIABLE_REASONS,
    VERDICTS,
    CheckRowError,
    Finding,
    audit,
    claim_anchor,
    claim_link,
    claim_page,
    combine,
    resolve_list,
    run_check,
)
from evidence.audit import render, verdicts
from evidence.claims import CheckResult, difference_check, fold_change_check, interval_consistency, sum_check
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


def test_wald_interval_of_the_zang_primary_endpoint():
    # 9/45 − 2/44: p = 0.2 and 0.04545; se = sqrt(0.2·0.8/45 + 0.04545·0.95455/44) = 0.067392;
    # 15.455 ± 1.96 × 6.7392 = 2.246 to 28.663 points (the paper prints 2.25% to 28.66%).
    interval = wald_difference(9, 45, 2, 44)
    assert 100 * interval.low == pytest.approx(2.246, abs=1e-3)
    assert 100 * interval.high == pytest.approx(28.663, abs=1e-3)
    assert interval_consistency("20", 45, "4.55", 44, "2.25", "28.66").passed
    assert not interval_consistency("20", 45, "4.55", 44, "0.88", "30.03").passed


# --- the engine on a constructed ledger --------------------------------------------------------


def constructed_claims() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"claim_id": "LF5-001", "values": "235", "unit": "patients", "cited_source": "", "evidence_level": "press"},
            {"claim_id": "LF5-002", "values": "41;60;117", "unit": "patients", "cited_source": "", "evidence_level": "press"},
            {"claim_id": "LF5-003", "values": "50", "unit": "percent", "cited_source": "", "evidence_level": "press"},
            {"claim_id": "LF5-004", "values": "59.0", "unit": "percent", "cited_source": "", "evidence_level": "press"},
            {"claim_id": "LF5-005", "values": "59.4", "unit": "percent", "cited_source": "", "evidence_level": "press"},
            {"claim_id": "LFR-002", "values": "37", "unit": "percent", "cited_source": "trebicka2021", "evidence_level": "cohort"},
            {"claim_id": "SCLT-001", "values": "10;4", "unit": "months", "cited_source": "x2020", "evidence_level": "RCT"},
        ]
    ).set_index("claim_id", drop=False)


def check_row(check, operands, relation="=", target="", claim_id="LF5-001", scope="same", note="", **described):
    return pd.Series({"claim_id": claim_id, "check_no": 1, "check": check, "operands": operands, "relation": relation,
                      "target": target, "scope": scope, "note": note, "population": "", "measure": "",
                      "timepoint": "", "unit": "", **described})


# What fernandez2018_infection_at_diagnosis_percent in data/primary_values.csv measures.
FERNANDEZ = {"population": "patients with ACLF (CANONIC cohort)", "measure": "bacterial infection",
             "timepoint": "at ACLF diagnosis", "unit": "percent"}
FERNANDEZ_PERCENT = "primary_values(fernandez2018_infection_at_diagnosis_percent).value"


def test_references_to_claims_literals_sums_and_scaling():
    claims = constructed_claims()
    assert [o.value for o in resolve_list("LF5-002", claims)] == [41, 60, 117]
    assert [o.value for o in resolve_list("LF5-002[2];7", claims)] == [60, 7]
    assert [o.value for o in resolve_list("LF5-002[1]+LF5-002[3]", claims)] == [158]
    # 10 months × 4 = 40 (weeks, roughly), + 4 = 44.
    assert [o.value for o in resolve_list("SCLT-001[1]*4+SCLT-001[2]", claims)] == [44]


def test_resolve_list_names_what_it_cannot_find():
    claims = constructed_claims()
    with pytest.raises(ValueError, match="no claim LF5-099"):
        resolve_list("LF5-099", claims)
    with pytest.raises(ValueError, match="no row of primary_values"):
        resolve_list("primary_values(no_such_key).value", claims)
    with pytest.raises(ValueError, match="has 3 value"):
        resolve_list("LF5-002[4]", claims)


def test_a_claim_keeps_the_precision_it_was_printed_with():
    # The ledger prints 59.0; a float would forget the zero, and 59.4 would then pass as "59".
    claims = constructed_claims()
    assert [o.text for o in resolve_list("LF5-004", claims)] == ["59.0"]
    finding = run_check(check_row("internal_contradiction", "LF5-004", target="LF5-005", claim_id="LF5-004"), claims)
    assert finding.result.passed is False
    assert finding.points_to == "inconsistent"


def test_the_engine_refuses_to_compare_unlike_numbers_and_names_the_row():
    # The article's 37% is of "liver-failure patients"; Fernández's 37% is of patients with ACLF.
    claims = constructed_claims()
    row = check_row("primary_agreement", FERNANDEZ_PERCENT, claim_id="LFR-002",
                    **{**FERNANDEZ, "population": "liver-failure patients"})
    with pytest.raises(CheckRowError, match=r"check LFR-002 #1: .*population: 'liver-failure patients'"):
        run_check(row, claims)
    # Declared across populations without a note: still refused.
    with pytest.raises(CheckRowError, match="must say why in its note"):
        run_check(row.copy().replace({"same": "across"}), claims)


def test_a_match_declared_across_populations_is_miscited_not_confirmed():
    claims = constructed_claims()
    across = check_row("primary_agreement", FERNANDEZ_PERCENT, claim_id="LFR-002", scope="across",
                       note="the 37% is of patients with ACLF", **{**FERNANDEZ, "population": "liver-failure patients"})
    assert run_check(across, claims).points_to == "miscited"
    same = check_row("primary_agreement", FERNANDEZ_PERCENT, claim_id="LFR-002", **FERNANDEZ)
    assert run_check(same, claims).points_to == "confirmed"


def test_a_threshold_can_make_a_claim_consistent_but_never_confirmed():
    claims = constructed_claims().assign(values="7", unit="g/dL")
    row = check_row("primary_agreement", "primary_values(villanueva2013_restrictive_threshold).value",
                    population="severe acute upper gastrointestinal bleeding (921 patients)",
                    measure="haemoglobin below which the restrictive arm was transfused", unit="g/dL")
    assert run_check(row, claims).points_to == "consistent"


def test_numbers_of_two_articles_cannot_make_each_other_inconsistent():
    claims = constructed_claims()
    # SCLT-001 and LF5-002 are in different articles: 10 + 4 ≠ 41.
    row = check_row("internal_contradiction", "SCLT-001[1]+SCLT-001[2]", target="LF5-002[1]", claim_id="LF5-002")
    finding = run_check(row, claims)
    assert finding.result.passed is False
    assert finding.points_to is None


def test_engine_runs_a_sum_and_a_feasibility_check():
    claims = constructed_claims()
    finding = run_check(check_row("sum", "LF5-002"), claims)
    assert finding.points_to == "inconsistent"
    assert finding.plain == "The article gives 235 in total, but its parts add up to 218 (41 + 60 + 117)."
    # 50% of 3 patients is impossible; of 4 it is 2/4.
    assert not run_check(check_row("proportion_feasibility", "3", target="LF5-003"), claims).result.passed
    assert run_check(check_row("proportion_feasibility", "4", target="LF5-003"), claims).result.passed
    # Resting on an unstated assumption, a failing check moves nothing.
    assumed = check_row("proportion_feasibility", "3", target="LF5-003", scope="assumed", note="that n is 3")
    assert run_check(assumed, claims).points_to is None


CLAIM = pd.Series({"claim_id": "LF5-001", "values": "235", "unit": "patients", "cited_source": "", "evidence_level": "press"})


def finding(points_to, plain="p", passed=True):
    return Finding("x", CheckResult("x", passed, "t"), points_to, plain, "trace")


@pytest.mark.parametrize(
    "points, expected",
    [
        (["contradicted", "inconsistent"], "contradicted"),
        (["confirmed", "inconsistent"], "inconsistent"),
        # a number that matches another population explains a mismatch with the one named
        (["contradicted", "miscited"], "miscited"),
        (["confirmed", "consistent"], "confirmed"),
        (["consistent", None], "consistent"),
        ([None, None], "unverifiable"),
        ([], "unverifiable"),
    ],
)
def test_verdict_rules(points, expected):
    verdict = combine(CLAIM, [finding(p) for p in points])
    assert verdict.verdict == expected
    assert (verdict.unverifiable_reason != "") == (expected == "unverifiable")


@pytest.mark.parametrize(
    "claim, expected",
    [
        ({"evidence_level": "press", "cited_source": ""}, "no-source-cited"),
        ({"evidence_level": "cohort", "cited_source": "lin2025"}, "source-not-read"),
        ({"evidence_level": "opinion", "cited_source": ""}, "opinion-or-forecast"),
    ],
)
def test_unverifiable_reason_from_the_ledger(claim, expected):
    verdict = combine(pd.Series({**CLAIM.to_dict(), **claim}), [])
    assert verdict.unverifiable_reason == expected
    assert "235 patients" in verdict.reason


READS = pd.DataFrame([
    {"source": "whole", "read": "full text", "full_text": "open access", "what_was_read": "the full text",
     "what_was_not_read": "nothing is missing"},
    {"source": "abstract", "read": "abstract", "full_text": "subscription", "what_was_read": "the abstract",
     "what_was_not_read": "the full text is behind a paywall"},
    {"source": "unreachable", "read": "nothing", "full_text": "open access", "what_was_read": "nothing",
     "what_was_not_read": "no copy could be reached"},
    {"source": "internal", "read": "nothing", "full_text": "not public", "what_was_read": "nothing",
     "what_was_not_read": "it is a hospital's internal report"},
]).set_index("source")


@pytest.mark.parametrize(
    "cited, expected, said",
    [
        ("whole", "not-in-source", "read it in full"),
        ("abstract", "not-in-part-read", "only the abstract, which does not give it; the full text is behind a paywall"),
        ("unreachable", "source-not-found", "no copy of it could be read"),
        ("internal", "source-not-public", "internal report"),
        ("whole;abstract", "not-in-part-read", "none of what the book could read of them gives it"),  # the least read decides
        ("abstract;unreachable", "source-not-found", "nothing could be read"),
        ("whole;never-tried", "source-not-read", "has not yet read"),
    ],
)
def test_unverifiable_reason_from_what_was_read(cited, expected, said):
    claim = pd.Series({**CLAIM.to_dict(), "evidence_level": "cohort", "cited_source": cited})
    verdict = combine(claim, [], READS)
    assert verdict.unverifiable_reason == expected
    assert said in verdict.reason


def test_no_claim_is_left_with_a_source_nobody_tried_to_read(audited):
    # Issue 13's goal: every source an article cites has a row in data/source_reads.csv.
    untried = audited.loc[audited["unverifiable_reason"] == "source-not-read", "claim_id"]
    assert untried.empty, list(untried)


def test_claim_links_point_to_the_article_page_label():
    assert claim_page("LFR-011") == "audit-lfr"
    assert claim_anchor("T2DH-028") == "claim-t2dh-028"
    assert claim_link("LFR-011") == "{ref}`LFR-011 <claim-lfr-011>`"


# --- the real ledger ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audited() -> pd.DataFrame:
    return audit()


def test_every_claim_has_one_verdict_and_a_plain_reason(audited):
    claims = load_table("claims")
    assert list(audited["claim_id"]) == list(claims["claim_id"])
    assert audited["verdict"].isin(VERDICTS).all()
    unverifiable = audited["verdict"] == "unverifiable"
    assert audited.loc[unverifiable, "unverifiable_reason"].isin(UNVERIFIABLE_REASONS).all()
    assert audited.loc[~unverifiable, "unverifiable_reason"].eq("").all()
    for _, row in audited.iterrows():
        assert row["reason"].strip(), row["claim_id"]
        assert "\n" not in row["reason"]
        assert " | " not in row["reason"], row["claim_id"]  # no machine trace in the reason


def test_known_problems_get_the_verdicts_their_numbers_give(audited):
    verdicts = audited.set_index("claim_id")["verdict"]
    assert verdicts["LF5-003"] == "inconsistent"  # 41 + 60 + 117 ≠ 235
    assert verdicts["LFR-021"] == "miscited"  # 22% is the futile-outcome share (37/169), not survival
    assert verdicts["LFR-022"] == "miscited"  # 39% is the 90-day mortality of all 23, not of the 13 transplanted
    assert verdicts["LF5-012"] == "contradicted"  # 69 edits; the paper's pig had 6
    assert verdicts["T2DS-006"] == "inconsistent"  # glucose in mg/dL below 54
    assert verdicts["LFR-012"] == "confirmed"
    assert verdicts["LFR-005"] == "consistent"  # a transfusion threshold


@pytest.fixture
def audit_store(tmp_path, monkeypatch):
    """An empty folder for stored audits, and no audit kept in this process before or after."""
    monkeypatch.setattr(verdicts, "STORED_AUDITS", tmp_path / "stored")
    verdicts._audit_of_the_data.cache_clear()
    yield tmp_path / "stored"
    verdicts._audit_of_the_data.cache_clear()


def test_the_audit_is_stored_once_and_read_back_by_the_next_kernel(audit_store):
    computed = audit()
    stored = list(audit_store.glob("audit-*.pickle"))
    assert len(stored) == 1
    pd.testing.assert_frame_equal(pd.read_pickle(stored[0]), computed)
    # A new kernel reads the stored file instead of running the checks: a marked copy shows it.
    marked = computed.assign(reason="read back")
    marked.to_pickle(stored[0])
    verdicts._audit_of_the_data.cache_clear()
    assert audit()["reason"].eq("read back").all()


def test_a_stored_audit_is_not_used_once_the_data_changes(audit_store, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    monkeypatch.setattr(paths, "DATA_DIR", data)
    before = verdicts._inputs_fingerprint()
    with (data / "claims.csv").open("a", encoding="utf-8") as claims:
        claims.write(" ")
    assert verdicts._inputs_fingerprint() != before
    (data / "claims.csv").write_bytes((paths.REPO_ROOT / "data" / "claims.csv").read_bytes())
    assert verdicts._inputs_fingerprint() == before
    (data / "notes.txt").write_text("a new file", encoding="utf-8")
    assert verdicts._inputs_fingerprint() != before


def test_make_audit_writes_the_csv_with_exactly_these_columns(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "AUDIT_CSV", tmp_path / "audit" / "claims_audit.csv")
    assert render.main() == 0
    written = pd.read_csv(tmp_path / "audit" / "claims_audit.csv", keep_default_na=False)
    assert list(written.columns) == AUDIT_COLUMNS
    assert AUDIT_COLUMNS == ["claim_id", "article", "quote", "verdict", "unverifiable_reason", "reason", "trace"]
    assert len(written) == len(load_table("claims"))


def test_make_audit_prints_a_message_not_a_traceback(monkeypatch, capsys):
    def broken():
        raise CheckRowError("data/claim_checks.csv, check LFR-002 #1: the numbers compared measure different things")

    monkeypatch.setattr(render, "audit", broken)
    assert render.main() == 1
    error = capsys.readouterr().err
    assert "check LFR-002 #1" in error
    assert "Traceback" not in error

    def unexpected():
        raise KeyError("scope")

    monkeypatch.setattr(render, "audit", unexpected)
    assert render.main() == 1
    assert "unexpected KeyError" in capsys.readouterr().err


def test_reasons_name_papers_as_readers_know_them():
    from evidence.audit.expressions import source_name

    # book/references.bib: Fern{\'a}ndez, Javier and six more, 2018.
    assert source_name("fernandez2018") == "Fernández et al. 2018"
    assert source_name("no-such-key") == "no-such-key"
