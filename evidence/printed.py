"""Numbers as they were printed, and the precision rules that go with them.

A printed number carries its precision in its text: "59.0" says 59.0 ± 0.05, "59" says
59 ± 0.5. A float forgets the trailing zero, so every comparison of printed numbers keeps the
text (:class:`Printed`) and judges agreement at the precision each number was printed with.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NUMBER_TEXT = re.compile(r"^-?\d+(\.\d+)?$")


def decimals_written(raw: str) -> int:
    """How many decimals a number was written with: '65.2' → 1, '20' → 0, '59.0' → 1."""
    mantissa = raw.lower().split("e")[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def rounds_to(value: float, printed: str) -> bool:
    """Whether ``value`` rounds (half away from zero) to the number as printed, at its precision."""
    decimals = decimals_written(printed)
    scaled = abs(value) * 10**decimals
    rounded = math.floor(scaled + 0.5 + 1e-9) / 10**decimals
    return math.isclose(math.copysign(rounded, value), float(printed), abs_tol=10 ** -(decimals + 6))


def numerators_for_percent(printed_percent: str, n: int) -> list[int]:
    """Every count k in 0..n for which k/n rounds to the printed percentage."""
    return [k for k in range(n + 1) if rounds_to(100 * k / n, printed_percent)]


def smallest_denominators(printed_percent: str, how_many: int = 5, up_to: int = 200) -> list[int]:
    """The smallest group sizes (up to ``up_to``) in which some count gives the percentage."""
    return [n for n in range(1, up_to + 1) if numerators_for_percent(printed_percent, n)][:how_many]


def ledger_numbers(values: str) -> list[float]:
    """A ledger's ``values`` cell as numbers: '40;50' → [40.0, 50.0]."""
    return [float(value) for value in values.split(";")]


def format_number(value: float) -> str:
    """A computed number written without trailing zeros: 235.0 → '235', 0.6950 → '0.695'."""
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"


@dataclass(frozen=True)
class Printed:
    """A number with the text it was printed as; ``text`` is None for a computed number.

    A computed number is exact: it agrees with a printed one when it rounds to it.
    """

    value: float
    text: str | None = None

    @classmethod
    def parse(cls, text: str) -> Printed:
        """The printed number ``text`` ("59.0"); raises ValueError if it is not a plain number."""
        cleaned = text.strip()
        if not NUMBER_TEXT.match(cleaned):
            raise ValueError(f"{text!r} is not a number as printed (digits, an optional sign and decimals)")
        return cls(float(cleaned), cleaned)

    @property
    def decimals(self) -> int | None:
        """Decimals printed; None for a computed number (full precision)."""
        return None if self.text is None else decimals_written(self.text)

    def __str__(self) -> str:
        return self.text if self.text is not None else format_number(self.value)


def agrees(left: Printed | float, right: Printed | str) -> bool:
    """Two numbers agree when either, at the precision the other was printed with, equals it.

    "59.0" and "59.4" disagree (each printed to one decimal); "59" and "59.4" agree at the
    coarser precision; a computed 37.35 agrees with a printed "37".
    """
    left = left if isinstance(left, Printed) else Printed(float(left))
    right = right if isinstance(right, Printed) else Printed.parse(right)
    if left.text is None and right.text is None:
        return math.isclose(left.value, right.value, abs_tol=1e-9)
    return (right.text is not None and rounds_to(left.value, right.text)) or (
        left.text is not None and rounds_to(right.value, left.text)
    )
