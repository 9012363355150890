"""Tests of widgets_llm.engine.tokens: token pieces, tokenizer comparison, length statistics."""

from __future__ import annotations

import unicodedata

import pytest

from widgets_llm.engine import features
from widgets_llm.engine.models import train_tokenizer
from widgets_llm.engine.tokens import (
    NEWLINE_MARKER,
    SPACE_MARKER,
    LengthStats,
    TokenPiece,
    compare_tokenizers,
    length_stats,
    suggest_max_length,
    token_pieces,
    tokenize_for_model,
)

SPANISH_TEXTS = [
    "El niño comió una manzana en la montaña con su abuela.",
    "¿Dónde está el señor Rodríguez? ¡Aquí, en la canción!",
    "La señora Núñez llegó tarde a la reunión del ayuntamiento.",
    "Los pingüinos de la Antártida caminan sobre el hielo.",
    "Ángel, Érica, Íñigo, Óscar y Úrsula celebraron el cumpleaños.",
    "El público aplaudió la película española durante diez minutos.",
    "¿Quién ganó el torneo de ajedrez? ¡Nadie lo sabe todavía!",
    "Mañana lloverá en el norte del país y hará frío.",
] * 6

#: Spanish with accents, ñ, ¿ ¡, an emoji, an Arabic phrase, a double space and a line break.
MIXED_TEXT = "¿Qué pasó, señora Núñez? ¡El niño comió pingüinos! 😀 مرحبا بالعالم  fin\nadiós"


# --------------------------------------------------------------------------- tokenizers


@pytest.fixture(scope="module")
def offline_tokenizer():
    """The seq2seq offline model's tokenizer (BPE + Metaspace, trained on Spanish)."""
    return train_tokenizer(SPANISH_TEXTS, 400)


@pytest.fixture(scope="module")
def offline_causal_tokenizer():
    """The causal offline model's tokenizer (same, with a beginning-of-text token)."""
    return train_tokenizer(SPANISH_TEXTS, 400, add_bos=True)


def _fast(tokenizer_object, **specials):
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast(tokenizer_object=tokenizer_object, **specials)


@pytest.fixture(scope="module")
def byte_level_tokenizer():
    """A GPT-2 style byte-level BPE tokenizer (as in GPT-2, BART, Qwen)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    backend.post_processor = processors.ByteLevel(trim_offsets=True)
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    backend.train_from_iterator(SPANISH_TEXTS, trainer=trainer)
    return _fast(backend, eos_token="<|endoftext|>", bos_token="<|endoftext|>")


@pytest.fixture(scope="module")
def wordpiece_tokenizer():
    """A BERT style WordPiece tokenizer (cased, accents kept), with [CLS] ... [SEP]."""
    from tokenizers import (
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
        trainers,
    )

    backend = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    backend.normalizer = normalizers.NFC()
    backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    backend.decoder = decoders.WordPiece()
    backend.train_from_iterator(
        SPANISH_TEXTS,
        trainer=trainers.WordPieceTrainer(
            vocab_size=300, special_tokens=["[UNK]", "[CLS]", "[SEP]", "[PAD]"]
        ),
    )
    backend.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        special_tokens=[
            ("[CLS]", backend.token_to_id("[CLS]")),
            ("[SEP]", backend.token_to_id("[SEP]")),
        ],
    )
    return _fast(
        backend, unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]", pad_token="[PAD]"
    )


@pytest.fixture(scope="module")
def unigram_tokenizer():
    """A SentencePiece style Unigram tokenizer with Metaspace (as in T5 and mT5)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    backend = Tokenizer(models.Unigram())
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.decoder = decoders.Metaspace()
    backend.train_from_iterator(
        SPANISH_TEXTS,
        trainer=trainers.UnigramTrainer(
            vocab_size=200, special_tokens=["<pad>", "</s>", "<unk>"], unk_token="<unk>"
        ),
    )
    return _fast(backend, unk_token="<unk>", eos_token="</s>", pad_token="<pad>")


