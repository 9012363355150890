"""Models: a curated catalog, loading from the hub or a folder, and a small offline model.

Two architectures are supported, both for summarization:

- ``seq2seq`` (T5, BART...): the text goes to the encoder, the summary comes out of the decoder.
- ``causal`` (GPT-2, Llama, Qwen...): the model reads a prompt (text, then "Resumen:") and
  continues it with the summary.

With no connection, :func:`build_offline_model` creates a small model from a configuration with
a tokenizer trained on the user's own texts, so the whole path works offline.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Literal

from ..errors import ModelError
from ..messages import t
from .lease import ModelLease

logger = logging.getLogger(__name__)

Architecture = Literal["seq2seq", "causal"]

#: Prompt for decoder-only models: the loss is computed on the summary tokens only.
CAUSAL_PROMPT_TEMPLATE = "Texto: {text}\nResumen:"
#: Separator between the prompt and the summary for decoder-only models.
CAUSAL_SUMMARY_SEPARATOR = " "

SPANISH_CHECK_LETTERS = "á é í ó ú ñ ü ¿ ¡ Á É Í Ó Ú Ñ"

PAD, EOS, UNK, BOS = "<pad>", "</s>", "<unk>", "<s>"


@dataclass(frozen=True)
class CatalogEntry:
    """A model suited to beginners, with what a user needs to choose it.

    Attributes
    ----------
    model_id: hub id.
    architecture: ``"seq2seq"`` or ``"causal"``.
    params_millions: number of parameters, in millions.
    languages: languages it knows, in plain words.
    spanish: whether its tokenizer and training cover Spanish well.
    license: licence name.
    note: key of a catalog message describing it.
    """

    model_id: str
    architecture: Architecture
    params_millions: float
    languages: str
    spanish: bool
    license: str
    note: str

    def cost(self):
        """What fine-tuning it and writing summaries cost, measured on a 2-core CPU at full size.

        A :class:`~widgets_llm.engine.catalog_cost.CatalogCost` (seconds per step and peak
        memory, full and LoRA; seconds per summary), or ``None`` for an entry never measured.
        """
        from .catalog_cost import measured_cost

        return measured_cost(self.model_id)

    def memory_gb(self, lora: bool = False) -> float:
        """Peak memory of fine-tuning it with the "fast" preset, in GiB.

        Measured (the whole training process, Python and libraries included; see
        :mod:`.catalog_cost`); a rough estimate from the parameter count if never measured.
        """
        cost = self.cost()
        if cost is not None:
            return cost.peak_gb(lora)
        return estimate_training_memory_gb(self.params_millions * 1e6, lora=lora)

    def binder_fit(self) -> str:
        """Whether it can be fine-tuned on Binder: ``"full"``, ``"lora"`` (only with LoRA) or
        ``"none"``."""
        from .catalog_cost import binder_fit

        return binder_fit(self.memory_gb(lora=False), self.memory_gb(lora=True))

    def binder_advice(self, lang: str | None = None) -> str:
        """One sentence: does fine-tuning it fit in Binder's memory, from the measured peak."""
        from ..formatting import format_gigabytes
        from .catalog_cost import BINDER_MEMORY_GB

        how = t(
            "models.binder.measured" if self.cost() is not None else "models.binder.estimated", lang
        )
        return t(
            f"models.binder.{self.binder_fit()}",
            lang,
            binder=format_gigabytes(BINDER_MEMORY_GB, lang),
            full=format_gigabytes(self.memory_gb(lora=False), lang),
            lora=format_gigabytes(self.memory_gb(lora=True), lang),
            how=how,
        )


