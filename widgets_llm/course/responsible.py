"""Notebook 5's helpers: using a small summarizer responsibly, measured on real texts.

- :func:`unsupported_details`: the names, numbers and places of a summary that its text does
  not contain (made-up facts); :func:`practice_comparison` and :func:`invented_details_table`
  put it to work, on practice summaries and on a run's own summaries.
- :func:`rouge_blind_spots`: pairs where ROUGE and the truth disagree, scored by the engine.
- :func:`describe_data`: whose texts a data set holds (sizes, lengths, where they come from), as
  a starting point to think about bias.
- :func:`longest_shared_words`, :func:`explain_shared_words` and :func:`memorization_table`:
  does a model repeat long stretches of its training texts?
- :func:`energy_estimate`: a run's energy, rough and honest, from its own training time.
- :func:`model_card_section`: one section of a run's model card (``README.md``).

Nothing here downloads anything; heavy libraries load only inside the functions that need them.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Sequence

from ..messages import t
from ._common import MarkdownMessage, Message, _frame, _number, _shorten
from .samples import EXAMPLE


# ---------------------------------------------------------------- made-up details

# Spanish number words and their values, so that "ocho meses" in a text supports "8 meses" in
# its summary (and "nueve meses" is caught). "un"/"una"/"uno" are left out: they are articles
# far more often than numbers.
_NUMBER_WORDS = {
    "cero": 0, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
    "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "mil": 1000, "millon": 1_000_000, "millones": 1_000_000,
}  # fmt: skip
# Capitalised words that start names less often than they start sentences or titles.
_NOT_NAMES = {
    "el", "la", "los", "las", "un", "una", "unos", "unas", "en", "de", "del", "y", "o", "a",
    "al", "con", "por", "para", "segun", "tras", "desde", "este", "esta", "estos", "estas",
    "su", "sus", "se", "lo", "que", "si", "no", "como", "cuando", "donde",
}  # fmt: skip
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?¡¿:;«»\"“”()\n]")


def _fold(word: str) -> str:
    """Lower case without accents: "Martín" and "martin" are the same word."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _number_value(token: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):  # 1.200 or 1,200: thousands
        return float(re.sub(r"[.,]", "", token))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", token):
        return float(token.replace(",", "."))
    if re.fullmatch(r"\d+(?::\d+)+", token):  # a time of day, 8:00
        return float(token.split(":")[0])
    return _NUMBER_WORDS.get(_fold(token))


def _tokens(text: str) -> list[tuple[str, bool]]:
    """The words and numbers of ``text``, each with whether it starts a sentence."""
    tokens = []
    previous_end = 0
    starts = True
    for match in _TOKEN.finditer(text):
        between = text[previous_end : match.start()]
        starts = starts or bool(_SENTENCE_END.search(between)) or not tokens
        tokens.append((match.group(), starts))
        starts = False
        previous_end = match.end()
    return tokens


def _facts_of(text: str) -> tuple[set[str], set[float]]:
    words, numbers = set(), set()
    for token, _ in _tokens(text):
        words.add(_fold(token))
        value = _number_value(token)
        if value is not None:
            numbers.add(value)
    return words, numbers


def unsupported_details(text: str, summary: str) -> list[str]:
    """The names, numbers and places of ``summary`` that ``text`` does not contain.

    A rough check, on purpose simple enough to explain: numbers (written as digits or as
    Spanish words: "ocho" supports "8") must appear in the text with the same value, and
    capitalised words inside a sentence (names of people, places, organizations) must appear
    in the text (accents and case aside). A sentence's first word is only checked when it
    starts a name of several words. It misses made-up facts in ordinary words ("abrió" for
    "cerró") and can flag a name the text writes differently: it points where to look, a
    person decides.

    Returns
    -------
    list of str
        Each detail as the summary writes it (a number with the word after it, "veinte
        cupos"; a whole name, "Puerto Montt"), in order, without repeats.
    """
    words, numbers = _facts_of(text)
    tokens = _tokens(summary)
    details: list[str] = []
    i = 0
    while i < len(tokens):
        token, starts = tokens[i]
        value = _number_value(token)
        if value is not None:
            if value not in numbers:
                following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
                unit = following if following and following[0].islower() else ""
                if unit and _number_value(unit) is None:
                    details.append(f"{token} {unit}")
                else:
                    details.append(token)
            i += 1
            continue
        if token[0].isupper():
            # A name: this capitalised word and those that follow (with "de"/"del" inside).
            j = i + 1
            while j < len(tokens) and (
                tokens[j][0][0].isupper()
                or (
                    _fold(tokens[j][0]) in ("de", "del")
                    and j + 1 < len(tokens)
                    and tokens[j + 1][0][0].isupper()
                )
            ):
                if tokens[j][1]:
                    break
                j += 1
            name = [word for word, _ in tokens[i:j]]
            checked = [w for w in name if _fold(w) not in _NOT_NAMES]
            if starts and len(checked) < 2:
                checked = []  # a sentence's first word, not a name of several words
            elif starts and name and _fold(name[0]) in _NOT_NAMES:
                name = name[1:]
            if any(_fold(word) not in words for word in checked):
                details.append(" ".join(name))
            i = j
            continue
        i += 1
    return list(dict.fromkeys(details))


