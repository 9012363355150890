"""The model recommendation for a person's machine, and numbers in the reader's language."""

from __future__ import annotations

from widgets_llm.engine import models
from widgets_llm.engine.hardware import Hardware
from widgets_llm.engine.recommend import (
    CPU_RECOMMENDATION,
    GPU_LORA_ALTERNATIVE,
    OFFLINE_RECOMMENDATION,
    recommend_model,
)
from widgets_llm.formatting import format_bytes, format_number, format_percent, format_seconds
from widgets_llm.messages import t

CPU = Hardware("cpu", "x86_64", cpu_bf16=False, gpu_bf16=False, memory_gb=16.0)
T4 = Hardware("cuda", "Tesla T4", cpu_bf16=False, gpu_bf16=False, memory_gb=14.7)
SMALL_GPU = Hardware("cuda", "GeForce MX150", cpu_bf16=False, gpu_bf16=False, memory_gb=1.0)


def test_no_connection_recommends_the_offline_model_whatever_the_hardware():
    for hardware in (CPU, T4):
        advice = recommend_model(hardware, online=False)
        assert advice.choice == OFFLINE_RECOMMENDATION
        kind, _, _ = models.parse_model_choice(advice.choice)
        assert kind == "offline"


def test_cpu_recommends_the_smallest_spanish_seq2seq_of_the_catalog():
    spanish_seq2seq = sorted(
        (e for e in models.CATALOG if e.spanish and e.architecture == "seq2seq"),
        key=lambda e: e.params_millions,
    )
    assert CPU_RECOMMENDATION == spanish_seq2seq[0].model_id
    advice = recommend_model(CPU)
    assert advice.choice == CPU_RECOMMENDATION
    assert advice.entry is not None and advice.entry.spanish
    assert OFFLINE_RECOMMENDATION in advice.alternatives


def test_a_gpu_gets_a_larger_model_that_fits_its_memory():
    advice = recommend_model(T4)
    entry = advice.entry
    assert (
        entry is not None
        and entry.params_millions > models.catalog_entry(CPU_RECOMMENDATION).params_millions
    )
    assert entry.memory_gb(lora=False) <= T4.memory_gb
    assert GPU_LORA_ALTERNATIVE in advice.alternatives
    assert "Tesla T4" in t(advice.reason, **advice.params)


def test_a_small_gpu_gets_the_smallest_model_with_lora():
    advice = recommend_model(SMALL_GPU)
    assert advice.choice == CPU_RECOMMENDATION and advice.use_lora


def test_every_reason_is_in_both_languages():
    for hardware, online in ((CPU, None), (CPU, False), (T4, True), (SMALL_GPU, None)):
        advice = recommend_model(hardware, online=online)
        for lang in ("es", "en"):
            text = t(advice.reason, lang, **advice.params)
            assert text != advice.reason and "{" not in text


def test_numbers_use_a_decimal_comma_in_spanish_and_a_point_in_english():
    assert format_number(1.25, 1, "es") == "1,2" or format_number(1.25, 1, "es") == "1,3"
    assert format_number(7528.89, 1, "es") == "7528,9"
    assert format_number(7528.89, 1, "en") == "7528.9"
    assert format_number(12345.6, 0, "es") == "12\u202f346"
    assert format_number(12345.6, 0, "en") == "12,346"
    assert format_percent(0.453, 0, "es") == "45\u00a0%"
    assert format_percent(0.453, 1, "en") == "45.3%"
    assert format_bytes(240_300_000, "es") == "240,3 MB"
    assert format_bytes(1_200_000_000, "en") == "1.2 GB"
    assert format_bytes(512, "es") == "512 B"
    assert format_seconds(0.4234, "es") == "0,42 s"
    assert format_seconds(125, "es") == "2 min 5 s"