CATALOG: tuple[CatalogEntry, ...] = (
    CatalogEntry(
        "flax-community/spanish-t5-small",
        "seq2seq",
        60.5,
        "español",
        True,
        "MIT",
        "models.catalog.spanish_t5_small",
    ),
    CatalogEntry(
        "vgaraujov/bart-base-spanish",
        "seq2seq",
        140,
        "español",
        True,
        "Apache-2.0",
        "models.catalog.bart_base_spanish",
    ),
    CatalogEntry(
        "vgaraujov/t5-base-spanish",
        "seq2seq",
        248,
        "español",
        True,
        "Apache-2.0",
        "models.catalog.t5_base_spanish",
    ),
    CatalogEntry(
        "LeoCordoba/mt5-small-mlsum",
        "seq2seq",
        300,
        "español (ya resume noticias)",
        True,
        "Apache-2.0",
        "models.catalog.mt5_mlsum",
    ),
    CatalogEntry(
        "google/mt5-small",
        "seq2seq",
        300,
        "101 idiomas",
        True,
        "Apache-2.0",
        "models.catalog.mt5_small",
    ),
    CatalogEntry(
        "huggingface-course/mt5-small-finetuned-amazon-en-es",
        "seq2seq",
        300,
        "inglés y español",
        True,
        "Apache-2.0",
        "models.catalog.mt5_course",
    ),
    CatalogEntry(
        "google/flan-t5-small",
        "seq2seq",
        77,
        "inglés",
        False,
        "Apache-2.0",
        "models.catalog.flan_t5_small",
    ),
    CatalogEntry(
        "HuggingFaceTB/SmolLM2-135M-Instruct",
        "causal",
        135,
        "inglés",
        False,
        "Apache-2.0",
        "models.catalog.smollm2",
    ),
    CatalogEntry(
        "Qwen/Qwen2.5-0.5B-Instruct",
        "causal",
        494,
        "29+ idiomas, incluido español",
        True,
        "Apache-2.0",
        "models.catalog.qwen25",
    ),
)

#: Offline model sizes: (architecture, size) -> configuration values.
OFFLINE_SIZES: dict[str, dict[str, Any]] = {
    # Tiny: for tests and a first try; trains in seconds.
    "mini": {"d_model": 64, "layers": 2, "heads": 4, "d_ff": 256, "vocab_size": 2000},
    # Small: the default; learns something from a few hundred pairs in minutes on a laptop.
    "pequeno": {"d_model": 128, "layers": 3, "heads": 4, "d_ff": 512, "vocab_size": 4000},
    # Medium: better with thousands of pairs; fits Binder's memory.
    "mediano": {"d_model": 256, "layers": 4, "heads": 8, "d_ff": 1024, "vocab_size": 8000},
}
DEFAULT_OFFLINE_SIZE = "pequeno"


@dataclass
class ModelSource:
    """How to get a base model back on a later day (recorded in every run folder).

    ``kind`` is ``"hub"`` (``name`` is a hub id), ``"local"`` (``name`` is a folder) or
    ``"offline"`` (``name`` is the offline size; the initial weights are saved in the run).
    """

    kind: Literal["hub", "local", "offline"]
    name: str
    architecture: Architecture

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class ModelBundle:
    """A model with its tokenizer and what the engine needs to feed it.

    Attributes
    ----------
    model: a ``transformers`` model (``AutoModelForSeq2SeqLM`` or ``AutoModelForCausalLM``).
    tokenizer: its fast tokenizer.
    architecture: ``"seq2seq"`` or ``"causal"``.
    source: where the model came from.
    prefix: text put before every input (``"summarize: "`` for T5 checkpoints that expect it).
    extra: what the engine remembers about the model (its initial weights, after a warm-up...).
    lease: the model's :class:`~.lease.ModelLease`; work on the model holds it.
    """

    model: Any
    tokenizer: Any
    architecture: Architecture
    source: ModelSource
    prefix: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: Held by whatever uses the model (training, estimating, generating...): one at a time.
    lease: ModelLease = field(default_factory=ModelLease, repr=False, compare=False)

    def num_parameters(self, trainable_only: bool = False) -> int:
        params = self.model.parameters()
        return sum(p.numel() for p in params if p.requires_grad or not trainable_only)

    def label(self, lang: str | None = None) -> str:
        if self.source.kind == "offline":
            return t(
                "models.offline.label",
                lang,
                architecture=t(f"models.architecture.{self.architecture}", lang),
                size=t(f"models.offline.size.{self.source.name}", lang),
                params=format_parameter_count(self.num_parameters(), lang),
            )
        return self.source.name


def is_lora_bundle(bundle: ModelBundle) -> bool:
    """Whether ``bundle``'s model is wrapped with a (peft) LoRA adapter."""
    return hasattr(bundle.model, "peft_config") and hasattr(bundle.model, "disable_adapter")


def format_parameter_count(count: float, lang: str | None = None) -> str:
    """A number of parameters as a person reads it: ``60,5 M`` in Spanish, ``60.5 M`` in English."""
    from ..formatting import format_number

    if count >= 1e9:
        return f"{format_number(count / 1e9, 1, lang)} B"
    if count >= 1e6:
        return f"{format_number(count / 1e6, 1, lang)} M"
    return f"{format_number(count / 1e3, 0, lang)} k"


