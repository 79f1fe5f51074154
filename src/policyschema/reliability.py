"""Reliability coefficients: Krippendorff's alpha, Cohen's kappa, and distances between label sets.

These are the numbers a content-analysis paper reports for intercoder agreement. They are computed
here in exact rational arithmetic (:class:`fractions.Fraction`), so that "one category only" is
recognised exactly (an expected disagreement of exactly zero) and the same data always give the same
digits, whatever order Python happens to iterate sets in.

Undefined values are ``None``, never 1.0 or 0: alpha is undefined when fewer than two values can be
paired or when all pairable values are equal (no expected disagreement, so there is nothing to be
reliable about); kappa when no unit was coded by both coders or both used one and the same category.

Krippendorff's alpha follows K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011),
coincidence-matrix formulation: units with fewer than two values are not pairable and ignored,
missing values (``None``) are allowed anywhere. The metric (difference function) is one of
``"nominal"``, ``"ordinal"``, ``"interval"``, ``"ratio"``, or a distance function of two values, such
as :func:`masi_distance` for set-valued codes (used directly as the difference, as NLTK does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from fractions import Fraction
from typing import Literal, TypeVar

__all__ = ["MetricName", "cohen_kappa", "jaccard_distance", "krippendorff_alpha", "masi_distance"]

_V = TypeVar("_V", bound=Hashable)

#: The named metrics (difference functions) of Krippendorff's alpha.
MetricName = Literal["nominal", "ordinal", "interval", "ratio"]


def krippendorff_alpha(
    data: Sequence[Sequence[_V | None]],
    metric: MetricName | Callable[[_V, _V], float | Fraction] = "nominal",
) -> float | None:
    """Krippendorff's alpha of a reliability data matrix: one row per coder, one column per unit.

    ``None`` marks a missing value. Returns None when alpha is undefined (fewer than two pairable
    values, or no expected disagreement because all pairable values are equal).
    ``"ordinal"`` ranks the values present by their natural order (``sorted``); ``"interval"`` and
    ``"ratio"`` need numbers.

    >>> round(krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4]], "nominal"), 3)
    0.696
    """
    if not data:
        raise ValueError("no coders: the reliability data need at least one row")
    width = len(data[0])
    for number, row in enumerate(data):
        if len(row) != width:
            raise ValueError(f"coder {number + 1} has {len(row)} values, coder 1 has {width}: one per unit")
    # pairs of values within units, counted in integers per number of pairable values m (weight 1/(m-1))
    pairs_by_size: dict[int, Counter[tuple[_V, _V]]] = {}
    for column in range(width):
        counts: Counter[_V] = Counter(value for row in data if (value := row[column]) is not None)
        pairable = sum(counts.values())
        if pairable < 2:
            continue
        pairs = pairs_by_size.setdefault(pairable, Counter())
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs[c, k] += n_c * (n_c - 1) if c == k else n_c * n_k
    coincidences: dict[tuple[_V, _V], Fraction] = {}
    for size, pairs in pairs_by_size.items():
        for pair, count in pairs.items():
            if count:
                coincidences[pair] = coincidences.get(pair, Fraction(0)) + Fraction(count, size - 1)
    marginals: dict[_V, Fraction] = {}
    for (c, _), o_ck in coincidences.items():
        marginals[c] = marginals.get(c, Fraction(0)) + o_ck
    n = sum(marginals.values(), Fraction(0))
    if n < 2:
        return None
    delta = _difference(metric, marginals)
    values = list(marginals)
    observed: Fraction | float = sum(
        (o_ck * delta(c, k) for (c, k), o_ck in coincidences.items() if c != k), Fraction(0)
    )
    if metric == "nominal":  # closed form: no need to visit every pair of distinct values
        expected: Fraction | float = (n * n - sum((m * m for m in marginals.values()), Fraction(0))) / (n - 1)
    else:
        expected = sum(
            (marginals[c] * marginals[k] * delta(c, k) for c in values for k in values if c != k), Fraction(0)
        ) / (n - 1)
    if expected == 0:
        return None
    return float(1 - observed / expected)


def _difference(
    metric: MetricName | Callable[[_V, _V], float | Fraction],
    marginals: dict[_V, Fraction],
) -> Callable[[_V, _V], Fraction | float]:
    """The squared difference function delta²(c, k) of a metric, given the values' marginal counts."""
    if callable(metric):
        return metric
    if metric == "nominal":
        return lambda c, k: Fraction(0 if c == k else 1)
    if metric == "ordinal":
        ranked = sorted(marginals)  # type: ignore[type-var]
        cumulative: dict[_V, Fraction] = {}
        total = Fraction(0)
        for value in ranked:
            total += marginals[value]
            cumulative[value] = total  # n_1 + ... + n_value

        def ordinal(c: _V, k: _V) -> Fraction:
            low, high = (c, k) if cumulative[c] <= cumulative[k] else (k, c)
            between = cumulative[high] - cumulative[low] + marginals[low]  # sum of n_g for g from low to high
            return (between - (marginals[c] + marginals[k]) / 2) ** 2

        return ordinal
    if metric in ("interval", "ratio"):
        numbers = {value: _number(value) for value in marginals}
        if metric == "interval":
            return lambda c, k: (numbers[c] - numbers[k]) ** 2
        return lambda c, k: (
            ((numbers[c] - numbers[k]) / (numbers[c] + numbers[k])) ** 2 if numbers[c] + numbers[k] else Fraction(0)
        )
    raise ValueError(f"unknown metric {metric!r}: use nominal, ordinal, interval, ratio or a distance function")


def _number(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise TypeError(f"interval and ratio metrics need numbers, got {value!r}")
    return Fraction(value)


def cohen_kappa(first: Sequence[_V | None], second: Sequence[_V | None]) -> float | None:
    """Cohen's kappa of two coders' nominal values, over the units both coded (``None`` = not coded).

    Returns None when undefined: no unit coded by both, or chance agreement of 1 (both coders used one
    and the same category throughout).

    >>> cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    0.5
    """
    if len(first) != len(second):
        raise ValueError(f"the coders have {len(first)} and {len(second)} values: one per unit")
    pairs = [(a, b) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
    total = len(pairs)
    if not total:
        return None
    agree = sum(1 for a, b in pairs if a == b)
    counts_first = Counter(a for a, _ in pairs)
    counts_second = Counter(b for _, b in pairs)
    chance = sum(n * counts_second[c] for c, n in counts_first.items())  # total² × expected agreement
    if chance == total * total:
        return None
    return float(Fraction(agree * total - chance, total * total - chance))


def jaccard_distance(first: frozenset[_V], second: frozenset[_V]) -> Fraction:
    """1 - |A ∩ B| / |A ∪ B|; two empty sets are at distance 0."""
    union = len(first | second)
    return Fraction(0) if not union else 1 - Fraction(len(first & second), union)


def masi_distance(first: frozenset[_V], second: frozenset[_V]) -> Fraction:
    """Passonneau's MASI distance (Measuring Agreement on Set-valued Items, 2006): 1 - J × M.

    J is the Jaccard similarity; M is 1 when the sets are equal, 2/3 when one contains the other, 1/3
    when they overlap otherwise, 0 when they are disjoint. Two empty sets are at distance 0.
    """
    if first == second:
        return Fraction(0)
    common = len(first & second)
    if not common:
        return Fraction(1)
    monotonicity = Fraction(2, 3) if first <= second or second <= first else Fraction(1, 3)
    return 1 - Fraction(common, len(first | second)) * monotonicity