@pytest.fixture(scope="module")
def ascii_tokenizer():
    """A tokenizer trained on texts without accents, ñ, ¿ or ¡: it knows none of them."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    ascii_texts = [
        unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode() for t in SPANISH_TEXTS
    ]
    backend = Tokenizer(models.BPE(unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.decoder = decoders.Metaspace()
    backend.train_from_iterator(
        ascii_texts,
        trainer=trainers.BpeTrainer(vocab_size=300, special_tokens=["<pad>", "</s>", "<unk>"]),
    )
    return _fast(backend, unk_token="<unk>", eos_token="</s>", pad_token="<pad>")


class CharacterTokenizer:
    """Stand-in for a slow tokenizer: one token a character, and no offsets."""

    is_fast = False
    unk_token_id = 0
    eos_token_id = 1
    all_special_ids = [0, 1]

    def __init__(self, alphabet: str):
        self.vocab = {
            "<unk>": 0,
            "</s>": 1,
            **{ch: i + 2 for i, ch in enumerate(dict.fromkeys(alphabet))},
        }
        self.inverse = {i: ch for ch, i in self.vocab.items()}

    def __call__(
        self,
        text,
        add_special_tokens=True,
        return_offsets_mapping=False,
        return_special_tokens_mask=False,
        **_,
    ):
        if return_offsets_mapping:
            raise NotImplementedError(
                "return_offset_mapping is not available when using Python tokenizers"
            )
        ids = [self.vocab.get(ch, 0) for ch in text] + ([1] if add_special_tokens else [])
        result = {"input_ids": ids}
        if return_special_tokens_mask:
            result["special_tokens_mask"] = [0] * len(text) + ([1] if add_special_tokens else [])
        return result

    def convert_ids_to_tokens(self, ids):
        return [self.inverse[i] for i in ids]


# --------------------------------------------------------------------------- offsets


def _assert_spans_match(text: str, pieces: list[TokenPiece]) -> None:
    """Every non-special piece's span gives back its text; spans cover every letter."""
    covered = set()
    last_start = 0
    for piece in pieces:
        if piece.special:
            assert piece.start == piece.end
            continue
        original = text[piece.start : piece.end]
        assert piece.start >= last_start, piece  # pieces go forward through the text
        last_start = piece.start
        covered.update(range(piece.start, piece.end))
        if piece.unknown or piece.partial:
            assert piece.text == original and original, piece
        elif piece.start == piece.end:
            # A space the tokenizer invented (SentencePiece, before the first word).
            assert piece.text == " " and piece.start == 0, piece
        else:
            shown = unicodedata.normalize("NFC", original)
            invented_space = piece.text == " " + shown and (
                piece.start == 0 or not text[piece.start - 1].isspace()
            )
            assert piece.text == shown or invented_space, (piece, original)
    letters = {i for i, ch in enumerate(text) if not ch.isspace()}
    assert letters <= covered


@pytest.mark.parametrize(
    "name",
    [
        "offline_tokenizer",
        "offline_causal_tokenizer",
        "byte_level_tokenizer",
        "wordpiece_tokenizer",
        "unigram_tokenizer",
    ],
)
def test_offsets_map_back_to_the_original_text(name, request):
    tokenizer = request.getfixturevalue(name)
    pieces = token_pieces(MIXED_TEXT, tokenizer)
    _assert_spans_match(MIXED_TEXT, pieces)
    assert [p.id for p in pieces] == tokenizer(MIXED_TEXT)["input_ids"]
    assert [p.token for p in pieces] == tokenizer.convert_ids_to_tokens([p.id for p in pieces])


def test_offline_tokenizer_pieces_read_like_the_text(offline_tokenizer):
    pieces = token_pieces(MIXED_TEXT, offline_tokenizer)
    words = [p for p in pieces if not p.special]
    # Joining the pieces gives the text back, with the space SentencePiece puts in front.
    assert "".join(p.text for p in words) == " " + MIXED_TEXT
    # Letters outside the Spanish alphabet it was trained on are unknown, and show what they
    # replaced.
    unknown = [p for p in words if p.unknown]
    assert {p.text for p in unknown} >= {"😀", "م", "ر"}
    assert all(p.token == "<unk>" for p in unknown)
    assert not any(p.unknown for p in words if p.text.strip() in {"ñ", "¿", "¡", "é", "ü"})
    assert all("▁" not in p.text for p in words)


