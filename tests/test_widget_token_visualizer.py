"""TokenVisualizer: chips, tokenizers side by side, examples of the data, length histograms and
sliders."""

from __future__ import annotations

import html
import threading
from html.parser import HTMLParser

import ipywidgets as widgets
import pytest
from conftest import find

from widgets_llm import set_language
from widgets_llm.engine import data, models, tokens
from widgets_llm.errors import DataError
from widgets_llm.messages import catalog, t
from widgets_llm.widgets import token_visualizer as tv
from widgets_llm.widgets.token_visualizer import TokenVisualizer

TEXTS = [
    f"El señor Rodríguez, vecino del barrio {i}, comió ñoquis en la montaña con su familia. "
    + "¿Quién pagó la cuenta? ¡Nadie lo sabe todavía! " * (1 + i % 6)
    for i in range(40)
]
SUMMARIES = [
    f"Rodríguez comió ñoquis en la montaña{' con su familia' * (i % 3)}." for i in range(40)
]
LESSON = "Rodríguez comió ñoquis"
ENGLISH = t("tokviz.english.name")


def text_box(widget):
    return find(widget, widgets.Textarea, t("tokviz.text.label"))


def example_slider(widget):
    return find(widget, widgets.IntSlider, t("tokviz.example.label"))


def length_slider(widget, which):
    key = "tokviz.lengths.input_slider" if which == "text" else "tokviz.lengths.target_slider"
    return find(widget, widgets.IntSlider, t(key))


def use_button(widget):
    return find(widget, widgets.Button, t("tokviz.use_lengths"))


def cancel_button(widget):
    return find(widget, widgets.Button, t("widgets.cancel"))


@pytest.fixture(scope="module")
def spanish_tokenizer():
    """The offline model's tokenizer: trained here on Spanish, it knows every Spanish letter."""
    return models.train_tokenizer(TEXTS + SUMMARIES, 400)


@pytest.fixture(scope="module")
def prepared():
    return data.pairs_from_lists(TEXTS, SUMMARIES)


