"""What a tokenizer does to a text: the pieces a learner sees, and length statistics.

Three questions a beginner meets before training, answered with plain data:

- *How does the model read my text?* :func:`token_pieces` cuts a text into tokens, each with
  the characters of the original text it stands for (the token visualizer draws these).
- *Why does a Spanish tokenizer matter?* :func:`compare_tokenizers` puts several tokenizers
  side by side: how many tokens, how many unknown, how many characters each token carries.
- *How long should inputs and summaries be?* :func:`length_stats` measures the token lengths
  of the data set, the share that a given maximum would cut, and suggests maximums.

How spaces are shown
--------------------
Tokenizers mark "a space comes before this token" in their own way: SentencePiece/Metaspace
tokenizers (T5, mT5, the offline model) write ``"▁"``, byte-level ones (GPT-2, BART, Qwen)
write ``"Ġ"``, WordPiece ones (BERT) mark the opposite, ``"##"`` for "no space before".
:attr:`TokenPiece.text` turns these marks into a **plain space** (``"▁casa"`` → ``" casa"``),
so that joining the texts of the pieces gives the text back (SentencePiece adds one space
before the first word; a character split over several byte tokens shows in each of them:
see :attr:`TokenPiece.partial`). Widgets that need the space to be *visible* use
:attr:`TokenPiece.visible_text`, which draws spaces as :data:`SPACE_MARKER` (``"␣"``) and
line breaks as :data:`NEWLINE_MARKER` (``"↵"``).
"""

from __future__ import annotations

import logging
import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from .features import tokenize_splits

logger = logging.getLogger(__name__)

__all__ = [
    "SPACE_MARKER",
    "NEWLINE_MARKER",
    "TokenPiece",
    "TokenSummary",
    "LengthStats",
    "token_pieces",
    "compare_tokenizers",
    "length_stats",
    "suggest_max_length",
    "tokenize_for_model",
    "PieceGroup",
    "piece_groups",
    "ENGLISH_SAMPLE_TEXTS",
    "english_only_tokenizer",
]

#: How a space is drawn where it must be seen (visible_text).
SPACE_MARKER = "␣"
#: How a line break is drawn where it must be seen (visible_text).
NEWLINE_MARKER = "↵"
#: The word-boundary mark of SentencePiece/Metaspace tokenizers.
METASPACE = "▁"

#: Byte-fallback tokens of SentencePiece tokenizers (Llama, some mT5 variants): ``<0xE2>``.
_BYTE_FALLBACK = re.compile(r"^<0x([0-9A-Fa-f]{2})>$")

#: The same job as features.tokenize_splits: tokenized train/validation/test for a model.
tokenize_for_model = tokenize_splits


# --------------------------------------------------------------------------- pieces


@dataclass(frozen=True)
class TokenPiece:
    """One token of a text, as the token visualizer draws it.

    Attributes
    ----------
    text:
        What the token says, as a person reads it. The tokenizer's space mark (``"▁"``,
        ``"Ġ"``) becomes a plain space. An unknown token shows the original characters it
        replaced (``"😀"``, not ``"<unk>"``); so does a token that holds only some bytes of a
        character (see ``partial``). A special token shows its own name (``"</s>"``).
    token:
        The raw token string from the vocabulary (``"▁señor"``, ``"ĠseÃ±or"``).
    id:
        The token's number in the vocabulary: what the model actually receives.
    start, end:
        Characters of the original text this token stands for: ``original[start:end]``.
        A space that the tokenizer invented (SentencePiece puts one before the first word)
        is not in the original, so it is not in the span. Special tokens have
        ``start == end`` (they stand for no character). ``None`` when the tokenizer cannot
        tell (slow tokenizers).
    special:
        A marker the tokenizer adds (end of text, padding...), not part of the text.
    unknown:
        The tokenizer's "unknown" token: the characters it stands for are lost for the model.
    partial:
        The token holds only part of the bytes of a character (byte-level tokenizers split an
        emoji or an Arabic letter into several tokens); every such token shows the whole
        character.
    """

    text: str
    token: str
    id: int
    start: int | None
    end: int | None
    special: bool = False
    unknown: bool = False
    partial: bool = False

    @property
    def visible_text(self) -> str:
        """``text`` with spaces drawn as ``"␣"`` and line breaks as ``"↵"``."""
        return self.text.replace(" ", SPACE_MARKER).replace("\n", NEWLINE_MARKER)