def test_byte_level_pieces_decode_bytes_and_flag_parts_of_characters(byte_level_tokenizer):
    text = "señor 😀 mañana"
    pieces = token_pieces(text, byte_level_tokenizer)
    assert not any(p.unknown for p in pieces)  # byte-level: nothing is ever unknown
    emoji = [p for p in pieces if p.text == "😀" or p.text == " 😀"]
    assert len(emoji) >= 2 and all(p.partial for p in emoji)  # 4 bytes, several tokens
    whole = [p for p in pieces if not p.partial]
    assert all("Ġ" not in p.text and "Ã" not in p.text for p in whole)
    assert any(p.text.startswith(" ") for p in whole)  # "Ġ" became a plain space
    _assert_spans_match(text, pieces)


def test_special_tokens_are_marked_and_placed(
    offline_tokenizer, offline_causal_tokenizer, wordpiece_tokenizer
):
    text = "El niño comió."
    pieces = token_pieces(text, offline_tokenizer)
    assert pieces[-1].special and pieces[-1].token == "</s>" and pieces[-1].text == "</s>"
    assert pieces[-1].start == pieces[-1].end == len(text)
    assert sum(p.special for p in pieces) == 1
    without = token_pieces(text, offline_tokenizer, add_special_tokens=False)
    assert not any(p.special for p in without) and len(without) == len(pieces) - 1

    bert = token_pieces(text, wordpiece_tokenizer)
    assert (bert[0].token, bert[0].start, bert[0].end, bert[0].special) == ("[CLS]", 0, 0, True)
    assert bert[-1].token == "[SEP]" and bert[-1].special and bert[-1].start == len(text)
    assert not any(p.text.startswith("##") for p in bert)  # "##" continuation marks removed


def test_visible_text_marks_spaces_and_line_breaks():
    piece = TokenPiece(" hola\n", "▁hola\n", 7, 0, 6)
    assert piece.visible_text == f"{SPACE_MARKER}hola{NEWLINE_MARKER}"
    assert piece.text == " hola\n"


def test_slow_tokenizer_gives_pieces_without_offsets():
    tokenizer = CharacterTokenizer("hola ")
    pieces = token_pieces("hola ñ", tokenizer)
    assert [p.text for p in pieces] == ["h", "o", "l", "a", " ", "<unk>", "</s>"]
    assert all(p.start is None and p.end is None for p in pieces)
    assert [p.unknown for p in pieces] == [False] * 5 + [True, False]
    assert pieces[-1].special and not pieces[-2].special


def test_empty_text(offline_tokenizer):
    assert token_pieces("", offline_tokenizer, add_special_tokens=False) == []
    only_eos = token_pieces("", offline_tokenizer)
    assert len(only_eos) == 1 and only_eos[0].special


# --------------------------------------------------------------------------- comparison


def test_compare_tokenizers_shows_why_a_spanish_tokenizer_matters(
    offline_tokenizer, ascii_tokenizer
):
    text = "¿El señor Núñez comió pingüinos? ¡Sí, en la montaña!"
    result = compare_tokenizers(
        text, {"español": offline_tokenizer, "solo inglés": ascii_tokenizer}
    )
    assert list(result) == ["español", "solo inglés"]
    spanish, english = result["español"], result["solo inglés"]
    assert spanish.unknown_count == 0 and spanish.unknown_characters == []
    assert english.unknown_count > 0
    assert {"¿", "ñ", "ú", "ü", "¡", "í"} <= set(english.unknown_characters)
    for summary in result.values():
        assert summary.count == len(summary.pieces) > 0
        assert not any(p.special for p in summary.pieces)
        assert summary.unknown_count == sum(p.unknown for p in summary.pieces)
        assert summary.chars_per_token == pytest.approx(len(text) / summary.count)
        assert summary.tokens_per_word == pytest.approx(summary.count / len(text.split()))


