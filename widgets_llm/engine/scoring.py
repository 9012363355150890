"""Scores for summaries: ROUGE that respects Spanish, a lead baseline, lengths, perplexity.

ROUGE counts the words a generated summary shares with a reference summary. The reference
implementation (``rouge_score``) keeps only ``[a-z0-9]``, so "El niño comió" becomes
``el ni o comi`` and every accented word is broken; here words are runs of Unicode letters and
digits, lowercased, with no stemming.

The scores can be computed two ways that give the same numbers:

* through ``evaluate`` with the local metric module ``engine/metrics/rouge_es`` (what the
  course shows; no Hub, works offline);
* directly with ``rouge_score`` (the fallback when ``evaluate`` cannot be loaded).

Both call :func:`score_rouge_pairs` and :func:`mean_rouge`, so they cannot drift apart.

Only the standard library is imported here; ``rouge_score`` and ``evaluate`` are imported
when a score is first asked for.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..errors import ConfigError, DataError

logger = logging.getLogger(__name__)

#: The ROUGE variants reported everywhere, in display order.
ROUGE_KEYS: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")

# A word: letters or digits of any script (``\w``), plus combining accents so that text in
# decomposed form (NFD: "n" + "\u0303") stays one word.
_WORD_RE = re.compile(r"[\w\u0300-\u036f]+")


# --------------------------------------------------------------------------------------
# Tokens and sentences
# --------------------------------------------------------------------------------------
def rouge_tokenize(text: str) -> list[str]:
    """Split ``text`` into the lowercase words ROUGE compares.

    Parameters
    ----------
    text:
        Any text; accents, ``ñ`` and ``ü`` are kept.

    Returns
    -------
    list of str
        Lowercase words in NFC form; punctuation and spaces are dropped.

    Examples
    --------
    >>> rouge_tokenize("El niño comió, ¿verdad?")
    ['el', 'niño', 'comió', 'verdad']
    """
    return [_normalize_word(match.group()) for match in _WORD_RE.finditer(text)]


def _normalize_word(word: str) -> str:
    # NFC so that "ñ" typed as one character and as "n" + combining tilde compare equal.
    return unicodedata.normalize("NFC", word).lower()


class SpanishRougeTokenizer:
    """The tokenizer object ``rouge_score.rouge_scorer.RougeScorer(tokenizer=...)`` expects."""

    def tokenize(self, text: str) -> list[str]:
        """Words of ``text`` as :func:`rouge_tokenize` finds them."""
        return rouge_tokenize(text)


# Abbreviations that are followed by a capitalised word without ending the sentence
# ("el Sr. García", "pág. 12"). Lowercase, without the final dot. "etc." is left out on
# purpose: it often ends a sentence, and a lowercase word after it already keeps it inside.
_ABBREVIATIONS = frozenset(
    """
    sr sra srta sres srs dr dra dres dras lic lcdo lcda ing arq prof profa mtro mtra
    dña sto sta gral cnel tte sgto mons pbro excmo excma ilmo ilma ud uds vd vds
    av avda pza dpto depto núm nº pág págs pp art arts cap caps vol vols fig figs
    tel tlf ej aprox vs ee uu aa vv
    """.split()
)
# A sentence may end at . ! ? … (repeated or mixed: "?!", "..."), then closing quotes or
# brackets, then whitespace.
_SENTENCE_END_RE = re.compile(r"([.!?…]+)([»\"”’')\]]*)\s+")
_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")
_OPENING_PUNCTUATION = "([{¿¡«\"'“‘"


def split_sentences(text: str) -> list[str]:
    """Split Spanish (or English) text into sentences.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (also ``...``, ``?!``, optionally followed
    by a closing quote or bracket) when whitespace and then a capital letter, a digit or
    opening punctuation (``¿``, ``¡``, ``«``, a dash...) follow. It does not end:

    * before a lowercase word ("¿Vienes? preguntó ella", "manzanas, peras, etc. y uvas");
    * after a title or reference abbreviation ("Sr.", "Dra.", "pág.", "núm.", "EE. UU.");
    * after an initial ("J. R. R. Tolkien");
    * inside a number ("3.5", "1.000"), since no space follows the dot.

    A blank line always ends a sentence; a single line break counts as a space.

    Parameters
    ----------
    text:
        The text to split.

    Returns
    -------
    list of str
        The sentences, in order, with their punctuation, stripped and with runs of
        whitespace turned into single spaces. Empty for blank text.
    """
    sentences: list[str] = []
    for paragraph in _PARAGRAPH_BREAK_RE.split(text):
        sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(paragraph: str) -> list[str]:
    sentences = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(paragraph):
        if _ends_sentence(paragraph, start, match):
            sentences.append(paragraph[start : match.end()])
            start = match.end()
    sentences.append(paragraph[start:])
    return [" ".join(sentence.split()) for sentence in sentences if sentence.strip()]


def _ends_sentence(paragraph: str, start: int, match: re.Match[str]) -> bool:
    """Whether the punctuation in ``match`` closes the sentence that began at ``start``."""
    if match.end() >= len(paragraph):
        return True
    next_char = paragraph[match.end()]
    if next_char.islower():
        return False
    punctuation, closers = match.group(1), match.group(2)
    if punctuation == "." and not closers:
        return not _is_abbreviation(_last_word(paragraph[start : match.start()]))
    return True


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1].lstrip(_OPENING_PUNCTUATION) if words else ""


def _is_abbreviation(word: str) -> bool:
    if len(word) == 1 and word.isupper():  # an initial: "J. R. R. Tolkien"
        return True
    return word.lower() in _ABBREVIATIONS


def lead_baseline(texts: Sequence[str], n_sentences: int = 1) -> list[str]:
    """The first ``n_sentences`` sentences of each text: the summary a model must beat.

    Parameters
    ----------
    texts:
        Source texts (not summaries).
    n_sentences:
        How many leading sentences make the summary (1 or more).

    Returns
    -------
    list of str
        One summary per text, sentences joined by a space ("" for a blank text).

    Raises
    ------
    ConfigError
        If ``n_sentences`` is smaller than 1.
    """
    if isinstance(texts, str):
        raise TypeError("texts must be a list of strings, not a single string")
    if isinstance(n_sentences, bool) or not isinstance(n_sentences, int) or n_sentences < 1:
        raise ConfigError("scoring.lead_sentences_invalid", value=n_sentences)
    return [" ".join(split_sentences(text)[:n_sentences]) for text in texts]


def _one_sentence_per_line(text: str) -> str:
    # rougeLsum splits summaries at newlines: put each sentence on its own line.
    return "\n".join(split_sentences(text))


# --------------------------------------------------------------------------------------
# ROUGE
# --------------------------------------------------------------------------------------
def score_rouge_pairs(
    predictions: Sequence[str],
    references: Sequence[str],
    rouge_types: Sequence[str] = ROUGE_KEYS,
) -> list[dict[str, float]]:
    """ROUGE F-measures of each prediction against its reference, with ``rouge_score``.

    This is the computation both the ``evaluate`` module and the direct path run.

    Parameters
    ----------
    predictions, references:
        Generated and reference summaries, paired by position.
    rouge_types:
        Any of ``rouge1`` ... ``rouge9``, ``rougeL``, ``rougeLsum``.

    Returns
    -------
    list of dict
        One ``{rouge_type: fmeasure}`` per pair, each a fraction between 0 and 1.
    """
    from rouge_score import rouge_scorer  # heavy (nltk, absl): only when scoring

    scorer = rouge_scorer.RougeScorer(
        list(rouge_types), use_stemmer=False, tokenizer=SpanishRougeTokenizer()
    )
    per_example = []
    for prediction, reference in zip(predictions, references, strict=True):
        # RougeScorer.score takes the reference first.
        scores = scorer.score(_one_sentence_per_line(reference), _one_sentence_per_line(prediction))
        per_example.append({key: float(scores[key].fmeasure) for key in rouge_types})
    return per_example


def mean_rouge(
    per_example: Sequence[dict[str, float]], rouge_types: Sequence[str] = ROUGE_KEYS
) -> dict[str, float]:
    """Average each ROUGE type over the examples (0.0 for no examples)."""
    if not per_example:
        return {key: 0.0 for key in rouge_types}
    return {key: math.fsum(s[key] for s in per_example) / len(per_example) for key in rouge_types}


_metric_lock = threading.Lock()
_metric: Any = None
_metric_error: Exception | None = None


def load_rouge_metric(reload: bool = False) -> Any:
    """The ``evaluate`` module of :mod:`widgets_llm.engine.metrics.rouge_es`, loaded once.

    Loading imports ``evaluate`` and ``datasets`` (several seconds the first time); call this
    early from a background thread to warm it up. A failure is remembered too, so that a
    broken ``evaluate`` costs its load time once, not at every score.

    Parameters
    ----------
    reload:
        Forget the cached module (or the cached failure) and load again.

    Returns
    -------
    evaluate.EvaluationModule

    Raises
    ------
    Exception
        Whatever ``evaluate.load`` raised.
    """
    global _metric, _metric_error
    with _metric_lock:
        if reload:
            _metric, _metric_error = None, None
        if _metric is None and _metric_error is None:
            try:
                _metric = _load_rouge_metric_uncached()
            except Exception as exc:  # noqa: BLE001 - any failure means "use the fallback"
                _metric_error = exc
        if _metric_error is not None:
            raise _metric_error
        return _metric


def _load_rouge_metric_uncached() -> Any:
    import evaluate

    from .metrics import ROUGE_ES_PATH

    # keep_in_memory: no cache files or file locks on disk, and nothing left behind.
    return evaluate.load(ROUGE_ES_PATH, keep_in_memory=True)


def rouge(
    predictions: Sequence[str],
    references: Sequence[str],
    *,
    per_example: bool = False,
    use_evaluate: bool = True,
) -> dict[str, Any]:
    """ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of generated summaries, Spanish-aware.

    Parameters
    ----------
    predictions:
        Generated summaries.
    references:
        Reference summaries, one per prediction.
    per_example:
        Also return the scores of each pair under ``"per_example"``.
    use_evaluate:
        Compute through the local ``evaluate`` metric module (the default). When it cannot
        be loaded, or with ``False``, ``rouge_score`` is called directly; the numbers are
        the same.

    Returns
    -------
    dict
        ``rouge1``, ``rouge2``, ``rougeL``, ``rougeLsum``: F-measures averaged over the
        examples, fractions between 0 and 1. With ``per_example=True`` also
        ``"per_example"``: a list of dicts with the same keys, in the order of the inputs.

    Raises
    ------
    DataError
        If there are no examples.
    ValueError
        If the two lists have different lengths.
    TypeError
        If an item is not a string.
    """
    _check_pairs(predictions, references)
    scores = _rouge_with_evaluate(predictions, references) if use_evaluate else None
    if scores is None:
        scores = score_rouge_pairs(predictions, references)
    result: dict[str, Any] = mean_rouge(scores)
    if per_example:
        result["per_example"] = scores
    return result


def _check_pairs(predictions: Sequence[str], references: Sequence[str]) -> None:
    for name, texts in (("predictions", predictions), ("references", references)):
        if isinstance(texts, str):
            raise TypeError(f"{name} must be a list of strings, not a single string")
        for item in texts:
            if not isinstance(item, str):
                raise TypeError(f"every item of {name} must be a string, not {type(item).__name__}")
    if len(predictions) != len(references):
        raise ValueError(
            f"{len(predictions)} predictions but {len(references)} references: they must pair up"
        )
    if not predictions:
        raise DataError("scoring.no_examples")


def _rouge_with_evaluate(
    predictions: Sequence[str], references: Sequence[str]
) -> list[dict[str, float]] | None:
    """Per-example scores through ``evaluate``, or None when it cannot be used."""
    try:
        metric = load_rouge_metric()
    except Exception as exc:  # noqa: BLE001
        logger.warning("evaluate could not load the rouge_es metric (%s); using rouge_score", exc)
        return None
    with _metric_lock:  # an EvaluationModule keeps state between add and compute
        raw = metric.compute(
            predictions=list(predictions), references=list(references), use_aggregator=False
        )
    return [{key: raw[key][i] for key in ROUGE_KEYS} for i in range(len(predictions))]


def shared_words(candidate: str, reference: str, *, clipped: bool = True) -> list[tuple[str, bool]]:
    """Cut ``candidate`` into spans, marking the words it shares with ``reference``.

    For a viewer that highlights shared words: ``"".join(text for text, _ in spans)`` is
    exactly ``candidate``. Each word is its own span; the text between words (spaces,
    punctuation) is a span marked ``False``. Words are compared as :func:`rouge_tokenize`
    compares them (case and accents as in ROUGE: "Niño" matches "niño", not "nino").

    Parameters
    ----------
    candidate:
        The generated summary to display.
    reference:
        The summary it is compared with.
    clipped:
        Mark a word only as many times as it appears in the reference, as ROUGE-1 counts
        it (the default): then the number of marked words divided by the number of words
        is ROUGE-1 precision. With ``False`` every occurrence of a shared word is marked.

    Returns
    -------
    list of (str, bool)
        ``(span_text, shared)`` in order; empty for an empty candidate.
    """
    available = Counter(rouge_tokenize(reference))
    spans: list[tuple[str, bool]] = []
    position = 0
    for match in _WORD_RE.finditer(candidate):
        if match.start() > position:
            spans.append((candidate[position : match.start()], False))
        word = _normalize_word(match.group())
        shared = available[word] > 0
        if shared and clipped:
            available[word] -= 1
        spans.append((match.group(), shared))
        position = match.end()
    if position < len(candidate):
        spans.append((candidate[position:], False))
    return spans


# --------------------------------------------------------------------------------------
# Lengths and perplexity
# --------------------------------------------------------------------------------------
def mean_words(texts: Sequence[str]) -> float:
    """Mean length of ``texts`` in words (as :func:`rouge_tokenize` counts them).

    Returns 0.0 for an empty list.
    """
    if isinstance(texts, str):
        raise TypeError("texts must be a list of strings, not a single string")
    if not texts:
        return 0.0
    return sum(len(rouge_tokenize(text)) for text in texts) / len(texts)


def perplexity_from_loss(loss: float) -> float:
    """Perplexity ``exp(loss)`` of a mean cross-entropy loss (in nats).

    Parameters
    ----------
    loss:
        A float, or anything ``float()`` accepts (a 0-d tensor, a numpy scalar).

    Returns
    -------
    float
        ``exp(loss)``; ``inf`` when that overflows a float (loss above about 709) or the
        loss is ``inf``; ``nan`` when the loss is ``nan`` (a diverged run), so that callers
        can show "—" instead of failing.
    """
    value = float(loss)
    if math.isnan(value):
        return math.nan
    try:
        return math.exp(value)
    except OverflowError:
        return math.inf


# --------------------------------------------------------------------------------------
# Repetition: does a model write sentences, or loop on a few words?
# --------------------------------------------------------------------------------------
#: Keys of :func:`repetition_measures`.
REPETITION_KEYS: tuple[str, ...] = (
    "longest_repeat",
    "share_with_triple_repeat",
    "distinct_bigrams",
)


def longest_repeat(text: str) -> int:
    """Longest run of one word repeated back to back ("de de de" gives 3).

    Words are compared as ROUGE compares them (:func:`rouge_tokenize`: lowercase, punctuation
    dropped). 0 for a text without words, 1 when no word follows itself.
    """
    longest = run = 0
    previous = None
    for word in rouge_tokenize(text):
        run = run + 1 if word == previous else 1
        longest = max(longest, run)
        previous = word
    return longest


def distinct_bigram_share(texts: Sequence[str]) -> float:
    """Share of distinct word pairs among all the word pairs of ``texts`` (corpus-level distinct-2).

    Counted over every text together: a model that loops on a phrase, or writes nearly the same
    summary for every text, scores low; varied, text-specific summaries score near 1.

    Returns
    -------
    float
        A fraction between 0 and 1; 0 when there is no word pair at all (empty summaries are
        not varied ones).
    """
    if isinstance(texts, str):
        raise TypeError("texts must be a list of strings, not a single string")
    total = 0
    distinct: set[tuple[str, str]] = set()
    for text in texts:
        words = rouge_tokenize(text)
        pairs = list(zip(words, words[1:]))
        total += len(pairs)
        distinct.update(pairs)
    return len(distinct) / total if total else 0.0


def repetition_measures(texts: Sequence[str]) -> dict[str, float]:
    """How repetitive a set of generated summaries is.

    Returns
    -------
    dict
        ``longest_repeat``: the longest run of one word repeated back to back in any text;
        ``share_with_triple_repeat``: fraction of texts where a word comes three or more times
        in a row; ``distinct_bigrams``: :func:`distinct_bigram_share`. Real sentences have
        ``longest_repeat`` below 3 and ``distinct_bigrams`` near 1.
    """
    if isinstance(texts, str):
        raise TypeError("texts must be a list of strings, not a single string")
    runs = [longest_repeat(text) for text in texts]
    return {
        "longest_repeat": float(max(runs, default=0)),
        "share_with_triple_repeat": sum(run >= 3 for run in runs) / len(runs) if runs else 0.0,
        "distinct_bigrams": distinct_bigram_share(texts),
    }