def estimate_training_memory_gb(num_parameters: float, lora: bool = False) -> float:
    """Rough peak memory of fine-tuning a model known only by its parameter count, in GiB.

    The formula of :mod:`.cost` on a T5-like shape guessed from the count
    (:func:`.cost.guess_sizes`), with the "fast" preset's batch and lengths, in fp32 (the
    precision of a machine without bf16). A model whose sizes are known is better served by
    :func:`.cost.training_memory_gb`, and the catalog's models are measured
    (:meth:`CatalogEntry.cost`).
    """
    from . import cost

    return cost.training_memory_gb(
        cost.guess_sizes(num_parameters),
        lora=lora,
        batch_size=8,
        input_length=128,
        target_length=48,
        precision="fp32",
    )


def catalog_entry(model_id: str) -> CatalogEntry | None:
    return next((e for e in CATALOG if e.model_id == model_id), None)


# --------------------------------------------------------------------------- tokenizer


def train_tokenizer(texts: Iterable[str], vocab_size: int = 4000, *, add_bos: bool = False):
    """Train a BPE tokenizer on the user's texts, keeping accents, ñ and any Unicode letter.

    Metaspace pre-tokenization (as in T5/SentencePiece) lets decoding restore spaces exactly;
    NFC normalization makes "ñ" one character whatever the source encoding produced.
    """
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    specials = [PAD, EOS, UNK] + ([BOS] if add_bos else [])
    tokenizer = Tokenizer(models.BPE(unk_token=UNK))
    tokenizer.normalizer = normalizers.NFC()
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    tokenizer.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(
        show_progress=False,  # its bar prints blank lines outside a terminal
        vocab_size=vocab_size,
        special_tokens=specials,
        min_frequency=2,
        # Every Spanish letter is in the alphabet even if the texts lack it; so is the line
        # break, which the decoder-only prompt contains.
        initial_alphabet=sorted(
            set(
                "abcdefghijklmnopqrstuvwxyzáéíóúüñ¿¡ABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÍÓÚÜÑ0123456789.,;:!?()\"'-%€$\n"
            )
        ),
    )
    tokenizer.train_from_iterator(
        (unicodedata.normalize("NFC", t_) for t_ in texts), trainer=trainer
    )
    from tokenizers import processors

    eos_id = tokenizer.token_to_id(EOS)
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"$A {EOS}", pair=f"$A {EOS} $B {EOS}", special_tokens=[(EOS, eos_id)]
    )
    kwargs = {"bos_token": BOS} if add_bos else {}
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, pad_token=PAD, eos_token=EOS, unk_token=UNK, **kwargs
    )


def unknown_spanish_letters(tokenizer) -> list[str]:
    """Spanish letters that this tokenizer turns into its unknown token (empty when all survive)."""
    unk_id = tokenizer.unk_token_id
    if unk_id is None:  # byte-level tokenizers have no unknown token: everything survives
        return []
    missing = []
    for letter in SPANISH_CHECK_LETTERS.split():
        ids = tokenizer(letter, add_special_tokens=False).input_ids
        if unk_id in ids:
            missing.append(letter)
    return missing


# --------------------------------------------------------------------------- offline model