# --------------------------------------------------------------------------- lengths


@pytest.fixture(scope="module")
def word_tokenizer():
    """One token per word and no special tokens: token lengths are word counts."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    backend = Tokenizer(models.WordLevel({"[UNK]": 0, "w": 1}, unk_token="[UNK]"))
    backend.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    return _fast(backend, unk_token="[UNK]")


class CountingTokenizer:
    """Wraps a tokenizer and counts its calls (length_stats must batch, not loop)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.tokenizer(*args, **kwargs)


def _words(n: int) -> str:
    return " ".join(["w"] * n)


def test_length_stats_on_known_lengths(word_tokenizer):
    texts = [_words(n) for n in range(1, 101)]  # 1..100 tokens
    summaries = [_words(3)] * 100
    counting = CountingTokenizer(word_tokenizer)
    stats = length_stats(texts, summaries, counting, max_input_length=80, max_target_length=2)
    assert isinstance(stats, LengthStats)
    assert counting.calls == 2  # one batched call per column
    assert stats.text_lengths == list(range(1, 101))
    assert stats.summary_lengths == [3] * 100
    assert stats.rows == stats.measured == 100
    assert stats.text_percentiles == pytest.approx({50: 50.5, 90: 90.1, 95: 95.05, 99: 99.01})
    assert stats.summary_percentiles == {50: 3.0, 90: 3.0, 95: 3.0, 99: 3.0}
    assert stats.truncated_inputs == pytest.approx(0.20)  # 81..100 are cut at 80
    assert stats.truncated_targets == 1.0
    assert stats.suggested_max_input_length == 96  # 95.05 rounded up to a multiple of 8
    assert stats.suggested_max_target_length == 8  # 3, but at least 8
    # The slider: any other maximum, without tokenizing again.
    assert stats.truncated_share(50) == pytest.approx(0.5)
    assert stats.truncated_share(100) == 0.0
    assert stats.truncated_share(0) == 1.0
    assert stats.truncated_share(3, "summary") == 0.0
    assert stats.truncated_share(2, which="summary") == 1.0
    with pytest.raises(ValueError):
        stats.truncated_share(10, "both")


def test_length_stats_without_maximums_and_custom_percentiles(word_tokenizer):
    stats = length_stats([_words(10), _words(20)], None, word_tokenizer, percentiles=(0, 100, 50.5))
    assert stats.truncated_inputs is None and stats.truncated_targets is None
    assert stats.text_percentiles == {0: 10.0, 100: 20.0, 50.5: pytest.approx(15.05)}
    assert stats.summary_lengths == [] and stats.summary_percentiles == {
        0: 0.0,
        100: 0.0,
        50.5: 0.0,
    }
    assert stats.suggested_max_target_length == 8


def test_length_stats_samples_deterministically(word_tokenizer):
    texts = [_words(1 + i % 300) for i in range(3000)]
    summaries = [_words(1 + i % 40) for i in range(3000)]
    first = length_stats(texts, summaries, word_tokenizer, sample_size=500, seed=3)
    again = length_stats(texts, summaries, word_tokenizer, sample_size=500, seed=3)
    other = length_stats(texts, summaries, word_tokenizer, sample_size=500, seed=4)
    assert first.rows == 3000 and first.measured == 500
    assert len(first.text_lengths) == len(first.summary_lengths) == 500
    assert (
        first.text_lengths == again.text_lengths and first.summary_lengths == again.summary_lengths
    )
    assert first.text_lengths != other.text_lengths
    # Texts and summaries are sampled as pairs (row i has i % 300 + 1 and i % 40 + 1 words).
    pairs = set(zip(first.text_lengths, first.summary_lengths))
    possible = {(1 + i % 300, 1 + i % 40) for i in range(3000)}
    assert pairs <= possible


