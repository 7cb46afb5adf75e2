"""Run one row of ``data/claim_checks.csv``: compare like with like, and say what the result shows.

A check row names a claim, a check, its ``operands``, a ``relation`` and a ``target`` (see
:mod:`evidence.audit.expressions`), what the article's number refers to (``population``,
``measure``, ``timepoint``, ``unit``) and a ``scope``:

- ``same``: the operands measure what the article says its number measures. The engine
  refuses to run the check (ValueError naming the row) if their descriptions differ.
- ``across``: a comparison declared across populations, measures, time points or sources
  (the note must say why). A match shows the number belongs elsewhere (``miscited``); a
  mismatch shows nothing.
- ``assumed``: the check rests on an assumption the article does not state (the note says
  which, e.g. that a share is of a group the article does not name). It is reported, but it
  never moves the verdict either way.

Each run gives a :class:`Finding`: the check's result, which verdict it points to (or None,
when it shows nothing), a plain sentence for readers and a technical trace.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evidence.audit.expressions import Described, Operand, claim_side, resolve_list
from evidence.audit.vocabulary import (
    CONFIRMED,
    CONSISTENT,
    CONTRADICTED,
    INCONSISTENT,
    MISCITED,
)
from evidence.claims import (
    CheckResult,
    compare,
    difference_check,
    fold_change_check,
    interval_consistency,
    percent_from_counts,
    proportion_feasibility,
    sum_check,
)
from evidence.printed import Printed, numerators_for_percent

ARITHMETIC = ("sum", "difference", "fold_change", "percent_from_counts", "proportion_feasibility", "interval_consistency")
COMPARISONS = ("plausibility", "cross_article", "primary_agreement", "internal_contradiction")
CHECKS = ARITHMETIC + COMPARISONS
SCOPES = ("same", "across", "assumed")
# Which parts of the descriptions must agree, per check. A comparison compares all four; a
# sum adds parts of one whole (so their populations differ by design); a share is compared
# with the population, measure and time point of its numerator, and its denominator's population.
LIKE_WITH_LIKE = {
    "comparison": Described.FIELDS,
    # A value against a clinical reference value (a threshold): the same quantity and unit.
    "plausibility": ("unit",),
    "sum": ("measure", "timepoint", "unit"),
    "difference": ("population", "measure", "unit"),
    "fold_change": ("population", "measure"),
    "numerator": ("population", "measure", "timepoint"),
    "denominator": ("population",),
}


class CheckRowError(ValueError):
    """A check row that cannot be run as written; the message names the row."""


@dataclass(frozen=True)
class Finding:
    """What one check of a claim shows."""

    check: str
    result: CheckResult
    points_to: str | None  # a verdict, or None when the check shows nothing about the claim
    plain: str  # one sentence with the numbers, for readers
    trace: str  # the technical trace: check, numbers, sources, note
    blocked_by_source: str = ""  # a cited source that does not report the number


def row_name(row: pd.Series) -> str:
    return f"data/claim_checks.csv, check {row['claim_id']} #{row['check_no']}"


def _unit(operand: Operand) -> str:
    unit = operand.described.unit
    # A ratio has no unit to print; a percentage is printed with its sign.
    return "%" if unit == "percent" else f" {unit}" if unit and unit != "ratio" else ""


def _is_source(operand: Operand) -> bool:
    return operand.table not in ("claims", "literal")


def _articles(operands: list[Operand]) -> set[str]:
    """The articles (claim-id prefixes) whose numbers the operands are."""
    return {part.split("-")[0] for o in operands if o.table == "claims" for part in o.source.split(", ")}


def _pairs(row: pd.Series, left: list[Operand], right: list[Operand]) -> list[tuple[Operand, Operand]]:
    if len(left) == len(right):
        return list(zip(left, right))
    if len(right) == 1:
        return [(o, right[0]) for o in left]
    if len(left) == 1:
        return [(left[0], o) for o in right]
    raise CheckRowError(f"{row_name(row)}: cannot pair {len(left)} values with {len(right)}")


def require_like_with_like(row: pd.Series, pairs: list[tuple[Operand, Operand, str]]) -> list[str]:
    """The differences between what compared numbers measure; raises unless the row declares them.

    ``pairs`` holds (article side, other side, which fields must agree). A row of scope
    ``same`` whose operands differ is refused; a row of scope ``across`` must carry its note.
    """
    differences = []
    for mine, other, fields in pairs:
        for field in mine.described.differences(other.described, LIKE_WITH_LIKE[fields]):
            differences.append(
                f"{field}: {getattr(mine.described, field)!r} ({mine.label}) vs "
                f"{getattr(other.described, field)!r} ({other.label})"
            )
    scope = row.get("scope", "") or "same"
    if scope not in SCOPES:
        raise CheckRowError(f"{row_name(row)}: scope {scope!r} must be one of {', '.join(SCOPES)}")
    if scope == "same" and differences:
        raise CheckRowError(
            f"{row_name(row)}: the numbers compared measure different things ({'; '.join(differences)}). "
            "Compare like with like, or declare the row's scope 'across' with a note saying why."
        )
    if scope != "same" and not str(row.get("note", "")).strip():
        raise CheckRowError(f"{row_name(row)}: a check of scope {scope!r} must say why in its note")
    return differences


def run_check(row: pd.Series, claims: pd.DataFrame) -> Finding:
    """Run one row of claim_checks.csv (see the module docstring)."""
    check = row["check"]
    if check not in CHECKS:
        raise CheckRowError(f"{row_name(row)}: unknown check {check!r}; known: {', '.join(CHECKS)}")
    try:
        operands = resolve_list(row["operands"], claims, row)
        target = resolve_list(row["target"] or row["claim_id"], claims, row)
    except ValueError as error:
        raise CheckRowError(f"{row_name(row)}: {error}") from error
    note = str(row.get("note", "") or "")
    scope = row.get("scope", "") or "same"
    missing = [o for o in operands + target if o.number is None]
    if missing:
        result = CheckResult(check.replace("_", " "), None, f"not possible: {missing[0].label} does not report this number")
        plain = f"{missing[0].label} does not report this number (the book has read only that part)."
        return Finding(check, result, None, plain, _trace(result, note), missing[0].source)
    if check in ARITHMETIC:
        result, plain = _arithmetic(row, check, operands, target)
    else:
        result, plain = _comparison(row, check, operands, target)
    points_to = _points_to(check, scope, result.passed, operands + target)
    if points_to == MISCITED and check in ARITHMETIC:
        source = next(o for o in operands if _is_source(o))
        plain += (f" In {source.label} these numbers are for {source.described.plain()}; "
                  f"the article gives the share for {target[0].described.plain()}.")
    if scope == "assumed":
        plain = f"Only under an assumption the article does not state ({note}): {plain[0].lower()}{plain[1:]}"
    return Finding(check, result, points_to, plain, _trace(result, note))


def _trace(result: CheckResult, note: str) -> str:
    return f"{result.check}: {result.reason}" + (f" ({note})" if note else "")


def _points_to(check: str, scope: str, passed: bool, operands: list[Operand]) -> str | None:
    """Which verdict a check's result points to; None when it shows nothing about the claim.

    The rules, written once (the method page quotes them):
    - a check resting on an unstated assumption, or comparing numbers of different articles,
      shows nothing: another article can neither confirm a number nor make it inconsistent;
    - a check declared across populations/measures/sources shows the number is miscited when
      it matches, and nothing when it does not;
    - a primary-source comparison that holds confirms the number, unless the source's number
      is a threshold or a definition, or a reference standard: then it is only consistent;
    - a comparison with a source that fails contradicts the number;
    - the article's own arithmetic or logic: consistent when it holds, inconsistent when not;
    - agreeing with a restatement of the same number in the same article shows nothing.
    """
    sources = [o for o in operands if _is_source(o)]
    if scope == "assumed" or check == "cross_article" or len(_articles(operands)) > 1:
        return None
    if scope == "across":
        return MISCITED if passed else None
    if check == "primary_agreement":
        if not passed:
            return CONTRADICTED
        if any(o.value_kind in ("threshold", "definition") or o.role == "reference" for o in sources):
            return CONSISTENT
        return CONFIRMED
    if check == "internal_contradiction":
        return None if passed else INCONSISTENT
    if check == "plausibility":
        # A possible value shows nothing; an impossible one (in the unit the article prints)
        # cannot be true together with the rest of the article's sentence.
        return None if passed else INCONSISTENT
    if sources:
        return CONSISTENT if passed else CONTRADICTED
    return CONSISTENT if passed else INCONSISTENT


def _arithmetic(row: pd.Series, check: str, operands: list[Operand], target: list[Operand]) -> tuple[CheckResult, str]:
    mine = target[0]
    if check == "sum":
        require_like_with_like(row, [(mine, o, "sum") for o in operands])
        parts = " + ".join(str(o.number) for o in operands)
        result = sum_check([o.value for o in operands], str(mine.number), row["relation"])
        total = sum(o.value for o in operands)
        shown_total = Printed(total)
        if result.passed:
            plain = f"The parts add up: {parts} = {shown_total}{_unit(mine)}."
        elif row["relation"] == "=":
            plain = f"The article gives {mine.number}{_unit(mine)} in total, but its parts add up to {shown_total} ({parts})."
        else:
            plain = f"{parts} = {shown_total}{_unit(mine)}, which is not {row['relation']} {mine.number}{_unit(mine)}."
        return result, plain
    if check in ("difference", "fold_change"):
        first, second = operands
        require_like_with_like(row, [(mine, first, check), (mine, second, check)])
        checker = difference_check if check == "difference" else fold_change_check
        result = checker(first.value, second.value, str(mine.number))
        verb = "gives" if result.passed else "does not give"
        what = "difference" if check == "difference" else "ratio"
        sign = "−" if check == "difference" else "/"
        return result, f"{first.number} {sign} {second.number} {verb} the article's {what} of {mine.number}."
    if check == "percent_from_counts":
        events, n = operands
        require_like_with_like(row, [(mine, events, "numerator"), (mine, n, "denominator")])
        result = percent_from_counts(str(mine.number), int(events.value), int(n.value))
        computed = 100 * events.value / n.value
        verb = "rounds" if result.passed else "does not round"
        where = f" ({events.label})" if _is_source(events) else ""
        return result, f"{int(events.value)} out of {int(n.value)}{where} is {computed:.2f}%, which {verb} to the article's {mine.number}%."
    if check == "proportion_feasibility":
        pairs = _pairs(row, target, operands)
        require_like_with_like(row, [(t, n, "denominator") for t, n in pairs])
        results = [proportion_feasibility(str(t.number), int(n.value)) for t, n in pairs]
        result = CheckResult(results[0].check, all(r.passed for r in results), "; ".join(r.reason for r in results))
        sentences = []
        for (t, n), r in zip(pairs, results):
            counts = numerators_for_percent(str(t.number), int(n.value))
            if counts:
                sentences.append(f"{t.number}% can arise from {int(n.value)} patients ({counts[0]} of {int(n.value)})")
            else:
                sentences.append(f"no whole number out of {int(n.value)} gives {t.number}%")
        joined = "; ".join(sentences)
        return result, f"{joined[0].upper()}{joined[1:]}."
    # interval_consistency: p_1, n_1, p_2, n_2 against the low and high bounds.
    p_1, n_1, p_2, n_2 = operands
    require_like_with_like(row, [(p_1, n_1, "denominator"), (p_2, n_2, "denominator")])
    low, high = target
    result = interval_consistency(str(p_1.number), int(n_1.value), str(p_2.number), int(n_2.value), str(low.number), str(high.number))
    verb = "fits" if result.passed else "does not fit"
    return result, (f"The interval {low.number} to {high.number} points {verb} {p_1.number}% of {int(n_1.value)} "
                    f"against {p_2.number}% of {int(n_2.value)}.")


def _comparison(row: pd.Series, check: str, operands: list[Operand], target: list[Operand]) -> tuple[CheckResult, str]:
    """``operands relation target`` value by value, like with like."""
    relation = row["relation"]
    pairs = _pairs(row, operands, target)
    fields = "plausibility" if check == "plausibility" else "comparison"
    require_like_with_like(row, [(b, a, fields) for a, b in pairs])
    parts, sentences, passed_all = [], [], True
    for a, b in pairs:
        passed, sign = compare(a.number, relation, b.number)
        passed_all &= passed
        parts.append(f"{a.shown()} {sign} {b.shown()}")
        sentences.append((passed, _compared_sentence(check, row, a, b, passed)))
    result = CheckResult(check.replace("_", " "), passed_all, "; ".join(parts))
    if check in ("cross_article", "internal_contradiction") and passed_all:
        other = next((o for pair in pairs for o in pair if o.source != row["claim_id"]), pairs[0][0])
        numbers = "numbers" if len(pairs) > 1 else f"{other.number}{_unit(other)}"
        return result, f"{other.label} gives the same {numbers}; a repetition does not check a number."
    # A reader needs the pairs that decide: the failing ones when the check fails.
    shown = [s for p, s in sentences if p == passed_all] or [s for _, s in sentences]
    more = f" The same holds for {len(shown) - 2} more." if len(shown) > 2 else ""
    return result, " ".join(shown[:2]) + more


RELATION_WORDS = {"<": "below", "<=": "at most", ">": "above", ">=": "at least"}
# What a value is when the relation fails: not "at least 54" but "below 54".
FAILED_RELATION_WORDS = {"<": "at least", "<=": "above", ">": "at most", ">=": "below"}


def _compared_sentence(check: str, row: pd.Series, source: Operand, mine: Operand, passed: bool) -> str:
    """One plain sentence for one pair: the article's number (mine) against the other (source)."""
    scope = row.get("scope", "") or "same"
    relation = row["relation"]
    if check in ("primary_agreement", "plausibility") and relation != "=":
        words = RELATION_WORDS[relation] if passed else FAILED_RELATION_WORDS[relation]
        sentence = (f"In {source.label}, the value for {source.described.plain() or 'this'} is {source.number}{_unit(source)}, "
                    f"which is {words} {mine.number}{_unit(mine)}")
        if check == "plausibility":
            sentence = (f"The article's {source.number}{_unit(source)} is {words} {mine.number}{_unit(mine)}, "
                        f"the {mine.described.measure} ({mine.label})")
        if scope == "across" and passed:
            sentence += f"; the article gives this for {mine.described.population} instead"
        return sentence + "."
    if check == "cross_article":
        return (f"Read together with another article, the numbers give {source.number}{_unit(source)}, which is not "
                f"{RELATION_WORDS.get(relation, 'equal to')} {mine.number}{_unit(mine)} ({row['note']}); "
                "two articles cannot make each other inconsistent.")
    if check == "primary_agreement":
        what = source.described.plain()
        if scope == "across":
            if passed:
                return (f"The article's {mine.number}{_unit(mine)} matches {source.number}{_unit(source)} in {source.label}, "
                        f"but there it is for {what}; the article gives it for {mine.described.plain()}.")
            return f"{source.label} reports {what}, a different quantity from the article's {mine.number}{_unit(mine)} ({row['note']})."
        if passed:
            if source.value_kind in ("threshold", "definition") or source.role == "reference":
                return (f"{mine.number}{_unit(mine)} is the {source.value_kind or 'reference value'} {source.label} uses "
                        f"({what}); a {source.value_kind or 'reference'} is not a result a source can confirm.")
            return f"{source.label} reports {source.number}{_unit(source)} for {what}, as the article says."
        return f"The article gives {mine.number}{_unit(mine)}, but {source.label} reports {source.number}{_unit(source)} for {what}."
    other = mine if mine.table == "claims" and mine.source != row["claim_id"] else source
    this = source if other is mine else mine
    if scope == "across":
        return f"This is not held against {other.number}{_unit(other)} in {other.label}: {row['note']}."
    return f"The article gives {this.number}{_unit(this)} here, but {other.number}{_unit(other)} in {other.label} ({row['note']})."