def build_offline_model(
    texts: Iterable[str],
    architecture: Architecture = "seq2seq",
    size: str = DEFAULT_OFFLINE_SIZE,
    *,
    seed: int = 0,
    tokenizer=None,
) -> ModelBundle:
    """A small model built from a configuration, with a tokenizer trained on ``texts``.

    It works with no connection at all. Its initial weights are random (fixed by ``seed``): it
    knows nothing before training, which makes the effect of fine-tuning easy to see.
    """
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel, T5Config, T5ForConditionalGeneration

    if size not in OFFLINE_SIZES:
        raise ModelError("models.unknown_offline_size", size=size, choices=", ".join(OFFLINE_SIZES))
    # One line per text, as the model reads it (features.readable_texts): no vocabulary
    # pieces glued across line breaks.
    texts = [" ".join(t_.split()) for t_ in texts if isinstance(t_, str) and t_.strip()]
    if tokenizer is None and not texts:
        raise ModelError("models.needs_texts")
    dims = OFFLINE_SIZES[size]
    if tokenizer is None:
        tokenizer = train_tokenizer(texts, dims["vocab_size"], add_bos=architecture == "causal")
    vocab = len(tokenizer)
    torch.manual_seed(seed)
    if architecture == "seq2seq":
        config = T5Config(
            vocab_size=vocab,
            d_model=dims["d_model"],
            d_kv=dims["d_model"] // dims["heads"],
            d_ff=dims["d_ff"],
            num_layers=dims["layers"],
            num_decoder_layers=dims["layers"],
            num_heads=dims["heads"],
            dropout_rate=0.1,
            feed_forward_proj="gated-gelu",
            tie_word_embeddings=True,  # T5 then scales the output layer: sane first losses
            pad_token_id=tokenizer.pad_token_id,
            eos_token_id=tokenizer.eos_token_id,
            decoder_start_token_id=tokenizer.pad_token_id,
        )
        model = T5ForConditionalGeneration(config)
    elif architecture == "causal":
        config = GPT2Config(
            vocab_size=vocab,
            n_positions=1024,
            n_embd=dims["d_model"],
            n_layer=dims["layers"] * 2,
            n_head=dims["heads"],
            n_inner=dims["d_ff"],
            pad_token_id=tokenizer.pad_token_id,
            eos_token_id=tokenizer.eos_token_id,
            bos_token_id=tokenizer.bos_token_id,
        )
        model = GPT2LMHeadModel(config)
    else:
        raise ModelError("models.unsupported_architecture", name="offline", model_type=architecture)
    _set_generation_defaults(model, tokenizer)
    return ModelBundle(model, tokenizer, architecture, ModelSource("offline", size, architecture))


def _set_generation_defaults(model, tokenizer) -> None:
    # Only fill what is missing: a checkpoint's own generation settings may list several end
    # tokens (chat models stop at "<|im_end|>" and at "<|endoftext|>").
    gen = model.generation_config
    if gen.pad_token_id is None:
        gen.pad_token_id = tokenizer.pad_token_id
    if gen.eos_token_id is None:
        gen.eos_token_id = tokenizer.eos_token_id
    if model.config.is_encoder_decoder and gen.decoder_start_token_id is None:
        gen.decoder_start_token_id = model.config.decoder_start_token_id


# --------------------------------------------------------------------------- loading

#: "offline", "offline-t5", "offline-gpt2-mini"...: the offline model, with options.
_OFFLINE_CHOICE = re.compile(r"^offline(-[a-z0-9_]+)*$", re.IGNORECASE)
#: Seconds to wait for the hub before deciding there is no connection.
HUB_PROBE_TIMEOUT_S = 3.0


def parse_model_choice(choice: str) -> tuple[str, str, str]:
    """Split a user's model choice into (kind, name, architecture hint).

    ``"offline"`` / ``"offline-t5"`` / ``"offline-gpt2-mini"`` → offline model;
    an existing folder → local; anything else → hub id.
    """
    text = (choice or "").strip()
    if not text:
        raise ModelError("models.empty_choice")
    if _OFFLINE_CHOICE.match(text):
        architecture = "seq2seq"
        size = DEFAULT_OFFLINE_SIZE
        for part in text.lower().split("-")[1:]:
            if part in ("t5", "seq2seq"):
                architecture = "seq2seq"
            elif part in ("gpt2", "causal"):
                architecture = "causal"
            elif part:
                size = part
        return "offline", size, architecture
    if Path(text).expanduser().is_dir():
        return "local", str(Path(text).expanduser().resolve()), ""
    return "hub", text, ""