def test_length_stats_counts_special_tokens(offline_tokenizer):
    stats = length_stats(["El niño comió."], ["Comió."], offline_tokenizer)
    assert stats.text_lengths == [len(offline_tokenizer("El niño comió.")["input_ids"])]
    assert offline_tokenizer("El niño comió.")["input_ids"][-1] == offline_tokenizer.eos_token_id


def test_suggest_max_length_rounding_and_bounds():
    assert suggest_max_length([16] * 10, 16, 1024) == 16
    assert suggest_max_length([17] * 10, 16, 1024) == 24
    assert suggest_max_length([3] * 10, 8, 256) == 8
    assert suggest_max_length([5000] * 10, 16, 1024) == 1024
    assert suggest_max_length([300] * 10, 8, 256) == 256
    assert suggest_max_length([], 16, 1024) == 16


def test_suggested_lengths_are_capped(word_tokenizer):
    stats = length_stats([_words(1100)] * 3, [_words(300)] * 3, word_tokenizer)
    assert stats.suggested_max_input_length == 1024
    assert stats.suggested_max_target_length == 256


def test_tokenize_for_model_is_the_features_function():
    assert tokenize_for_model is features.tokenize_splits


# ---------------------------------------------------------- grouping and the English-only tokenizer


def test_piece_groups_join_the_tokens_of_one_character(byte_level_tokenizer):
    from widgets_llm.engine.tokens import piece_groups

    text = "señor 😀 mañana"
    pieces = token_pieces(text, byte_level_tokenizer)
    groups = piece_groups(pieces)
    assert [p for g in groups for p in g.pieces] == pieces  # nothing lost, order kept
    assert "".join(g.text for g in groups if not g.special) == text  # each character once
    emoji = [g for g in groups if "😀" in g.text]
    assert len(emoji) == 1 and len(emoji[0].pieces) == 4 and emoji[0].partial
    assert emoji[0].ids == [p.id for p in pieces if p.text == "😀"]
    assert all(len(g.pieces) == 1 for g in groups if not g.partial)


def test_piece_groups_leave_whole_tokens_alone(offline_tokenizer):
    from widgets_llm.engine.tokens import piece_groups

    pieces = token_pieces(MIXED_TEXT, offline_tokenizer)
    groups = piece_groups(pieces)
    assert [g.pieces for g in groups] == [(p,) for p in pieces]
    assert [g.visible_text for g in groups] == [p.visible_text for p in pieces]
    assert groups[-1].special and groups[-1].text == "</s>"
    assert piece_groups([]) == []


def test_english_only_tokenizer_loses_spanish_letters(offline_tokenizer):
    from widgets_llm.engine.models import unknown_spanish_letters
    from widgets_llm.engine.tokens import english_only_tokenizer

    english = english_only_tokenizer()
    text = "Rodríguez comió ñoquis"
    result = compare_tokenizers(text, {"es": offline_tokenizer, "en": english})
    assert result["es"].unknown_count == 0
    assert result["en"].unknown_count == 3 and result["en"].unknown_characters == ["í", "ó", "ñ"]
    assert [p.text for p in result["en"].pieces if p.unknown] == ["í", "ó", "ñ"]
    assert set(unknown_spanish_letters(english)) == set("á é í ó ú ñ ü ¿ ¡ Á É Í Ó Ú Ñ".split())
    assert english("hi")["input_ids"][-1] == english.eos_token_id  # ends texts like the offline one
    assert (
        english.decode(english("The city council")["input_ids"], skip_special_tokens=True)
        == "The city council"
    )
    # Learning from Spanish texts removes their accents first: still nothing non-ASCII.
    folded = english_only_tokenizer(SPANISH_TEXTS, vocab_size=300)
    assert all(
        ch.isascii() or ch == "▁"
        for token in folded.get_vocab()
        if not token.startswith("<")
        for ch in token
    )
    assert "ñ" in compare_tokenizers("niño", {"f": folded})["f"].unknown_characters