#: Practice summaries for exercise 05-dato-inventado, written for the course (not generated
#: by a model) in the style of a model that paraphrases: ``(example id, summary)``. Exactly one
#: changes a detail of its text; :func:`unsupported_details` finds which.
PRACTICE_SUMMARIES: tuple[tuple[str, str], ...] = (
    (
        "a-041",
        "Luque cerrará durante unas tres semanas un tramo de la calle Ykua Pytã para "
        "asfaltarla y construir desagües; los colectivos serán desviados.",
    ),
    (
        "a-035",
        "Un centro comunitario de Malabo ofrece un curso gratuito de informática de diez "
        "semanas para jóvenes de 16 a 25 años, con cuarenta plazas.",
    ),
    (
        "c-028",
        "Los domingos, familias de San Juan suben a Guavate, en Cayey, a comer lechón asado; "
        "un plato cuesta unos quince dólares.",
    ),
    (
        "b-044",
        "La Biblioteca Comunitaria de Pelluco, en Puerto Montt, ofrece un taller gratuito de "
        "impresión 3D con veinte cupos para jóvenes de doce a dieciocho años.",
    ),
    (
        "a-020",
        "Un colegio de Encarnación invita a su Feria de Ciencias del viernes 22, donde los "
        "estudiantes presentarán treinta y cinco proyectos.",
    ),
)