def load_model(
    choice: str,
    *,
    texts: Iterable[str] | None = None,
    seed: int = 0,
    local_files_only: bool | None = None,
    on_progress: Callable[[Any], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ModelBundle:
    """Load the model a user chose: ``"offline[-t5|-gpt2][-size]"``, a local folder or a hub id.

    A hub id that cannot be reached raises :class:`ModelError` telling the user plainly and
    offering the offline model. ``trust_remote_code`` is never enabled. ``on_progress`` and
    ``should_stop`` follow the download of a hub model (see :func:`load_pretrained`).
    """
    kind, name, architecture = parse_model_choice(choice)
    if kind == "offline":
        return build_offline_model(texts or [], architecture, name, seed=seed)
    return load_pretrained(
        name,
        kind=kind,
        local_files_only=local_files_only,
        on_progress=on_progress,
        should_stop=should_stop,
    )


def load_pretrained(
    name: str,
    *,
    kind: str = "hub",
    local_files_only: bool | None = None,
    on_progress: Callable[[Any], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ModelBundle:
    """Load a model and tokenizer with ``from_pretrained`` from a hub id or a folder.

    A hub model is first downloaded by :func:`download.download_model`, which reports its
    progress to ``on_progress`` (a :class:`download.DownloadProgress`, a few times a second),
    stops when ``should_stop()`` is true, resumes an interrupted download and downloads nothing
    for a model already in the cache; ``from_pretrained`` then reads the local cache only.
    With no connection (``HF_HUB_OFFLINE=1``, or the hub does not answer within a few seconds)
    only models already downloaded to the cache are used, so a missing model fails at once
    instead of after a minute of retries.
    """
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    local = kind == "local"
    if local and not (Path(name) / "config.json").is_file():
        raise ModelError("models.folder_not_a_model", path=name)
    if local_files_only is None:
        local_files_only = local or _offline_mode() or not hub_reachable()
    # Never run code downloaded with a model: only the architectures transformers ships.
    # from_pretrained never downloads: download_model did, with progress, and the cache folder
    # is given explicitly (huggingface_hub fixed its own when it was imported).
    options: dict[str, Any] = {"trust_remote_code": False, "local_files_only": True}
    model_options: dict[str, Any] = {}
    if not local:
        from .download import download_model, hub_settings

        if not local_files_only:
            download_model(name, on_progress=on_progress, should_stop=should_stop)
        options["cache_dir"] = str(hub_settings().cache_dir)
        # transformers 5 looks for a LoRA adapter_config.json on the Hub even with
        # local_files_only, unless told otherwise here.
        model_options["adapter_kwargs"] = {
            "local_files_only": True,
            "cache_dir": options["cache_dir"],
        }
    try:
        config = AutoConfig.from_pretrained(name, **options)
    except ValueError as exc:  # a model type that needs remote code, or an unknown type
        if "trust_remote_code" in str(exc) or "remote code" in str(exc):
            raise ModelError("models.remote_code_refused", name=name) from exc
        raise ModelError("models.unknown_model_type", name=name) from exc
    except (OSError, ConnectionError) as exc:
        raise _not_found(name, local) from exc
    if config.is_encoder_decoder:
        architecture: Architecture = "seq2seq"
        model_class = AutoModelForSeq2SeqLM
    else:
        architecture = "causal"
        model_class = AutoModelForCausalLM
    try:
        tokenizer = AutoTokenizer.from_pretrained(name, **options)
        model = model_class.from_pretrained(name, **options, **model_options)
    except (ValueError, ImportError) as exc:
        missing = missing_tokenizer_libraries(
            name, local=local, error=exc, cache_dir=options.get("cache_dir")
        )
        if missing:
            raise ModelError(
                "models.tokenizer_library_missing",
                name=name,
                libraries=", ".join(missing),
                packages=" ".join(missing),
            ) from exc
        if isinstance(exc, ImportError):
            raise
        if "trust_remote_code" in str(exc) or "remote code" in str(exc):
            raise ModelError("models.remote_code_refused", name=name) from exc
        raise ModelError(
            "models.unsupported_architecture", name=name, model_type=config.model_type
        ) from exc
    except (OSError, ConnectionError) as exc:
        raise _not_found(name, local) from exc
    if tokenizer.pad_token is None:  # decoder-only checkpoints often ship without one
        tokenizer.pad_token = tokenizer.eos_token
    _set_generation_defaults(model, tokenizer)
    source_kind = "local" if local else "hub"
    return ModelBundle(
        model,
        tokenizer,
        architecture,
        ModelSource(source_kind, name, architecture),
        expected_prefix(config),
    )


#: What transformers needs to read a SentencePiece vocabulary (``spiece.model``...): the pip
#: package and the name transformers checks it by.
SENTENCEPIECE_LIBRARIES = (("sentencepiece", "sentencepiece"), ("protobuf", "protobuf"))


def missing_tokenizer_libraries(
    name: str, *, local: bool, error: BaseException | None = None, cache_dir: str | None = None
) -> list[str]:
    """The pip packages that reading ``name``'s tokenizer needs and that are not installed.

    A checkpoint whose vocabulary is only a SentencePiece file (``spiece.model`` with no
    ``tokenizer.json``, as mT5 checkpoints ship) is converted by transformers with the
    ``sentencepiece`` and ``protobuf`` libraries. When either is missing, transformers 5
    catches the ImportError, falls back to reading the file as a tiktoken vocabulary and fails
    with "tiktoken is required to read a tiktoken file": a message that names the wrong
    library. So the answer here comes from what transformers can import now, and from the
    checkpoint's files (or, failing those, from where ``error`` was raised), never from the
    error's text.
    """
    try:
        from transformers.utils import import_utils
    except ImportError:  # pragma: no cover - transformers is a dependency
        return []
    checks = {
        "sentencepiece": import_utils.is_sentencepiece_available,
        "protobuf": import_utils.is_protobuf_available,
    }
    missing = [package for package, backend in SENTENCEPIECE_LIBRARIES if not checks[backend]()]
    if not missing:
        return []
    if _ships_sentencepiece_only(
        name, local=local, cache_dir=cache_dir
    ) or _raised_by_sentencepiece_fallback(error):
        return missing
    return []


def _ships_sentencepiece_only(name: str, *, local: bool, cache_dir: str | None) -> bool:
    """Whether the checkpoint's tokenizer is a SentencePiece ``*.model`` file without
    ``tokenizer.json``."""
    if local:
        folder = Path(name)
    else:  # the files downloaded so far, in the hub cache
        try:
            from huggingface_hub import try_to_load_from_cache

            found = try_to_load_from_cache(name, "config.json", cache_dir=cache_dir)
        except Exception:  # an id the cache cannot even name
            logger.debug("the hub cache cannot name %r", name, exc_info=True)
            return False
        if not isinstance(found, str):
            return False
        folder = Path(found).parent
    return not (folder / "tokenizer.json").exists() and any(folder.glob("*.model"))


def _raised_by_sentencepiece_fallback(error: BaseException | None) -> bool:
    """Whether ``error`` comes from transformers' SentencePiece conversion or its tiktoken
    fallback."""
    import traceback

    names = {
        "SentencePieceExtractor",
        "_convert_from_sentencepiece",
        "_convert_from_tiktoken",
        "load_tiktoken_bpe",
    }
    while error is not None:
        if any(frame.name in names for frame in traceback.extract_tb(error.__traceback__)):
            return True
        error = error.__cause__ or error.__context__
    return False


def _not_found(name: str, local: bool) -> ModelError:
    if local:  # config.json is there, so something else (weights, tokenizer) is missing
        return ModelError("models.folder_incomplete", path=name)
    return ModelError("models.no_connection", name=name)


def _offline_mode() -> bool:
    """Whether the user asked for no network (same rule as huggingface_hub)."""
    return any(
        os.environ.get(variable, "").strip().upper() in ("1", "ON", "YES", "TRUE")
        for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def hub_reachable(
    timeout: float = HUB_PROBE_TIMEOUT_S, *, host: str | None = None, port: int = 443
) -> bool:
    """Whether the Hugging Face Hub answers within ``timeout`` seconds.

    Without a connection, ``from_pretrained`` retries for about half a minute before failing;
    this quick check lets loading go straight to the local cache instead. Behind a proxy the
    check is skipped (a direct connection would fail where the proxy works).
    """
    import socket
    import threading
    from urllib.parse import urlparse

    if host is None:
        if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
            return True
        endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
        parsed = urlparse(endpoint)
        host = parsed.hostname or "huggingface.co"
        port = parsed.port or (80 if parsed.scheme == "http" else 443)
    answer: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                answer.append(True)
        except OSError:
            answer.append(False)

    # A thread bounds the name lookup too, which socket timeouts do not cover.
    worker = threading.Thread(target=probe, daemon=True)
    worker.start()
    worker.join(timeout)
    return bool(answer and answer[0])


def expected_prefix(config) -> str:
    """The task prefix a checkpoint was trained with for summarization, if any.

    Only models that declare one (original T5 checkpoints: ``"summarize: "``) get it;
    mT5, BART and the offline model expect none.
    """
    params = getattr(config, "task_specific_params", None) or {}
    return (params.get("summarization") or {}).get("prefix", "") or ""


def default_lora_targets(model) -> list[str]:
    """LoRA target modules for common architectures (attention query/value projections)."""
    model_type = getattr(model.config, "model_type", "")
    if model_type in ("t5", "mt5", "umt5"):
        return ["q", "v"]
    if model_type == "gpt2":
        return ["c_attn"]
    if model_type in ("bart", "mbart", "marian", "pegasus"):
        return ["q_proj", "v_proj"]
    return ["q_proj", "v_proj"]


def causal_prompt(text: str) -> str:
    """The plain decoder-only prompt for ``text`` (models without a chat template).

    Training and generation build prompts with ``features.causal_prompt_parts``, which also
    handles chat models and cuts a long text without losing "Resumen:".
    """
    return CAUSAL_PROMPT_TEMPLATE.format(text=text)