@pytest.fixture(scope="module")
def byte_level_tokenizer():
    from tokenizers import (
        Tokenizer,
        decoders,
        models as tok_models,
        pre_tokenizers,
        processors,
        trainers,
    )
    from transformers import PreTrainedTokenizerFast

    backend = Tokenizer(tok_models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    backend.post_processor = processors.ByteLevel(trim_offsets=True)
    trainer = trainers.BpeTrainer(
        vocab_size=300,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    backend.train_from_iterator(TEXTS, trainer=trainer)
    return PreTrainedTokenizerFast(tokenizer_object=backend, eos_token="<|endoftext|>")


class _Chips(HTMLParser):
    """The chips of a rendered HTML: one dict per chip with its classes, title, ids and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chips: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "wllm-chip" in (attrs.get("class") or ""):
            self._open = {
                "class": attrs["class"].split(),
                "title": attrs.get("title", ""),
                "ids": attrs["data-ids"],
                "style": attrs.get("style", ""),
                "text": "",
            }

    def handle_data(self, text):
        if self._open is not None:
            self._open["text"] += text

    def handle_endtag(self, tag):
        if tag == "span" and self._open is not None:
            self.chips.append(self._open)
            self._open = None


def chips_of(markup: str) -> list[dict]:
    parser = _Chips()
    parser.feed(markup)
    return parser.chips


def panels_of(markup: str) -> dict[str, str]:
    """``{tokenizer name: its panel's HTML}`` of the comparison."""
    panels = {}
    for part in markup.split("<div class='wllm-tokenizer'")[1:]:
        name = html.unescape(part.split("margin-bottom:4px'>", 1)[1].split("</div>", 1)[0])
        panels[name] = part
    return panels


# ---------------------------------------------------------------- chips


def test_chips_show_each_tokens_escaped_text_and_id_and_mark_special_tokens(spanish_tokenizer):
    text = 'Dijo "hola" & <adiós> al señor'
    pieces = tokens.token_pieces(text, spanish_tokenizer)
    markup = tv.chips_html(pieces)
    chips = chips_of(markup)
    groups = tokens.piece_groups(pieces)

    assert [chip["text"] for chip in chips] == [group.visible_text for group in groups]
    for chip, group in zip(chips, groups):
        assert chip["ids"] == ",".join(str(i) for i in group.ids)
        assert f"id {group.ids[0]}" in chip["title"]
    assert (
        "<adi" not in markup and "&lt;" in markup and "&amp;" in markup
    )  # escaped, never raw HTML
    # The end-of-text marker is drawn, dashed, and said to be special.
    special = [chip for chip in chips if "wllm-special" in chip["class"]]
    assert [chip["text"] for chip in special] == ["</s>"]
    assert (
        "dashed" in special[0]["style"]
        and t("tokviz.chip.title_special", ids=spanish_tokenizer.eos_token_id, token="</s>")
        == special[0]["title"]
    )
    # Ordinary neighbours get different pastel colours.
    ordinary = [chip for chip in chips if "wllm-token" in chip["class"]]
    assert ordinary[0]["style"].split(";")[0] != ordinary[1]["style"].split(";")[0]


def test_english_only_tokenizer_marks_unknown_letters_and_the_spanish_one_has_none(
    spanish_tokenizer,
):
    widget = TokenVisualizer(LESSON, tokenizers={"Español": spanish_tokenizer}, synchronous=True)

    assert list(widget.summaries) == ["Español", ENGLISH]
    spanish, english = widget.summaries["Español"], widget.summaries[ENGLISH]
    assert spanish.unknown_count == 0
    assert english.unknown_count == 3 and english.unknown_characters == ["í", "ó", "ñ"]
    assert english.count > spanish.count  # Spanish words cut in more pieces

    panels = panels_of(widget._comparison.value)
    unknown_chips = [c for c in chips_of(panels[ENGLISH]) if "wllm-unknown" in c["class"]]
    assert [c["text"] for c in unknown_chips] == ["í", "ó", "ñ"]
    assert all("solid #dc2626" in c["style"] for c in unknown_chips)  # red
    assert html.escape(
        t("tokviz.chip.title_unknown", ids=unknown_chips[0]["ids"], text="í")
    ) == html.escape(unknown_chips[0]["title"])
    assert "wllm-unknown-note" in panels[ENGLISH] and "«í» «ó» «ñ»" in panels[ENGLISH]
    assert not any("wllm-unknown" in c["class"] for c in chips_of(panels["Español"]))
    assert html.escape(t("tokviz.no_unknown")) in panels["Español"]


def test_counts_of_tokens_words_and_characters_per_token(spanish_tokenizer):
    widget = TokenVisualizer(
        LESSON, tokenizers={"Español": spanish_tokenizer}, compare_english=False, synchronous=True
    )
    summary = widget.summaries["Español"]
    pieces = tokens.token_pieces(LESSON, spanish_tokenizer)
    assert summary.count == sum(not p.special for p in pieces)
    counts = t(
        "tokviz.counts",
        tokens=summary.count,
        words=3,
        chars_per_token=f"{len(LESSON) / summary.count:.1f}".replace(".", ","),
        tokens_per_word=f"{summary.count / 3:.2f}".replace(".", ","),
    )
    assert html.escape(counts) in widget._comparison.value
    assert html.escape(t("tokviz.specials", count=1)) in widget._comparison.value
    # Both numbers said once, side by side: no «613» in one place and «614» in another.
    assert (
        html.escape(t("tokviz.counts.with_specials", count=1, total=summary.count + 1))
        in widget._comparison.value
    )


def test_tokenizers_side_by_side_and_the_difference_in_words(
    spanish_tokenizer, byte_level_tokenizer
):
    widget = TokenVisualizer(
        LESSON,
        tokenizers={"Tu modelo": spanish_tokenizer, "Otro": byte_level_tokenizer},
        synchronous=True,
    )
    panels = panels_of(widget._comparison.value)
    assert list(panels) == ["Tu modelo", "Otro", ENGLISH]
    for name, panel in panels.items():
        assert len([c for c in chips_of(panel) if "wllm-special" not in c["class"]]) >= 1
        assert f"{widget.summaries[name].count} tokens" in panel
    most = max(widget.summaries.items(), key=lambda item: item[1].count)
    assert html.escape(f"«{most[0]}» necesita") in widget._comparison.value

    find(widget, widgets.Checkbox, t("tokviz.english.label")).value = False
    assert list(panels_of(widget._comparison.value)) == ["Tu modelo", "Otro"]


def test_byte_level_pieces_of_one_character_are_one_chip(byte_level_tokenizer):
    text = "hola 😀"
    pieces = tokens.token_pieces(text, byte_level_tokenizer, add_special_tokens=False)
    emoji = [p for p in pieces if p.partial]
    assert len(emoji) == 4  # four bytes, four tokens
    chips = chips_of(tv.chips_html(pieces))
    emoji_chips = [c for c in chips if "😀" in c["text"]]
    assert len(emoji_chips) == 1
    assert emoji_chips[0]["ids"] == ",".join(str(p.id) for p in emoji)
    assert (
        t("tokviz.chip.title_partial", ids=", ".join(str(p.id) for p in emoji), count=4)
        == emoji_chips[0]["title"]
    )


def test_the_bundle_of_the_real_mini_model_gives_the_main_tokenizer(prepared):
    bundle = models.build_offline_model(TEXTS + SUMMARIES, "seq2seq", "mini")
    widget = TokenVisualizer(
        bundle=bundle, dataset=prepared, compare_english=False, synchronous=True
    )

    assert widget.main_tokenizer() == (t("tokviz.your_model"), bundle.tokenizer)
    assert list(panels_of(widget._comparison.value)) == [t("tokviz.your_model")]
    first = prepared.splits["train"][0]["text"]
    assert widget.text == first
    assert widget.stats.text_lengths[0] == len(bundle.tokenizer(first)["input_ids"])
    assert html.escape(t("tokviz.your_model")) in widget._status_line.value


# ---------------------------------------------------------------- the text and the data's examples


def test_typing_in_the_box_and_setting_the_trait_update_each_other(spanish_tokenizer):
    widget = TokenVisualizer(
        tokenizers={"Español": spanish_tokenizer}, compare_english=False, synchronous=True
    )
    assert widget.text == tv.SAMPLE_TEXT and text_box(widget).value == tv.SAMPLE_TEXT
    text_box(widget).value = "Hola, mundo"
    assert widget.text == "Hola, mundo"
    assert "Hola" in "".join(c["text"] for c in chips_of(widget._comparison.value))
    widget.text = "Adiós"
    assert text_box(widget).value == "Adiós"
    widget.text = "   "
    assert (
        html.escape(t("tokviz.text.empty")) in widget._comparison.value and widget.summaries == {}
    )


def test_picking_an_example_from_the_data_updates_the_text(spanish_tokenizer, prepared):
    widget = TokenVisualizer(
        tokenizers={"Español": spanish_tokenizer},
        dataset=prepared,
        compare_english=False,
        synchronous=True,
    )
    train = prepared.splits["train"]
    assert widget._example_box.layout.display is None
    assert (example_slider(widget).min, example_slider(widget).max) == (
        1,
        len(train),
    )  # counted from 1

    example_slider(widget).value = 4  # the fourth example
    assert widget.text == train[3]["text"] == text_box(widget).value
    rendered = "".join(c["text"] for c in chips_of(widget._comparison.value)).replace(
        tokens.SPACE_MARKER, " "
    )
    assert train[3]["text"].split()[-1] in rendered

    find(widget, widgets.Dropdown, t("tokviz.example.column")).value = "summary"
    assert widget.text == train[3]["summary"]

    widget.dataset = None
    assert widget._example_box.layout.display == "none"


# ---------------------------------------------------------------- lengths


def test_histograms_get_every_measured_length(spanish_tokenizer, prepared):
    widget = TokenVisualizer(
        tokenizers={"Español": spanish_tokenizer},
        dataset=prepared,
        compare_english=False,
        synchronous=True,
    )
    stats = widget.stats
    assert widget.status == "ready" and stats.rows == stats.measured == len(TEXTS)
    texts, summaries = tv.dataset_columns(prepared)
    assert stats.text_lengths == [len(ids) for ids in spanish_tokenizer(texts)["input_ids"]]

    text_bars, summary_bars = widget._input_histogram.bars, widget._target_histogram.bars
    assert int(text_bars.y.sum()) == len(stats.text_lengths) == len(TEXTS)
    assert int(summary_bars.y.sum()) == len(stats.summary_lengths) == len(SUMMARIES)
    assert len(text_bars.x) == len(text_bars.y) <= tv.HISTOGRAM_BINS
    # The tallest bar has room above it: it is not cut by the top of the frame.
    for histogram in (widget._input_histogram, widget._target_histogram):
        assert histogram.y_scale.max > histogram.bars.y.max()
    assert widget._histograms.layout.display is None and not use_button(widget).disabled
    # The sliders start at the engine's suggestions; the line is there.
    assert length_slider(widget, "text").value == stats.suggested_max_input_length
    assert length_slider(widget, "summary").value == stats.suggested_max_target_length
    assert list(widget._input_histogram.line.x) == [stats.suggested_max_input_length] * 2
    assert length_slider(widget, "text").max >= max(stats.text_lengths)


def test_slider_moves_the_line_and_says_the_share_that_would_be_cut(
    spanish_tokenizer, prepared, monkeypatch
):
    widget = TokenVisualizer(
        tokenizers={"Español": spanish_tokenizer},
        dataset=prepared,
        compare_english=False,
        synchronous=True,
    )
    stats = widget.stats
    # Moving the slider must not tokenize again.
    monkeypatch.setattr(tokens, "length_stats", lambda *a, **k: pytest.fail("tokenized again"))
    histogram = widget._input_histogram
    value = sorted(stats.text_lengths)[len(TEXTS) // 2]
    length_slider(widget, "text").value = value

    assert list(histogram.line.x) == [value, value]
    expected_share = sum(length > value for length in stats.text_lengths) / len(stats.text_lengths)
    assert stats.truncated_share(value) == pytest.approx(expected_share) and 0 < expected_share < 1
    text = html.unescape(histogram.share.value)
    assert tv.truncated_text(stats.truncated_share(value), "text", value) in text
    assert (
        f"El {round(expected_share * 100)} % de los textos se cortaría "
        f"con un máximo de {value} tokens." in text
    )

    target, target_slider = widget._target_histogram, length_slider(widget, "summary")
    target_slider.value = 8
    share = stats.truncated_share(8, "summary")
    assert html.escape(tv.truncated_text(share, "summary", 8)) in target.share.value
    target_slider.value = target_slider.max
    assert (
        html.escape(t("tokviz.truncated.none_summary", max=target_slider.max)) in target.share.value
    )


def test_use_these_lengths_fires_the_event_and_sets_the_traits(spanish_tokenizer, prepared):
    widget = TokenVisualizer(
        tokenizers={"Español": spanish_tokenizer},
        dataset=prepared,
        compare_english=False,
        synchronous=True,
    )
    assert (widget.max_input_length, widget.max_target_length) == (
        256,
        64,
    )  # the configuration's defaults
    chosen, seen = [], []
    widget.on_lengths_chosen(lambda a, b: chosen.append((a, b)))
    widget.observe(
        lambda change: seen.append((change["name"], change["new"])),
        names=["max_input_length", "max_target_length"],
    )

    length_slider(widget, "text").value = 48
    length_slider(widget, "summary").value = 16
    assert chosen == [] and widget.max_input_length == 256  # moving is not choosing
    use_button(widget).click()

    assert chosen == [(48, 16)]
    assert (widget.max_input_length, widget.max_target_length) == (48, 16)
    assert ("max_input_length", 48) in seen and ("max_target_length", 16) in seen
    assert html.escape(t("tokviz.lengths.chosen", input=48, target=16)) in widget._chosen_line.value

    # Setting a trait from code (a loaded configuration) moves the slider, even past its end.
    widget.max_input_length = 2000
    assert length_slider(widget, "text").value == 2000 and list(widget._input_histogram.line.x) == [
        2000,
        2000,
    ]
    callback = chosen.append
    widget.on_lengths_chosen(callback)
    widget.on_lengths_chosen(callback, remove=True)
    widget.choose_lengths()
    assert chosen[-1] == (2000, 16)


def test_measuring_in_the_background(spanish_tokenizer, prepared):
    widget = TokenVisualizer(
        tokenizers={"Español": spanish_tokenizer}, dataset=prepared, compare_english=False
    )
    widget.join(30)
    assert widget.status == "ready" and widget.stats.measured == len(TEXTS)
    assert cancel_button(widget).layout.display == "none"


def test_cancel_ignores_the_measure_in_flight(spanish_tokenizer, prepared, monkeypatch):
    release = threading.Event()
    real = tokens.length_stats

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(tokens, "length_stats", slow)
    widget = TokenVisualizer(
        tokenizers={"Español": spanish_tokenizer}, dataset=prepared, compare_english=False
    )
    assert widget.status == "measuring" and cancel_button(widget).layout.display is None
    assert use_button(widget).disabled
    cancel_button(widget).click()
    assert cancel_button(widget).layout.display == "none"
    release.set()
    widget.join(30)  # the cancelled measure ends; its result is dropped
    assert widget.status == "idle" and widget.stats is None
    assert html.escape(t("widgets.cancelled")) in widget._status_line.value


# ---------------------------------------------------------------- errors


def test_no_tokenizer_gives_a_friendly_message_and_the_widget_recovers(spanish_tokenizer, prepared):
    widget = TokenVisualizer(dataset=prepared, synchronous=True)
    assert t("tokviz.no_tokenizer") in widget._text_message.text
    assert t("tokviz.no_tokenizer.suggestion") in widget._text_message.text
    assert widget._comparison.value == "" and widget.stats is None and widget.status == "idle"
    assert t("tokviz.no_tokenizer") in widget._message.text
    assert use_button(widget).disabled

    widget.tokenizers = {"Español": spanish_tokenizer}
    assert widget._text_message.text == "" and widget._message.text == ""
    assert "Español" in panels_of(widget._comparison.value)
    assert widget.status == "ready" and widget.stats is not None


def test_without_data_the_lengths_part_says_what_to_do(spanish_tokenizer):
    widget = TokenVisualizer(
        tokenizers={"Español": spanish_tokenizer}, compare_english=False, synchronous=True
    )
    assert widget._message.text == t("tokviz.lengths.no_data")
    assert widget._histograms.layout.display == "none"


def test_a_failing_tokenizer_or_measure_is_shown_not_raised(
    spanish_tokenizer, prepared, monkeypatch
):
    class Broken:
        def __call__(self, *args, **kwargs):
            raise RuntimeError("roto")

    widget = TokenVisualizer(
        LESSON,
        tokenizers={"Español": spanish_tokenizer, "Roto": Broken()},
        compare_english=False,
        synchronous=True,
    )
    panels = panels_of(widget._comparison.value)
    assert "wllm-chip" in panels["Español"]
    assert html.escape(t("tokviz.tokenizer_failed", detail="RuntimeError: roto")) in panels["Roto"]

    def failing(*args, **kwargs):
        raise DataError("data.empty_file")

    monkeypatch.setattr(tokens, "length_stats", failing)
    widget.dataset = prepared
    assert widget.status == "error" and widget.stats is None
    assert t("data.empty_file") in widget._message.text
    assert html.escape(t("tokviz.lengths.failed")) in widget._status_line.value
    monkeypatch.undo()
    widget.measure()  # still usable
    assert widget.status == "ready"


# ---------------------------------------------------------------- language and helpers


def test_english_interface(spanish_tokenizer, prepared):
    set_language("en")
    try:
        widget = TokenVisualizer(
            LESSON, tokenizers={"Spanish": spanish_tokenizer}, dataset=prepared, synchronous=True
        )
        assert find(widget, widgets.Button, "Use these lengths").tooltip == t(
            "tokviz.use_lengths.tooltip", "en"
        )
        assert "English only (example)" in panels_of(widget._comparison.value)
        assert "would be cut" in widget._input_histogram.share.value
        assert "characters per token" in widget._comparison.value
    finally:
        set_language("es")


def test_every_message_has_spanish_and_english():
    keys = [key for key in catalog() if key.startswith("tokviz.")]
    assert len(keys) > 30
    for key in keys:
        assert catalog()[key].get("es") and catalog()[key].get("en"), key


def test_percent_and_histogram_helpers():
    assert tv.percent_text(0.123) == "12" and tv.percent_text(0.004) == "0,4"
    assert (
        tv.truncated_text(0.12, "text", 256)
        == "El 12 % de los textos se cortaría con un máximo de 256 tokens."
    )
    centers, counts = tv.histogram_bins([1, 2, 2, 90, 300])
    assert counts.sum() == 5 and len(centers) == len(counts) <= tv.HISTOGRAM_BINS
    assert tv.histogram_bins([])[1].size == 0
    assert tv.slider_top([10, 20], 16, 1024) == 32 and tv.slider_top([5000], 1024, 8192) == 5000
    assert tv.slider_top([9000], 1024, 8192) == 8192