def _example_rows() -> dict[str, dict[str, Any]]:
    from ..engine.data import EXAMPLES

    rows = {}
    with open(EXAMPLES[EXAMPLE], encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def practice_pairs() -> list[tuple[str, str]]:
    """``(text, practice summary)`` of each practice example, in order."""
    rows = _example_rows()
    return [(rows[key]["texto"], summary) for key, summary in PRACTICE_SUMMARIES]


def practice_comparison():
    """The practice summaries as a comparison the ``SummaryDiffViewer`` shows.

    Each example holds a text of the course's example data, its reference summary and, as the
    tuned model's summary, a practice summary written for the course (one changes a detail).
    The base model's and the baseline's rows both show the text's first sentence.
    """
    from ..engine.evaluation import Comparison, ComparisonExample, EvaluationReport
    from ..engine.scoring import lead_baseline, mean_rouge, score_rouge_pairs

    rows = _example_rows()
    texts = [rows[key]["texto"] for key, _ in PRACTICE_SUMMARIES]
    references = [rows[key]["resumen"] for key, _ in PRACTICE_SUMMARIES]
    summaries = [summary for _, summary in PRACTICE_SUMMARIES]
    leads = lead_baseline(texts)
    tuned_scores = score_rouge_pairs(summaries, references)
    lead_scores = score_rouge_pairs(leads, references)
    lead_mean = mean_rouge(lead_scores)

    def report(predictions, scores):
        return EvaluationReport(
            rouge=mean_rouge(scores),
            perplexity=float("nan"),
            loss=float("nan"),
            mean_generated_words=statistics.fmean(len(p.split()) for p in predictions),
            num_examples=len(predictions),
            predictions=list(predictions),
            per_example=scores,
            lead_baseline=lead_mean,
            lead_predictions=leads,
            lead_per_example=lead_scores,
        )

    examples = [
        ComparisonExample(
            text=text,
            reference=reference,
            base=lead,
            tuned=summary,
            lead=lead,
            base_rouge=lead_score,
            tuned_rouge=tuned_score,
            improvement=tuned_score["rougeL"] - lead_score["rougeL"],
            lead_rouge=lead_score,
        )
        for text, reference, summary, lead, tuned_score, lead_score in zip(
            texts, references, summaries, leads, tuned_scores, lead_scores
        )
    ]
    return Comparison(
        base=report(leads, lead_scores),
        tuned=report(summaries, tuned_scores),
        lead_baseline=lead_mean,
        examples=examples,
    )


def invented_details_table(source: Any, lang: str | None = None):
    """Each summary of a comparison or a saved run, with the details its text does not support.

    Parameters
    ----------
    source:
        A ``Comparison`` (the tuned model's summaries are checked) or a run folder (its
        ``test_examples.jsonl``).
    """
    if isinstance(source, (str, Path)):
        from ..engine.runs import read_examples

        pairs = [(row["text"], row["summary"]) for row in read_examples(source)]
    else:
        pairs = [(example.text, example.tuned) for example in source.examples]
    none = t("course.resp.details.none", lang)
    rows = []
    for number, (text, summary) in enumerate(pairs, start=1):
        details = unsupported_details(text, summary)
        rows.append(
            {
                t("course.resp.column.example", lang): number,
                t("course.resp.column.summary", lang): _shorten(summary, 90),
                t("course.resp.column.details", lang): ", ".join(details) if details else none,
            }
        )
    return _frame(rows)


# ---------------------------------------------------------------- what ROUGE misses

#: Pairs where ROUGE and the truth disagree: (reference, summary, whether the summary is true).
ROUGE_BLIND_SPOTS: tuple[tuple[str, str, bool], ...] = (
    (
        "El mercado de Oaxaca reabrió el domingo con 112 puestos.",
        "El mercado de Oaxaca reabrió el domingo con 12 puestos.",
        False,
    ),
    (
        "El mercado de Oaxaca reabrió el domingo con 112 puestos.",
        "Este domingo volvieron a abrir los 112 puestos del renovado mercado oaxaqueño.",
        True,
    ),
    (
        "La clínica vacunará a los niños el lunes.",
        "La clínica no vacunará a los niños el lunes.",
        False,
    ),
)


def rouge_blind_spots(lang: str | None = None):
    """Worked pairs, scored by the engine's ROUGE (offline): a wrong summary that scores high
    and a right one that scores low. ROUGE counts shared words; it does not check facts."""
    from ..engine.scoring import score_rouge_pairs

    references = [reference for reference, _, _ in ROUGE_BLIND_SPOTS]
    summaries = [summary for _, summary, _ in ROUGE_BLIND_SPOTS]
    scores = score_rouge_pairs(summaries, references, ["rouge1", "rougeL"])
    yes, no = t("course.yes", lang), t("course.no", lang)
    return _frame(
        [
            {
                t("course.resp.column.reference", lang): reference,
                t("course.resp.column.summary", lang): summary,
                "ROUGE-1": _number(100 * score["rouge1"], 1, lang),
                "ROUGE-L": _number(100 * score["rougeL"], 1, lang),
                t("course.resp.column.true", lang): yes if true else no,
            }
            for (reference, summary, true), score in zip(ROUGE_BLIND_SPOTS, scores)
        ]
    )


# ---------------------------------------------------------------- whose texts

#: A column with at most this many distinct values is counted (country, source, author...);
#: more than that is an identifier or free text.
MAX_CATEGORIES = 30


def _word_counts(texts: Sequence[str]) -> str:
    counts = [len(str(text).split()) for text in texts]
    if not counts:
        return "—"
    return t(
        "course.resp.data.range",
        low=_number(min(counts), 0),
        median=_number(statistics.median(counts), 0),
        high=_number(max(counts), 0),
    )


def _raw_frame(data: Any):
    """The learner's whole table (all its columns), or the preview when it cannot be re-read."""
    from ..engine.data import read_table

    table = data.table
    source = getattr(table, "path", None) or table.source_name
    try:
        return read_table(source).frame, False
    except Exception:  # noqa: BLE001 - an upload with no file: the first rows still tell a lot
        return data.preview, True


def describe_data(data: Any = None, lang: str | None = None) -> Message:
    """Whose texts a data set holds: sizes, lengths and the other columns it has (country,
    source, author...), counted. A starting point to think about bias, not a verdict.

    Parameters
    ----------
    data:
        A ``PreparedData``; by default the data the course uses now (the learner's own, if
        they chose it in notebook 2 or 3, else the example).
    """
    from .own_data import course_data, using_own_data

    if data is None:
        own = using_own_data()
        data = course_data()
    else:
        own = getattr(data.table, "source_name", EXAMPLE) != EXAMPLE
    name = getattr(data.table, "source_name", "") or EXAMPLE
    lines = [t("course.resp.data.own" if own else "course.resp.data.example", lang, name=name)]
    texts, summaries = [], []
    for split in data.splits.values():
        texts += list(split["text"])
        summaries += list(split["summary"])
    lines.append(t("course.resp.data.pairs", lang, count=_number(len(texts), 0, lang)))
    lines.append(t("course.resp.data.text_words", lang, words=_word_counts(texts)))
    lines.append(t("course.resp.data.summary_words", lang, words=_word_counts(summaries)))
    frame, preview_only = _raw_frame(data)
    columns = [c for c in frame.columns if c not in (data.text_column, data.summary_column)]
    counted = False
    for column in columns:
        values = frame[column].dropna().astype(str)
        distinct = values.nunique()
        if distinct == 0 or distinct > MAX_CATEGORIES or distinct == len(values):
            continue  # an identifier or free text: nothing to count
        top = values.value_counts().head(5)
        shown = ", ".join(f"{value} ({count})" for value, count in top.items())
        lines.append(
            t("course.resp.data.column", lang, column=column, distinct=distinct, top=shown)
        )
        counted = True
    if preview_only and counted:
        lines.append(t("course.resp.data.preview_only", lang, rows=len(frame)))
    if not counted:
        lines.append(t("course.resp.data.no_columns", lang))
    lines.append(t("course.resp.data.questions", lang))
    return Message("\n".join(lines))


# ---------------------------------------------------------------- memorization


def _words(text: str) -> list[str]:
    from ..engine.scoring import rouge_tokenize

    return rouge_tokenize(text)


def _longest(a: list[str], matcher: SequenceMatcher) -> list[str]:
    matcher.set_seq1(a)
    match = matcher.find_longest_match(0, len(a), 0, len(matcher.b))
    return a[match.a : match.a + match.size]


def longest_shared_words(text: str, other: str) -> list[str]:
    """The longest run of words that appears, in the same order, in both texts.

    Words are compared as ROUGE compares them (lower case, punctuation dropped).
    """
    return _longest(_words(text), SequenceMatcher(None, b=_words(other), autojunk=False))


def explain_shared_words(text: str, other: str, lang: str | None = None) -> Message:
    """:func:`longest_shared_words` in a sentence: how many words in a row, and which."""
    words = longest_shared_words(text, other)
    return Message(
        t("course.resp.shared", lang, count=len(words), words=" ".join(words) or "—")
    )


#: Words in a row, copied from a training text and absent from the summary's own text, from
#: which the copy is worth a look. Eight words rarely repeat by chance except in set phrases.
MEMORIZED_WORDS = 8


def _contains(words: list[str], span: list[str]) -> bool:
    n = len(span)
    return n == 0 or any(words[i : i + n] == span for i in range(len(words) - n + 1))


def memorization_table(
    run_dir: str | Path,
    data: Any = None,
    min_words: int = MEMORIZED_WORDS,
    lang: str | None = None,
):
    """Do a run's summaries repeat long stretches of the training texts?

    For each test summary the run saved (``test_examples.jsonl``), the longest run of words
    it shares with any training text of ``data`` (by default the data the course uses now).
    Copying from the text being summarized is expected; a long stretch that comes from a
    *training* text and is not in the text being summarized is what a model that memorized
    private texts would leak.
    """
    from ..engine.runs import read_examples

    if data is None:
        from .own_data import course_data

        data = course_data()
    training = [_words(text) for text in data.splits["train"]["text"]]
    matchers = [SequenceMatcher(None, b=words, autojunk=False) for words in training]
    rows = []
    for number, row in enumerate(read_examples(run_dir), start=1):
        summary = _words(row["summary"])
        longest: list[str] = []
        for matcher in matchers:
            span = _longest(summary, matcher)
            if len(span) > len(longest):
                longest = span
        in_own_text = _contains(_words(row["text"]), longest)
        if len(longest) < min_words:
            verdict = t("course.resp.memory.short", lang)
        elif in_own_text:
            verdict = t("course.resp.memory.own_text", lang)
        else:
            verdict = t("course.resp.memory.check", lang)
        rows.append(
            {
                t("course.resp.column.example", lang): number,
                t("course.resp.column.summary", lang): _shorten(row["summary"], 70),
                t("course.resp.column.shared", lang): len(longest),
                t("course.resp.column.span", lang): _shorten(" ".join(longest), 60),
                t("course.resp.column.verdict", lang): verdict,
            }
        )
    return _frame(rows)


# ---------------------------------------------------------------- energy

#: Rough power draw while training, in watts (low, high), by processor: a laptop or desktop
#: CPU, a GPU from a small one (Colab's T4, 70 W) to a large data-centre one, an Apple chip.
POWER_WATTS: dict[str, tuple[float, float]] = {
    "cpu": (15.0, 65.0),
    "cuda": (70.0, 400.0),
    "mps": (10.0, 40.0),
}
#: Published estimate of the energy used to train GPT-3 (175 000 million parameters), in
#: watt-hours: about 1 287 MWh (Patterson et al., 2021, "Carbon Emissions and Large Neural
#: Network Training").
LARGE_MODEL_WH = 1_287_000_000.0
#: A phone's battery, in watt-hours (about 4 000 mAh at 3,85 V).
PHONE_CHARGE_WH = 15.0


def _training_seconds(run_dir: str | Path) -> float | None:
    from ..engine.runs import read_run_info

    training = read_run_info(run_dir).get("training") or {}
    seconds = training.get("elapsed")
    return float(seconds) if isinstance(seconds, (int, float)) and seconds > 0 else None


def _wh(value: float, lang: str | None) -> str:
    digits = 0 if value >= 100 else 1 if value >= 1 else 3
    return _number(value, digits, lang)


def energy_estimate(
    run_dir: str | Path | None = None,
    seconds: float | None = None,
    device: str | None = None,
    lang: str | None = None,
) -> Message:
    """A run's energy, rough and honest: its training time × a range of power draws.

    Parameters
    ----------
    run_dir:
        A saved run: its ``run.json`` says how long training took.
    seconds:
        The training time, when there is no run folder.
    device:
        ``"cpu"``, ``"cuda"`` or ``"mps"``; by default this computer's (the run's own
        processor is not recorded, and the notebook trains here).
    """
    if seconds is None and run_dir is not None:
        seconds = _training_seconds(run_dir)
    if seconds is None:
        return Message(t("course.resp.energy.no_time", lang))
    if device is None:
        from ..engine.hardware import detect_hardware

        device = detect_hardware().device
    device = device if device in POWER_WATTS else "cpu"
    low_w, high_w = POWER_WATTS[device]
    low, high = low_w * seconds / 3600, high_w * seconds / 3600
    lines = [
        t(
            "course.resp.energy.run",
            lang,
            seconds=_number(seconds, 1, lang),
            device=t(f"course.resp.energy.device.{device}", lang),
            low_w=_number(low_w, 0, lang),
            high_w=_number(high_w, 0, lang),
            low=_wh(low, lang),
            high=_wh(high, lang),
        ),
        t(
            "course.resp.energy.compare",
            lang,
            bulb=_number(high / 10 * 60, 1, lang),
            phone=_number(100 * high / PHONE_CHARGE_WH, 2, lang),
        ),
        t(
            "course.resp.energy.large",
            lang,
            mwh=_number(LARGE_MODEL_WH / 1e6, 0, lang),
            # Two significant digits: more would be false precision for a rough estimate.
            times=_number(float(f"{LARGE_MODEL_WH / high:.2g}"), 0, lang),
        ),
        t("course.resp.energy.honest", lang),
    ]
    return Message("\n".join(lines))


# ---------------------------------------------------------------- the model card


def model_card_section(
    run_dir: str | Path, title: str | None = None, lang: str | None = None
) -> MarkdownMessage:
    """One section of a saved run's model card (``README.md``), as Markdown.

    Parameters
    ----------
    title:
        The section's heading; by default «Uso previsto y límites» (in either language, as
        the card was written).
    """
    from ..engine.runs.layout import CARD_FILE

    path = Path(run_dir) / CARD_FILE
    if not path.is_file():
        return MarkdownMessage(t("course.resp.card.missing", lang, path=str(path)))
    card = path.read_text(encoding="utf-8")
    titles = [title] if title else [t("runs.card.use", "es"), t("runs.card.use", "en")]
    for heading in titles:
        match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", card, re.M | re.S)
        if match:
            return MarkdownMessage(f"## {heading}\n\n{match.group(1).strip()}")
    return MarkdownMessage(t("course.resp.card.no_section", lang, title=titles[0]))