@dataclass(frozen=True)
class _Scheme:
    """How one tokenizer writes its tokens (found once per tokenizer)."""

    byte_level: bool = False
    wordpiece_prefix: str | None = None


def token_pieces(text: str, tokenizer, *, add_special_tokens: bool = True) -> list[TokenPiece]:
    """Cut ``text`` into the tokens ``tokenizer`` gives the model, with their place in it.

    Parameters
    ----------
    text:
        The text to look at.
    tokenizer:
        A ``transformers`` tokenizer. Fast tokenizers give character offsets; slow ones give
        pieces with ``start``/``end`` set to ``None``.
    add_special_tokens:
        Include the markers the model sees around the text (end of text...).

    Returns
    -------
    list of TokenPiece
        In the order the model reads them.
    """
    text = text or ""
    scheme = _scheme_of(tokenizer)
    unk_id = getattr(tokenizer, "unk_token_id", None)
    offsets: list[tuple[int, int]] | None = None
    try:
        if not getattr(tokenizer, "is_fast", False):
            raise NotImplementedError
        encoded = tokenizer(
            text,
            add_special_tokens=add_special_tokens,
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
        )
        offsets = [tuple(pair) for pair in encoded["offset_mapping"]]
    except (NotImplementedError, ValueError, TypeError):
        # Slow tokenizers know no offsets; the pieces still show what the model reads.
        encoded = tokenizer(
            text, add_special_tokens=add_special_tokens, return_special_tokens_mask=True
        )
    ids = list(encoded["input_ids"])
    special_mask = encoded.get("special_tokens_mask") or [0] * len(ids)
    special_ids = set(getattr(tokenizer, "all_special_ids", []) or [])
    tokens = tokenizer.convert_ids_to_tokens(ids)

    pieces: list[TokenPiece] = []
    previous_end = 0
    for index, (token_id, token) in enumerate(zip(ids, tokens)):
        token = token if isinstance(token, str) else str(token)
        is_special = bool(special_mask[index]) or (token_id in special_ids and token_id != unk_id)
        is_unknown = unk_id is not None and token_id == unk_id
        if is_special and not is_unknown:
            # A marker stands for no character: place it where it occurs in the text.
            position = previous_end if offsets is not None else None
            pieces.append(TokenPiece(token, token, token_id, position, position, special=True))
            continue
        surface, partial = _surface(token, scheme)
        start = end = None
        if offsets is not None:
            start, end = offsets[index]
            if _starts_word(token, scheme) and 0 < start <= len(text) and text[start - 1].isspace():
                surface = (
                    text[start - 1] + surface
                )  # WordPiece keeps no spaces: show the one before a word
            start, end = _fix_span(text, surface, start, end)
            previous_end = end
            if is_unknown or partial:
                surface = text[start:end] or surface
        elif is_unknown:
            surface = token
        pieces.append(
            TokenPiece(surface, token, token_id, start, end, unknown=is_unknown, partial=partial)
        )
    return pieces


def _scheme_of(tokenizer) -> _Scheme:
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:
        try:
            parts = []
            for component in (backend.decoder, backend.pre_tokenizer):
                if component is not None:
                    parts.append(component.__getstate__().decode("utf-8", "replace"))
            return _scheme_from_json("".join(parts))
        except Exception:  # an exotic backend: treat tokens as plain text
            logger.info("unknown tokenizer backend; tokens shown as plain text", exc_info=True)
            return _Scheme()
    # Slow tokenizers: GPT-2 style ones carry the byte map; WordPiece ones a "##" prefix.
    if hasattr(tokenizer, "byte_decoder"):
        return _Scheme(byte_level=True)
    if hasattr(tokenizer, "wordpiece_tokenizer"):
        return _Scheme(wordpiece_prefix="##")
    return _Scheme()


@lru_cache(maxsize=64)
def _scheme_from_json(description: str) -> _Scheme:
    byte_level = '"ByteLevel"' in description
    match = re.search(r'"type"\s*:\s*"WordPiece"\s*,\s*"prefix"\s*:\s*"([^"]*)"', description)
    return _Scheme(byte_level=byte_level, wordpiece_prefix=match.group(1) if match else None)


