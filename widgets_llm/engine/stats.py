"""How sure can we be? Bootstrap intervals and a paired test for scores of test examples.

With the ten to twenty test pairs a beginner has, one or two ROUGE points between two runs is
often chance. These functions say how much:

* :func:`bootstrap_interval`: a 95 % interval for the mean score of one run, by resampling
  its test examples (percentile bootstrap);
* :func:`paired_test`: two runs scored on the *same* test examples. The difference of their
  means, a paired-bootstrap interval for it, and the p-value of a paired permutation test
  (each example's two scores may swap places when the runs are equally good): exact for up
  to :data:`EXACT_PERMUTATION_LIMIT` examples, otherwise from random sign flips.

Everything is seeded: the same scores always give the same numbers. Only numpy is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

#: Resamples of the bootstrap (at least 1000 for a stable 95 % interval).
DEFAULT_RESAMPLES = 2000
#: Random sign flips of the permutation test when it cannot enumerate them all.
DEFAULT_PERMUTATIONS = 10_000
#: Up to this many examples the permutation test enumerates every sign flip (2**n).
EXACT_PERMUTATION_LIMIT = 16
DEFAULT_CONFIDENCE = 0.95
DEFAULT_SEED = 0
#: Below this p-value (and with an interval that excludes zero) a difference is called real.
SIGNIFICANCE = 0.05
MIN_RESAMPLES = 1000
#: Rows of resampled indices drawn at once (bounds memory for large test sets).
_CHUNK = 500


@dataclass(frozen=True)
class Interval:
    """The mean of some scores and an interval around it.

    Attributes
    ----------
    mean:
        The mean of the scores.
    low, high:
        The bounds of the interval (``confidence`` of the bootstrap means lie between them).
    confidence:
        0.95 for a 95 % interval.
    num_examples:
        How many scores.
    resamples:
        Bootstrap resamples drawn.
    """

    mean: float
    low: float
    high: float
    confidence: float
    num_examples: int
    resamples: int

    @property
    def width(self) -> float:
        return self.high - self.low

    def to_list(self) -> list[float]:
        """``[low, high]``, as the JSON of the CLI gives it."""
        return [float(self.low), float(self.high)]


@dataclass(frozen=True)
class PairedTest:
    """Two runs scored on the same examples: ``b`` minus ``a``.

    Attributes
    ----------
    difference:
        Mean of ``b - a`` over the examples (positive: ``b`` scored higher).
    low, high:
        Paired-bootstrap interval of that difference.
    p_value:
        How often a difference at least this large (either sign) appears when each example's
        two scores are swapped at random: the chance of seeing it if the runs were equally
        good. 1 when the runs scored the same on every example.
    num_examples:
        Examples compared.
    confidence:
        Of the interval.
    exact:
        Whether the p-value enumerated every sign flip (small test sets).
    identical:
        Both runs scored exactly the same on every example.
    """

    difference: float
    low: float
    high: float
    p_value: float
    num_examples: int
    confidence: float
    exact: bool
    identical: bool

    @property
    def significant(self) -> bool:
        """Whether the difference is unlikely to be chance: p below :data:`SIGNIFICANCE` and an
        interval that does not include zero."""
        return self.p_value < SIGNIFICANCE and (self.low > 0 or self.high < 0)

    @property
    def winner(self) -> str | None:
        """``"a"`` or ``"b"`` when one is better beyond chance, else ``None``."""
        if not self.significant:
            return None
        return "b" if self.difference > 0 else "a"


def _scores(values: Sequence[float], name: str = "scores") -> np.ndarray:
    array = np.asarray(list(values), dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty list of numbers")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite numbers")
    return array


def _check(confidence: float, resamples: int) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    if resamples < MIN_RESAMPLES:
        raise ValueError(f"resamples must be at least {MIN_RESAMPLES}, not {resamples!r}")


def _bootstrap_means(values: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    n = values.size
    means = np.empty(resamples)
    for start in range(0, resamples, _CHUNK):
        count = min(_CHUNK, resamples - start)
        means[start : start + count] = values[rng.integers(0, n, size=(count, n))].mean(axis=1)
    return means


def _percentiles(means: np.ndarray, confidence: float) -> tuple[float, float]:
    tail = (1 - confidence) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)


def bootstrap_interval(
    scores: Sequence[float],
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Interval:
    """A percentile-bootstrap interval for the mean of ``scores`` (one per test example).

    The test examples are drawn again with replacement ``resamples`` times; the interval holds
    the middle ``confidence`` of the resampled means. Fewer examples give wider intervals.

    Raises
    ------
    ValueError
        No scores, a score that is not a finite number, or bad ``confidence``/``resamples``.
    """
    _check(confidence, resamples)
    values = _scores(scores)
    rng = np.random.default_rng(seed)
    low, high = _percentiles(_bootstrap_means(values, resamples, rng), confidence)
    return Interval(float(values.mean()), low, high, confidence, int(values.size), resamples)


def paired_test(
    scores_a: Sequence[float],
    scores_b: Sequence[float],
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    resamples: int = DEFAULT_RESAMPLES,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> PairedTest:
    """Compare two runs scored on the same examples, in the same order (``b`` minus ``a``).

    Returns the mean difference, a paired-bootstrap interval for it (examples resampled with
    their two scores together) and the p-value of a paired permutation test: every example's
    difference may change sign; the p-value is the share of sign patterns whose mean
    difference is at least as far from zero as the one observed. Up to
    :data:`EXACT_PERMUTATION_LIMIT` examples every pattern is counted (exact); above, a seeded
    sample of ``permutations`` patterns is used, with the usual ``(k + 1) / (n + 1)``.

    Raises
    ------
    ValueError
        Lists of different lengths, empty lists, scores that are not finite numbers, or bad
        ``confidence``/``resamples``/``permutations``.
    """
    _check(confidence, resamples)
    if permutations < MIN_RESAMPLES:
        raise ValueError(f"permutations must be at least {MIN_RESAMPLES}, not {permutations!r}")
    a, b = _scores(scores_a, "scores_a"), _scores(scores_b, "scores_b")
    if a.size != b.size:
        raise ValueError(
            f"the two runs must be scored on the same examples ({a.size} and {b.size} scores)"
        )
    differences = b - a
    observed = float(differences.mean())
    rng = np.random.default_rng(seed)
    low, high = _percentiles(_bootstrap_means(differences, resamples, rng), confidence)
    identical = bool(np.all(differences == 0))
    p_value, exact = _permutation_p_value(differences, permutations, rng)
    return PairedTest(observed, low, high, p_value, int(a.size), confidence, exact, identical)


def _permutation_p_value(
    differences: np.ndarray, permutations: int, rng: np.random.Generator
) -> tuple[float, bool]:
    n = differences.size
    observed = abs(differences.mean())
    # Sums of floats in another order can differ in the last bits: count ties as "as large".
    tolerance = 1e-12 * max(1.0, float(np.abs(differences).max()))
    if n <= EXACT_PERMUTATION_LIMIT:
        patterns = ((np.arange(2**n)[:, None] >> np.arange(n)) & 1) * 2 - 1
        means = np.abs(patterns @ differences) / n
        return float(np.mean(means >= observed - tolerance)), True
    count = 0
    for start in range(0, permutations, _CHUNK):
        size = min(_CHUNK, permutations - start)
        signs = rng.choice(np.array([-1.0, 1.0]), size=(size, n))
        count += int(np.sum(np.abs(signs @ differences) / n >= observed - tolerance))
    return (count + 1) / (permutations + 1), False
