"""Local ``evaluate`` metric modules shipped with the package.

Each metric is a folder holding a script of the same name (``rouge_es/rouge_es.py``), the
layout ``evaluate.load(<folder>)`` expects. Loading a metric from a path never touches the
Hugging Face Hub, so it works offline::

    import evaluate
    from widgets_llm.engine.metrics import ROUGE_ES_PATH

    rouge = evaluate.load(ROUGE_ES_PATH)
    rouge.compute(predictions=["El niño comió."], references=["El niño comió pan."])

This module stays light: it only knows where the metric folders are.
"""

from __future__ import annotations

from pathlib import Path

METRICS_DIR = Path(__file__).resolve().parent

#: Folder of the Spanish-aware ROUGE metric (pass it to ``evaluate.load``).
ROUGE_ES_PATH = str(METRICS_DIR / "rouge_es")

__all__ = ["METRICS_DIR", "ROUGE_ES_PATH"]