@lru_cache(maxsize=1)
def _unicode_to_byte() -> dict[str, int]:
    """GPT-2's map from the printable characters of byte-level tokens back to bytes."""
    printable = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    codes = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return {chr(code): byte for byte, code in zip(printable, codes)}


def _surface(token: str, scheme: _Scheme) -> tuple[str, bool]:
    """(readable text, is only part of a character) of one raw token."""
    byte_match = _BYTE_FALLBACK.match(token)
    if byte_match:
        return _decode_bytes(bytes([int(byte_match.group(1), 16)]))
    if scheme.byte_level:
        table = _unicode_to_byte()
        if all(ch in table for ch in token):
            return _decode_bytes(bytes(table[ch] for ch in token))
    if scheme.wordpiece_prefix and token.startswith(scheme.wordpiece_prefix):
        return token[len(scheme.wordpiece_prefix) :], False
    return token.replace(METASPACE, " "), False


def _starts_word(token: str, scheme: _Scheme) -> bool:
    return scheme.wordpiece_prefix is not None and not token.startswith(scheme.wordpiece_prefix)


def _decode_bytes(data: bytes) -> tuple[str, bool]:
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True


def _fix_span(text: str, surface: str, start: int, end: int) -> tuple[int, int]:
    """Make ``text[start:end]`` cover exactly the characters a token stands for.

    Tokenizers disagree about the space before a word: byte-level ones leave it out of the
    span ("Ġseñor" → "señor"), Metaspace ones include it, and the space SentencePiece
    invents before the first word is mapped onto the first character. A span that includes
    the real space and only it is what the visualizer needs.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    if not surface[:1].isspace():
        return start, end
    if text[start : start + 1].isspace() and start < end:
        return start, end
    if start > 0 and text[start - 1].isspace():
        return start - 1, max(end, start)  # the space was trimmed from the span
    if not surface.strip():
        return start, start  # an invented space: no character of the text
    return start, end


@dataclass(frozen=True)
class PieceGroup:
    """Tokens a reader sees as one chip: usually one token, or the several tokens that share
    the bytes of one character (see :func:`piece_groups`).

    Attributes
    ----------
    pieces: the tokens, in order (one or more).
    text: what the group says, each character of the original text once.
    """

    pieces: tuple[TokenPiece, ...]
    text: str

    @property
    def ids(self) -> list[int]:
        return [piece.id for piece in self.pieces]

    @property
    def special(self) -> bool:
        return self.pieces[0].special

    @property
    def unknown(self) -> bool:
        return any(piece.unknown for piece in self.pieces)

    @property
    def partial(self) -> bool:
        """More than one token for some character of the text."""
        return any(piece.partial for piece in self.pieces)

    @property
    def start(self) -> int | None:
        return self.pieces[0].start

    @property
    def end(self) -> int | None:
        ends = [piece.end for piece in self.pieces if piece.end is not None]
        return max(ends) if ends else None

    @property
    def visible_text(self) -> str:
        """``text`` with spaces drawn as ``"␣"`` and line breaks as ``"↵"``."""
        return self.text.replace(" ", SPACE_MARKER).replace("\n", NEWLINE_MARKER)


def piece_groups(pieces: Sequence[TokenPiece]) -> list[PieceGroup]:
    """Pieces grouped as a reader sees them: one group per token, except that tokens holding
    parts of the same character (``partial``, overlapping spans) form one group.

    A byte-level tokenizer cuts "😀" into several tokens that each show the whole emoji, and
    "ño" into "ñ" (first byte) + "ño" (second byte and "o"); drawing each such run as one chip
    (with all its ids) reads better than "😀😀😀😀" or "ñ ño". Pieces without a span (slow
    tokenizers) and special tokens are never grouped.

    Parameters
    ----------
    pieces: as :func:`token_pieces` returns them.

    Returns
    -------
    list of PieceGroup
        In order; their pieces, joined, are ``pieces``.
    """
    groups: list[list[TokenPiece]] = []
    for piece in pieces:
        if groups and _shares_a_character(groups[-1], piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return [PieceGroup(tuple(group), _group_text(group)) for group in groups]


def _shares_a_character(group: list[TokenPiece], piece: TokenPiece) -> bool:
    last = group[-1]
    if piece.special or last.special or piece.start is None or last.start is None:
        return False
    if not (piece.partial or last.partial) or piece.start >= piece.end:
        return False
    return piece.start < max(p.end for p in group)


def _group_text(group: list[TokenPiece]) -> str:
    text = group[0].text
    covered = group[0].end
    for piece in group[1:]:
        extra = piece.end - covered
        if extra > 0:
            text += piece.text[-extra:]
            covered = piece.end
    return text


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class TokenSummary:
    """How one tokenizer cuts one text.

    Attributes
    ----------
    pieces: the tokens (special markers left out: they are the same for every text).
    count: number of tokens.
    unknown_count: tokens that are the unknown token (their characters are lost).
    unknown_characters: the original characters lost that way, each once, in order.
    chars_per_token: characters of the text per token (higher: the tokenizer knows the
        language's words and spends fewer tokens, so more text fits in the model).
    tokens_per_word: tokens per word (1 is ideal; words cut in many pieces cost more).
    """

    pieces: list[TokenPiece]
    count: int
    unknown_count: int
    unknown_characters: list[str]
    chars_per_token: float
    tokens_per_word: float


def summarize_tokens(text: str, tokenizer) -> TokenSummary:
    """A :class:`TokenSummary` of ``text`` cut by ``tokenizer``."""
    pieces = token_pieces(text, tokenizer, add_special_tokens=False)
    unknown = [p for p in pieces if p.unknown]
    lost: list[str] = []
    for piece in unknown:
        for ch in piece.text if piece.start is not None else "":
            if not ch.isspace() and ch not in lost:
                lost.append(ch)
    count = len(pieces)
    words = len(text.split())
    return TokenSummary(
        pieces=pieces,
        count=count,
        unknown_count=len(unknown),
        unknown_characters=lost,
        chars_per_token=len(text) / count if count else 0.0,
        tokens_per_word=count / words if words else 0.0,
    )


def compare_tokenizers(text: str, tokenizers: Mapping[str, Any]) -> dict[str, TokenSummary]:
    """Cut one text with several tokenizers, to see which one knows the language.

    Parameters
    ----------
    text: the text to compare on (a sentence with accents, ñ, ¿ ¡ makes the point).
    tokenizers: ``{name shown to the user: tokenizer}``.

    Returns
    -------
    dict
        ``{name: TokenSummary}`` in the order given.
    """
    return {name: summarize_tokens(text, tokenizer) for name, tokenizer in tokenizers.items()}


# --------------------------------------------------------------------------- lengths

#: Suggested maximums are multiples of this (hardware pads to it efficiently).
LENGTH_MULTIPLE = 8
#: Bounds of the suggested maximum input length, in tokens.
INPUT_LENGTH_BOUNDS = (16, 1024)
#: Bounds of the suggested maximum summary length, in tokens.
TARGET_LENGTH_BOUNDS = (8, 256)


@dataclass
class LengthStats:
    """Token lengths of a data set's texts and summaries.

    Attributes
    ----------
    text_lengths, summary_lengths: token length of every measured row (for a histogram).
    text_percentiles, summary_percentiles: ``{percentile: tokens}``.
    rows: rows in the data set; ``measured``: rows measured (a sample when there are many).
    max_input_length, max_target_length: the maximums the shares below were computed for.
    truncated_inputs, truncated_targets: share (0-1) of texts / summaries longer than those
        maximums, which training will cut; ``None`` when no maximum was given.
    suggested_max_input_length, suggested_max_target_length: the 95th percentile rounded up
        to a multiple of 8, within 16-1024 tokens (texts) and 8-256 tokens (summaries).
    """

    text_lengths: list[int]
    summary_lengths: list[int]
    text_percentiles: dict[int, float]
    summary_percentiles: dict[int, float]
    rows: int
    measured: int
    max_input_length: int | None
    max_target_length: int | None
    truncated_inputs: float | None
    truncated_targets: float | None
    suggested_max_input_length: int
    suggested_max_target_length: int

    def truncated_share(self, max_length: int, which: str = "text") -> float:
        """Share (0-1) of texts (``which="text"``) or summaries (``"summary"``) longer than
        ``max_length`` tokens: what a length slider shows as it moves."""
        lengths = self._lengths(which)
        return _share_over(lengths, max_length)

    def _lengths(self, which: str) -> list[int]:
        if which in ("text", "input", "inputs", "texts"):
            return self.text_lengths
        if which in ("summary", "target", "targets", "summaries"):
            return self.summary_lengths
        raise ValueError(f"which must be 'text' or 'summary', not {which!r}")


def length_stats(
    texts: Sequence[str],
    summaries: Sequence[str] | None,
    tokenizer,
    *,
    max_input_length: int | None = None,
    max_target_length: int | None = None,
    percentiles: Iterable[float] = (50, 90, 95, 99),
    sample_size: int = 2000,
    seed: int = 0,
) -> LengthStats:
    """Token lengths of texts and summaries, and the maximum lengths they suggest.

    Parameters
    ----------
    texts, summaries:
        The two columns, row by row (``summaries`` may be ``None`` or empty).
    tokenizer:
        The model's tokenizer; lengths include its special tokens (end of text), as the model
        sees them. A seq2seq prefix or a causal prompt adds a few tokens more.
    max_input_length, max_target_length:
        Maximums to report the truncated shares for.
    percentiles:
        Which percentiles to report.
    sample_size:
        At most this many rows are measured, chosen at random with ``seed`` (the same rows
        every time), so that a large file is measured in a moment.
    """
    texts = list(texts)
    summaries = list(summaries) if summaries is not None else []
    rows = len(texts)
    indices = list(range(rows))
    if sample_size is not None and rows > sample_size:
        indices = sorted(random.Random(seed).sample(indices, sample_size))
    text_lengths = _token_lengths([texts[i] for i in indices], tokenizer)
    summary_lengths = _token_lengths(
        [summaries[i] for i in indices if i < len(summaries)], tokenizer
    )
    wanted = list(percentiles)
    return LengthStats(
        text_lengths=text_lengths,
        summary_lengths=summary_lengths,
        text_percentiles=_percentiles(text_lengths, wanted),
        summary_percentiles=_percentiles(summary_lengths, wanted),
        rows=rows,
        measured=len(indices),
        max_input_length=max_input_length,
        max_target_length=max_target_length,
        truncated_inputs=None
        if max_input_length is None
        else _share_over(text_lengths, max_input_length),
        truncated_targets=None
        if max_target_length is None
        else _share_over(summary_lengths, max_target_length),
        suggested_max_input_length=suggest_max_length(text_lengths, *INPUT_LENGTH_BOUNDS),
        suggested_max_target_length=suggest_max_length(summary_lengths, *TARGET_LENGTH_BOUNDS),
    )


def suggest_max_length(
    lengths: Sequence[int], minimum: int, maximum: int, *, percentile: float = 95
) -> int:
    """The ``percentile`` of ``lengths`` rounded up to a multiple of 8, within bounds."""
    if not len(lengths):
        return minimum
    value = _percentiles(lengths, [percentile])[_key(percentile)]
    rounded = int(math.ceil(value / LENGTH_MULTIPLE - 1e-9)) * LENGTH_MULTIPLE
    return max(minimum, min(maximum, rounded))


def _token_lengths(texts: list[Any], tokenizer) -> list[int]:
    if not texts:
        return []
    clean = [value if isinstance(value, str) else "" for value in texts]
    # One batched call: a fast tokenizer cuts thousands of texts in parallel.
    encoded = tokenizer(clean, add_special_tokens=True, return_attention_mask=False)
    return [len(ids) for ids in encoded["input_ids"]]


def _key(percentile: float) -> float | int:
    return int(percentile) if float(percentile).is_integer() else float(percentile)


def _percentiles(lengths: Sequence[int], wanted: list[float]) -> dict:
    import numpy as np

    if not len(lengths):
        return {_key(p): 0.0 for p in wanted}
    values = np.percentile(np.asarray(lengths, dtype=float), wanted)
    return {_key(p): float(v) for p, v in zip(wanted, values)}


def _share_over(lengths: Sequence[int], max_length: int) -> float:
    if not len(lengths):
        return 0.0
    return sum(1 for length in lengths if length > max_length) / len(lengths)


# ------------------------------------------------------------------------ an English-only tokenizer

#: A few plain English sentences: what :func:`english_only_tokenizer` learns from by default.
ENGLISH_SAMPLE_TEXTS: tuple[str, ...] = (
    "The weather will be sunny in the morning and cloudy in the afternoon.",
    "The city council approved a new park next to the river on Tuesday.",
    "Scientists found that the old bridge needs repairs before the winter.",
    "The local team won the final match after a long and difficult season.",
    "Prices at the market went up again this month, and families are worried.",
    "A new library opened downtown with free classes for children and adults.",
    "The company said it will hire more workers to build the new factory.",
    "Heavy rain caused floods in several towns, and some roads were closed.",
    "The museum will show paintings from the last century until next summer.",
    "Students at the school planted trees and cleaned the beach on Saturday.",
    "The president met with other leaders to talk about trade and energy.",
    "Doctors recommend walking every day and eating more fruit and vegetables.",
    "The train to the airport was late because of a problem with the signals.",
    "Farmers expect a good harvest this year thanks to the warm spring.",
    "The film tells the story of a young woman who travels across the country.",
    "Researchers are testing a cheaper battery for electric cars and buses.",
    "The restaurant was full every night after the newspaper wrote about it.",
    "Volunteers collected food and clothes for the people who lost their homes.",
    "The new phone is faster, but many users say the battery does not last.",
    "Tourists visited the castle, the old market and the gardens by the lake.",
    "The report says that more people now work from home at least one day a week.",
    "Police asked drivers to avoid the main road while workers fix the tunnel.",
    "The orchestra played music by famous composers in the concert hall.",
    "Children learn to read faster when their parents read stories with them.",
)

#: Characters an English-only tokenizer knows: printable ASCII (no á, ñ, ¿, ¡ ...).
ASCII_ALPHABET = "".join(chr(code) for code in range(33, 127))


def english_only_tokenizer(texts: Iterable[str] | None = None, vocab_size: int = 600):
    """A tiny tokenizer that knows only English letters, to show offline why Spanish needs its own.

    Hub tokenizers trained on English (T5, Flan-T5) cannot be downloaded without a connection;
    this one behaves like them where it matters: its alphabet is printable ASCII, so every
    accented letter, ``ñ``, ``¿`` and ``¡`` becomes the unknown token (``"Rodríguez"`` →
    ``"Rodr"``, ``<unk>``, ``"guez"``), and Spanish words are cut into many small pieces.
    It is built like the offline model's tokenizer (BPE + Metaspace, ``</s>`` at the end),
    so the two compare fairly.

    Parameters
    ----------
    texts:
        Texts to learn the vocabulary from; accents are removed first (``"comió"`` →
        ``"comio"``) and any other non-ASCII character dropped. Defaults to
        :data:`ENGLISH_SAMPLE_TEXTS`.
    vocab_size:
        Largest vocabulary (small texts give fewer pieces).

    Returns
    -------
    transformers.PreTrainedTokenizerFast
        With ``<pad>``, ``</s>`` and ``<unk>`` special tokens.
    """
    import unicodedata

    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    from .models import EOS, PAD, UNK

    source = ENGLISH_SAMPLE_TEXTS if texts is None else texts
    ascii_texts = [
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        for text in source
        if isinstance(text, str)
    ]
    # No normalizer: an "í" typed by the user must stay "í" and meet the unknown token,
    # as in an English hub tokenizer (stripping accents would hide the problem).
    backend = Tokenizer(models.BPE(unk_token=UNK))
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(
        show_progress=False,
        vocab_size=vocab_size,
        special_tokens=[PAD, EOS, UNK],
        initial_alphabet=list(ASCII_ALPHABET),
        limit_alphabet=len(ASCII_ALPHABET) + 1,  # the "▁" word mark and ASCII, nothing more
    )
    backend.train_from_iterator(ascii_texts, trainer=trainer)
    eos_id = backend.token_to_id(EOS)
    backend.post_processor = processors.TemplateProcessing(
        single=f"$A {EOS}", pair=f"$A {EOS} $B {EOS}", special_tokens=[(EOS, eos_id)]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=backend, pad_token=PAD, eos_token=EOS, unk_token=UNK
    )
