"""ROUGE for Spanish (and any language written with letters): a local ``evaluate`` metric.

Load it from its folder; nothing is fetched from the Hugging Face Hub::

    import evaluate
    rouge = evaluate.load("path/to/widgets_llm/engine/metrics/rouge_es")
    rouge.compute(predictions=["El niño comió pan."], references=["El niño comió."])

It differs from the Hub's ``rouge`` metric in three ways:

* words keep their accents and ``ñ`` (the Hub's metric turns "niño" into "ni o");
* for ``rougeLsum`` each text is split into sentences first (Spanish-aware), so no
  newlines need to be added by hand;
* the aggregate is the plain mean over examples, not a bootstrap estimate.

The scores are computed by ``widgets_llm.engine.scoring``, the same code the package uses
when ``evaluate`` is not available, so both give identical numbers.
"""

# evaluate copies this file into its modules cache and scans its imports line by line:
# keep exactly one import per line.
import datasets
import evaluate
from widgets_llm.engine.scoring import ROUGE_KEYS
from widgets_llm.engine.scoring import mean_rouge
from widgets_llm.engine.scoring import score_rouge_pairs

_DESCRIPTION = """
ROUGE (Recall-Oriented Understudy for Gisting Evaluation) counts the words and word pairs a
generated summary shares with a reference summary. rouge1: shared words; rouge2: shared
pairs of consecutive words; rougeL: longest common word sequence; rougeLsum: the same,
sentence by sentence. Words are lowercase runs of Unicode letters and digits, accents kept,
no stemming. Each score is an F-measure between 0 and 1.
"""

_CITATION = """
@inproceedings{lin-2004-rouge,
    title = "{ROUGE}: A Package for Automatic Evaluation of Summaries",
    author = "Lin, Chin-Yew",
    booktitle = "Text Summarization Branches Out",
    year = "2004",
    address = "Barcelona, Spain",
    publisher = "Association for Computational Linguistics",
    url = "https://aclanthology.org/W04-1013",
    pages = "74--81",
}
"""

_KWARGS_DESCRIPTION = """
Args:
    predictions: list of generated summaries (strings).
    references: list of reference summaries (strings), one per prediction.
    rouge_types: which scores to compute; default rouge1, rouge2, rougeL, rougeLsum.
    use_aggregator: True (default) returns the mean over examples of each score; False
        returns, for each score, the list of per-example values.
Returns:
    A dict with one entry per rouge type: a float, or a list of floats with
    use_aggregator=False.
Examples:
    >>> rouge = evaluate.load("widgets_llm/engine/metrics/rouge_es")
    >>> rouge.compute(predictions=["El niño comió."], references=["el niño comió"])["rouge1"]
    1.0
"""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class RougeEs(evaluate.Metric):
    """Spanish-aware ROUGE (F-measures), computed with ``rouge_score``."""

    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features(
                {
                    "predictions": datasets.Value("string"),
                    "references": datasets.Value("string"),
                }
            ),
            codebase_urls=["https://github.com/google-research/google-research/tree/master/rouge"],
            reference_urls=["https://aclanthology.org/W04-1013"],
        )

    def _compute(self, predictions, references, rouge_types=None, use_aggregator=True):
        rouge_types = list(rouge_types or ROUGE_KEYS)
        per_example = score_rouge_pairs(predictions, references, rouge_types)
        if use_aggregator:
            return mean_rouge(per_example, rouge_types)
        return {key: [scores[key] for scores in per_example] for key in rouge_types}
