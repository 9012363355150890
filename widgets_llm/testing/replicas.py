"""Tiny random-weight replicas of every catalog model, built offline in seconds.

A replica has the real checkpoint's model class and ``model_type``, its tokenizer class, the
same special tokens, chat template, generation settings and ``task_specific_params``, and the
SAME FILES ON DISK (a SentencePiece-only ``spiece.model`` where the real repository has no
``tokenizer.json``, GPT-2-style ``vocab.json``/``merges.txt`` for BART, ``pytorch_model.bin``
where the real repository has only that...). Only the sizes differ: a few layers of width 32
and a vocabulary of about a thousand pieces learned from the bundled Spanish example, so every
replica weighs well under a megabyte of weights and loads through exactly the same
``from_pretrained`` code path as the real model.

    from widgets_llm.testing.replicas import build_all_replicas
    # {"google/mt5-small": tmp_path / "google--mt5-small", ...}
    folders = build_all_replicas(tmp_path)
    bundle = load_model(str(folders["google/mt5-small"]))

Where each file list and setting comes from is written in :attr:`ReplicaSpec.source`:
"confirmed" facts were read from the checkpoint's hub metadata or files as stored in public
sources; "assumed" ones follow what that architecture's official checkpoints of the same era
ship, because no stored copy of that repository's file list could be found.

Building is deterministic: the same inputs give byte-identical tokenizer files and weights.
"""

from __future__ import annotations

import copy
import functools
import json
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

TokenizerKind = Literal[
    "sentencepiece",  # spiece.model only: needs the sentencepiece and protobuf libraries to load
    "sentencepiece+json",  # spiece.model and its tokenizer.json conversion
    "unigram_json",  # tokenizer.json only (a Unigram model trained with the tokenizers library)
    "bpe_files",  # GPT-2-style byte-level BPE: vocab.json and merges.txt, no tokenizer.json
    "bpe_json+files",  # tokenizer.json plus vocab.json and merges.txt
]

#: Seed of every random choice (model weights); tokenizer training is deterministic by itself.
SEED = 0
#: Spread of the replicas' random weight matrices. At the architectures' own initial scale
#: (about 0.02) a tiny model with tied embeddings mostly predicts the token it just read
#: (BART answers "</s>" to "</s>" and stops at once) and writes the same words for every
#: text; wider weights make each text give its own, non-empty, random output, so that tests
#: comparing generations compare something.
WEIGHT_STD = 0.3
#: Pieces a SentencePiece replica learns (the real T5 has 32 000, mT5 250 000).
SENTENCEPIECE_VOCAB = 800
#: Size of a byte-level BPE replica's vocabulary before its special tokens (256 bytes + merges).
BPE_VOCAB = 700
#: Every letter widgets_llm checks for Spanish support, with the marks around them: a tokenizer
#: that keeps Spanish learns them even where the example texts lack one (no "¡" or "Ú" there).
SPANISH_ALPHABET_LINE = (
    "á é í ó ú ü ñ ¿ ¡ Á É Í Ó Ú Ü Ñ « » — ¿Qué? ¡Sí! Úrsula, Íñigo, Érica y Ángel."
)

#: Tiny dimensions per architecture: enough structure (several heads, grouped key/value heads
#: where the real model has them, two layers) for every code path, a few hundred kB of weights.
_T5_DIMS = {
    "d_model": 32,
    "d_kv": 8,
    "d_ff": 64,
    "num_layers": 2,
    "num_decoder_layers": 2,
    "num_heads": 4,
}
_BART_DIMS = {
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 4,
    "decoder_attention_heads": 4,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
}
_DECODER_DIMS = {
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "head_dim": 8,
}


@dataclass(frozen=True)
class ReplicaSpec:
    """What a replica copies from its real checkpoint.

    Attributes
    ----------
    model_id: the hub id of the real checkpoint.
    model_type: ``config.model_type`` (``"t5"``, ``"mt5"``, ``"bart"``, ``"llama"``, ``"qwen2"``).
    model_class: the class in ``config.architectures`` (what ``from_pretrained`` builds).
    tokenizer_class: the tokenizer class the checkpoint declares (``tokenizer_config.json``,
        or ``config.json`` for old mT5 checkpoints).
    tokenizer_kind: how its tokenizer is stored (see :data:`TokenizerKind`).
    files: every file of the folder, exactly (the real repository's files for PyTorch, without
        README, licence, Flax/TensorFlow/ONNX weights and training leftovers).
    keeps_spanish_letters: whether its tokenizer keeps á, ñ, ¿... (Flan-T5's English
        SentencePiece turns them into ``<unk>``; byte-level tokenizers keep everything).
    config: ``config.json`` values other than the sizes, as in the real file.
    dims: the replica's sizes (replace the real ones).
    vocab_multiple: ``vocab_size`` is the tokenizer's length rounded up to this (the real
        T5, mT5 and Qwen2.5 embeddings have unused padding rows; BART and SmolLM2 have none).
    tokenizer_config: ``tokenizer_config.json`` as in the real file (chat template included).
    special_tokens_map: ``special_tokens_map.json``, or ``None`` where the repository has none.
    generation_config: ``generation_config.json``, or ``None`` where the repository has none.
    special_tokens: for byte-level BPE tokenizers, the added tokens in id order; ``"start"``
        or ``"end"`` in :attr:`special_tokens_at` says where they sit in the vocabulary.
    real_token_ids: token ids of the real vocabulary that the real files name (Qwen2.5's
        151643...) with their tokens: the replica's files give its own ids for those tokens.
    source: where these facts come from ("confirmed" / "assumed", see the module docstring).
    """

    model_id: str
    model_type: str
    model_class: str
    tokenizer_class: str
    tokenizer_kind: TokenizerKind
    files: tuple[str, ...]
    keeps_spanish_letters: bool
    config: dict[str, Any]
    dims: dict[str, Any]
    tokenizer_config: dict[str, Any]
    special_tokens_map: dict[str, Any] | None = None
    generation_config: dict[str, Any] | None = None
    vocab_multiple: int = 1
    special_tokens: tuple[str, ...] = ()
    special_tokens_at: Literal["start", "end"] = "start"
    real_token_ids: dict[int, str] = field(default_factory=dict)
    source: str = ""

    @property
    def weights_file(self) -> str:
        return "model.safetensors" if "model.safetensors" in self.files else "pytorch_model.bin"


# --------------------------------------------------------------------------- real settings

#: ``task_specific_params`` of the original T5 configurations, kept by Flan-T5's config.json.
_T5_TASK_PARAMS = {
    "summarization": {
        "early_stopping": True,
        "length_penalty": 2.0,
        "max_length": 200,
        "min_length": 30,
        "no_repeat_ngram_size": 3,
        "num_beams": 4,
        "prefix": "summarize: ",
    },
    "translation_en_to_de": {
        "early_stopping": True,
        "max_length": 300,
        "num_beams": 4,
        "prefix": "translate English to German: ",
    },
    "translation_en_to_fr": {
        "early_stopping": True,
        "max_length": 300,
        "num_beams": 4,
        "prefix": "translate English to French: ",
    },
    "translation_en_to_ro": {
        "early_stopping": True,
        "max_length": 300,
        "num_beams": 4,
        "prefix": "translate English to Romanian: ",
    },
}

#: Settings shared by T5 v1.1, Flan-T5 and mT5 configurations (gated GELU, untied output layer).
_T5_V11_CONFIG = {
    "decoder_start_token_id": 0,
    "dropout_rate": 0.1,
    "eos_token_id": 1,
    "pad_token_id": 0,
    "feed_forward_proj": "gated-gelu",
    "initializer_factor": 1.0,
    "is_encoder_decoder": True,
    "layer_norm_epsilon": 1e-06,
    "relative_attention_num_buckets": 32,
    "relative_attention_max_distance": 128,
    "tie_word_embeddings": False,
    "use_cache": True,
}
_T5_GENERATION = {"decoder_start_token_id": 0, "eos_token_id": 1, "pad_token_id": 0}
_T5_SPECIALS = {"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}
_EXTRA_IDS = [f"<extra_id_{i}>" for i in range(100)]

#: google/mt5-small's tokenizer_config.json: no sentinel tokens in the tokenizer (extra_ids 0).
_MT5_TOKENIZER_CONFIG = {**_T5_SPECIALS, "extra_ids": 0, "additional_special_tokens": None}
#: google/mt5-small's files (hub API "siblings", read from a stored copy of its model info),
#: PyTorch only: config.json, generation_config.json, pytorch_model.bin, special_tokens_map.json,
#: spiece.model, tokenizer_config.json. No tokenizer.json at the top level (only under onnx/).
_MT5_FILES = (
    "config.json",
    "generation_config.json",
    "pytorch_model.bin",
    "special_tokens_map.json",
    "spiece.model",
    "tokenizer_config.json",
)
_MT5_CONFIG = {
    **_T5_V11_CONFIG,
    "model_type": "mt5",
    "architectures": ["MT5ForConditionalGeneration"],
    "tokenizer_class": "T5Tokenizer",
}

#: SmolLM2-Instruct's chat template (ChatML with a default system message), as in its
#: tokenizer_config.json.
SMOLLM2_CHAT_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, "
    "trained by Hugging Face<|im_end|>\n' }}"
    "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content']"
    " + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
#: The 17 special tokens at the start of SmolLM2's vocabulary (ids 0 to 16).
_SMOLLM2_SPECIALS = (
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<repo_name>",
    "<reponame>",
    "<file_sep>",
    "<filename>",
    "<gh_stars>",
    "<issue_start>",
    "<issue_comment>",
    "<issue_closed>",
    "<jupyter_start>",
    "<jupyter_text>",
    "<jupyter_code>",
    "<jupyter_output>",
    "<jupyter_script>",
    "<empty_output>",
)

#: Qwen2.5-Instruct's chat template (ChatML, Hermes-style tool calls, a default system
#: message), as in its tokenizer_config.json.
QWEN25_CHAT_TEMPLATE = """{%- if tools %}
    {{- '<|im_start|>system\\n' }}
    {%- if messages[0]['role'] == 'system' %}
        {{- messages[0]['content'] }}
    {%- else %}
        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}
    {%- endif %}
    {{- "\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.\
\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>" }}
    {%- for tool in tools %}
        {{- "\\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\\n</tools>\\n\\nFor each function call, return a json object with function name and \
arguments within <tool_call></tool_call> XML tags:\
\\n<tool_call>\\n{\\"name\\": <function-name>, \\"arguments\\": <args-json-object>}\
\\n</tool_call><|im_end|>\\n" }}
{%- else %}
    {%- if messages[0]['role'] == 'system' %}
        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}
    {%- else %}
        {{- '<|im_start|>system\\n\
You are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}
    {%- endif %}
{%- endif %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or \
(message.role == "assistant" and not message.tool_calls) %}
        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
    {%- elif message.role == "assistant" %}
        {{- '<|im_start|>' + message.role }}
        {%- if message.content %}
            {{- '\\n' + message.content }}
        {%- endif %}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}
                {%- set tool_call = tool_call.function %}
            {%- endif %}
            {{- '\\n<tool_call>\\n{"name": "' }}
            {{- tool_call.name }}
            {{- '", "arguments": ' }}
            {{- tool_call.arguments | tojson }}
            {{- '}\\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\\n' }}
    {%- elif message.role == "tool" %}
        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\\n<tool_response>\\n' }}
        {{- message.content }}
        {{- '\\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\\n' }}
{%- endif %}
"""
#: The 22 tokens Qwen2.5 adds after its 151 643 byte-level pieces (ids 151643 to 151664).
_QWEN_SPECIALS = (
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|object_ref_start|>",
    "<|object_ref_end|>",
    "<|box_start|>",
    "<|box_end|>",
    "<|quad_start|>",
    "<|quad_end|>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|vision_pad|>",
    "<|image_pad|>",
    "<|video_pad|>",
    "<tool_call>",
    "</tool_call>",
    "<|fim_prefix|>",
    "<|fim_middle|>",
    "<|fim_suffix|>",
    "<|fim_pad|>",
    "<|repo_name|>",
    "<|file_sep|>",
)
#: Qwen marks <tool_call>, </tool_call> and the fill-in-the-middle tokens as not special.
_QWEN_NOT_SPECIAL = {
    "<tool_call>",
    "</tool_call>",
    "<|fim_prefix|>",
    "<|fim_middle|>",
    "<|fim_suffix|>",
    "<|fim_pad|>",
    "<|repo_name|>",
    "<|file_sep|>",
}


def _added_tokens_decoder(
    tokens: tuple[str, ...], first_id: int, not_special: set[str] = frozenset()
) -> dict[str, Any]:
    return {
        str(first_id + i): {
            "content": token,
            "lstrip": False,
            "normalized": False,
            "rstrip": False,
            "single_word": False,
            "special": token not in not_special,
        }
        for i, token in enumerate(tokens)
    }


REPLICA_SPECS: dict[str, ReplicaSpec] = {}


def _register(spec: ReplicaSpec) -> None:
    REPLICA_SPECS[spec.model_id] = spec


_register(
    ReplicaSpec(
        model_id="flax-community/spanish-t5-small",
        model_type="t5",
        model_class="T5ForConditionalGeneration",
        tokenizer_class="T5Tokenizer",
        tokenizer_kind="unigram_json",
        # Assumed: made in the Flax/JAX community week (2021) with transformers' Flax T5
        # pre-training example, which trains a SentencePiece-style Unigram tokenizer with the
        # tokenizers library and saves only tokenizer.json (no spiece.model), builds a T5 v1.1
        # configuration with vocab_size equal to that tokenizer's size, and the weights were
        # converted to pytorch_model.bin. Created before generation_config.json existed (2023).
        files=(
            "config.json",
            "pytorch_model.bin",
            "special_tokens_map.json",
            "tokenizer.json",
            "tokenizer_config.json",
        ),
        keeps_spanish_letters=True,
        config={
            **_T5_V11_CONFIG,
            "model_type": "t5",
            "architectures": ["T5ForConditionalGeneration"],
        },
        dims=_T5_DIMS,
        tokenizer_config={
            **_T5_SPECIALS,
            "extra_ids": 0,
            "tokenizer_class": "T5Tokenizer",
            "model_max_length": 512,
        },
        special_tokens_map=dict(_T5_SPECIALS),
        source="assumed (Flax T5 pre-training example of 2021); T5 model class and Spanish "
        "tokenizer confirmed by its model card",
    )
)

_register(
    ReplicaSpec(
        model_id="vgaraujov/bart-base-spanish",
        model_type="bart",
        model_class="BartForConditionalGeneration",
        tokenizer_class="BartTokenizer",
        tokenizer_kind="bpe_files",
        # Assumed: facebook/bart-base's layout (byte-level BPE vocab.json + merges.txt, no
        # tokenizer.json), saved in 2023 with generation_config.json and pytorch_model.bin.
        files=(
            "config.json",
            "generation_config.json",
            "merges.txt",
            "pytorch_model.bin",
            "special_tokens_map.json",
            "tokenizer_config.json",
            "vocab.json",
        ),
        keeps_spanish_letters=True,
        config={
            "model_type": "bart",
            "architectures": ["BartForConditionalGeneration"],
            "activation_function": "gelu",
            "activation_dropout": 0.1,
            "attention_dropout": 0.1,
            "dropout": 0.1,
            "add_bias_logits": False,
            "add_final_layer_norm": False,
            "normalize_before": False,
            "scale_embedding": False,
            "max_position_embeddings": 1024,
            "init_std": 0.02,
            "bos_token_id": 0,
            "pad_token_id": 1,
            "eos_token_id": 2,
            "decoder_start_token_id": 2,
            "forced_eos_token_id": 2,
            "is_encoder_decoder": True,
            "use_cache": True,
        },
        dims=_BART_DIMS,
        tokenizer_config={
            "add_prefix_space": False,
            "bos_token": "<s>",
            "clean_up_tokenization_spaces": True,
            "cls_token": "<s>",
            "eos_token": "</s>",
            "errors": "replace",
            "mask_token": "<mask>",
            "model_max_length": 1024,
            "pad_token": "<pad>",
            "sep_token": "</s>",
            "tokenizer_class": "BartTokenizer",
            "trim_offsets": True,
            "unk_token": "<unk>",
        },
        special_tokens_map={
            "bos_token": "<s>",
            "cls_token": "<s>",
            "eos_token": "</s>",
            "mask_token": "<mask>",
            "pad_token": "<pad>",
            "sep_token": "</s>",
            "unk_token": "<unk>",
        },
        generation_config={
            "bos_token_id": 0,
            "decoder_start_token_id": 2,
            "eos_token_id": 2,
            "forced_eos_token_id": 2,
            "pad_token_id": 1,
        },
        # BART's vocabulary: <s> <pad> </s> <unk> first, <mask> last.
        special_tokens=("<s>", "<pad>", "</s>", "<unk>"),
        source="assumed (facebook/bart-base layout); BART class and Spanish byte-level BPE "
        "from the model's paper",
    )
)

_register(
    ReplicaSpec(
        model_id="vgaraujov/t5-base-spanish",
        model_type="t5",
        model_class="T5ForConditionalGeneration",
        tokenizer_class="T5Tokenizer",
        tokenizer_kind="sentencepiece+json",
        # Assumed: a T5 v1.1 checkpoint saved by transformers in 2023 (spiece.model and its
        # tokenizer.json conversion, generation_config.json, pytorch_model.bin).
        files=(
            "config.json",
            "generation_config.json",
            "pytorch_model.bin",
            "special_tokens_map.json",
            "spiece.model",
            "tokenizer.json",
            "tokenizer_config.json",
        ),
        keeps_spanish_letters=True,
        config={
            **_T5_V11_CONFIG,
            "model_type": "t5",
            "architectures": ["T5ForConditionalGeneration"],
        },
        dims=_T5_DIMS,
        vocab_multiple=128,
        tokenizer_config={
            **_T5_SPECIALS,
            "extra_ids": 100,
            "additional_special_tokens": list(_EXTRA_IDS),
            "model_max_length": 512,
            "tokenizer_class": "T5Tokenizer",
        },
        special_tokens_map={**_T5_SPECIALS, "additional_special_tokens": list(_EXTRA_IDS)},
        generation_config=dict(_T5_GENERATION),
        source="assumed (T5 v1.1 layout saved by transformers 4.3x); "
        "T5 v1.1 architecture from the model's paper",
    )
)

_register(
    ReplicaSpec(
        model_id="LeoCordoba/mt5-small-mlsum",
        model_type="mt5",
        model_class="MT5ForConditionalGeneration",
        tokenizer_class="T5Tokenizer",
        tokenizer_kind="sentencepiece",
        # Assumed: google/mt5-small's files (its base), saved in 2021 before
        # generation_config.json existed.
        files=tuple(f for f in _MT5_FILES if f != "generation_config.json"),
        keeps_spanish_letters=True,
        config=dict(_MT5_CONFIG),
        dims=_T5_DIMS,
        vocab_multiple=128,
        tokenizer_config=dict(_MT5_TOKENIZER_CONFIG),
        special_tokens_map=dict(_T5_SPECIALS),
        source="assumed (google/mt5-small's files, fine-tuned in 2021)",
    )
)

_register(
    ReplicaSpec(
        model_id="google/mt5-small",
        model_type="mt5",
        model_class="MT5ForConditionalGeneration",
        tokenizer_class="T5Tokenizer",
        tokenizer_kind="sentencepiece",
        files=_MT5_FILES,
        keeps_spanish_letters=True,
        config=dict(_MT5_CONFIG),
        dims=_T5_DIMS,
        vocab_multiple=128,
        tokenizer_config=dict(_MT5_TOKENIZER_CONFIG),
        special_tokens_map=dict(_T5_SPECIALS),
        generation_config=dict(_T5_GENERATION),
        source="confirmed: hub model info (siblings, config.model_type mt5, "
        "tokenizer_config eos/unk/pad) of revision 73fb5dbe",
    )
)

_register(
    ReplicaSpec(
        model_id="huggingface-course/mt5-small-finetuned-amazon-en-es",
        model_type="mt5",
        model_class="MT5ForConditionalGeneration",
        tokenizer_class="T5Tokenizer",
        tokenizer_kind="sentencepiece+json",
        # Assumed: pushed by the Trainer of the Hugging Face course (2021) with the fast mT5
        # tokenizer, whose save_pretrained writes tokenizer.json beside spiece.model.
        files=(
            "config.json",
            "pytorch_model.bin",
            "special_tokens_map.json",
            "spiece.model",
            "tokenizer.json",
            "tokenizer_config.json",
        ),
        keeps_spanish_letters=True,
        config=dict(_MT5_CONFIG),
        dims=_T5_DIMS,
        vocab_multiple=128,
        tokenizer_config=dict(_MT5_TOKENIZER_CONFIG),
        special_tokens_map=dict(_T5_SPECIALS),
        source="assumed (Trainer.push_to_hub of 2021 with a fast tokenizer)",
    )
)

_register(
    ReplicaSpec(
        model_id="google/flan-t5-small",
        model_type="t5",
        model_class="T5ForConditionalGeneration",
        tokenizer_class="T5Tokenizer",
        tokenizer_kind="sentencepiece+json",
        # Confirmed (hub model info, revision 0fc9ddf7): config.json, generation_config.json,
        # model.safetensors, pytorch_model.bin, special_tokens_map.json, spiece.model,
        # tokenizer.json, tokenizer_config.json (+ Flax and TensorFlow weights, not replicated).
        files=(
            "config.json",
            "generation_config.json",
            "model.safetensors",
            "pytorch_model.bin",
            "special_tokens_map.json",
            "spiece.model",
            "tokenizer.json",
            "tokenizer_config.json",
        ),
        # T5's English SentencePiece vocabulary has no "í" or "ñ": "Rodríguez" -> "Rodr<unk>guez".
        keeps_spanish_letters=False,
        config={
            **_T5_V11_CONFIG,
            "model_type": "t5",
            "architectures": ["T5ForConditionalGeneration"],
            "dense_act_fn": "gelu_new",
            "is_gated_act": True,
            "n_positions": 512,
            "output_past": True,
            "task_specific_params": _T5_TASK_PARAMS,
        },
        dims=_T5_DIMS,
        vocab_multiple=128,
        tokenizer_config={
            **_T5_SPECIALS,
            "extra_ids": 100,
            "additional_special_tokens": list(_EXTRA_IDS),
            "model_max_length": 512,
            "sp_model_kwargs": {},
            "tokenizer_class": "T5Tokenizer",
        },
        special_tokens_map={**_T5_SPECIALS, "additional_special_tokens": list(_EXTRA_IDS)},
        generation_config=dict(_T5_GENERATION),
        source="confirmed: hub model info (siblings) of revision 0fc9ddf7; "
        "task_specific_params as in T5's configurations",
    )
)

_register(
    ReplicaSpec(
        model_id="HuggingFaceTB/SmolLM2-135M-Instruct",
        model_type="llama",
        model_class="LlamaForCausalLM",
        tokenizer_class="GPT2Tokenizer",
        tokenizer_kind="bpe_json+files",
        # config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json and
        # model.safetensors confirmed (published download lists); vocab.json, merges.txt and
        # generation_config.json assumed (what its GPT-2-style tokenizer and 2024 upload write).
        files=(
            "config.json",
            "generation_config.json",
            "merges.txt",
            "model.safetensors",
            "special_tokens_map.json",
            "tokenizer.json",
            "tokenizer_config.json",
            "vocab.json",
        ),
        # byte-level: no unknown token, even if it was trained on English
        keeps_spanish_letters=True,
        config={
            "model_type": "llama",
            "architectures": ["LlamaForCausalLM"],
            "attention_bias": False,
            "attention_dropout": 0.0,
            "bos_token_id": 1,
            "eos_token_id": 2,
            "pad_token_id": 2,
            "hidden_act": "silu",
            "initializer_range": 0.041666666666666664,
            "max_position_embeddings": 8192,
            "mlp_bias": False,
            "pretraining_tp": 1,
            "rms_norm_eps": 1e-05,
            "rope_theta": 100000,
            "rope_scaling": None,
            "tie_word_embeddings": True,
            "use_cache": True,
        },
        dims=_DECODER_DIMS,
        tokenizer_config={
            "add_prefix_space": False,
            "added_tokens_decoder": _added_tokens_decoder(_SMOLLM2_SPECIALS, 0),
            "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
            "bos_token": "<|im_start|>",
            "chat_template": SMOLLM2_CHAT_TEMPLATE,
            "clean_up_tokenization_spaces": False,
            "eos_token": "<|im_end|>",
            "model_max_length": 8192,
            "pad_token": "<|im_end|>",
            "tokenizer_class": "GPT2Tokenizer",
            "unk_token": "<|endoftext|>",
        },
        special_tokens_map={
            "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
            "bos_token": "<|im_start|>",
            "eos_token": "<|im_end|>",
            "pad_token": "<|im_end|>",
            "unk_token": "<|endoftext|>",
        },
        generation_config={"bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 2},
        special_tokens=_SMOLLM2_SPECIALS,
        special_tokens_at="start",
        source="partly confirmed (file names from published download lists, "
        "Llama sizes from its config); "
        "special token ids and generation_config assumed from SmolLM2's tokenizer",
    )
)

_register(
    ReplicaSpec(
        model_id="Qwen/Qwen2.5-0.5B-Instruct",
        model_type="qwen2",
        model_class="Qwen2ForCausalLM",
        tokenizer_class="Qwen2Tokenizer",
        tokenizer_kind="bpe_json+files",
        # tokenizer.json, tokenizer_config.json (chat template) and generation_config.json
        # confirmed (published links and copies); config.json, vocab.json, merges.txt and
        # model.safetensors as in every Qwen2.5 repository. No special_tokens_map.json.
        files=(
            "config.json",
            "generation_config.json",
            "merges.txt",
            "model.safetensors",
            "tokenizer.json",
            "tokenizer_config.json",
            "vocab.json",
        ),
        keeps_spanish_letters=True,
        config={
            "model_type": "qwen2",
            "architectures": ["Qwen2ForCausalLM"],
            "attention_dropout": 0.0,
            "bos_token_id": 151643,
            "eos_token_id": 151645,
            "hidden_act": "silu",
            "initializer_range": 0.02,
            "max_position_embeddings": 32768,
            "max_window_layers": 21,
            "rms_norm_eps": 1e-06,
            "rope_theta": 1000000.0,
            "sliding_window": 32768,
            "tie_word_embeddings": True,
            "use_cache": True,
            "use_sliding_window": False,
        },
        dims=_DECODER_DIMS,
        vocab_multiple=128,
        tokenizer_config={
            "add_bos_token": False,
            "add_prefix_space": False,
            "added_tokens_decoder": {},  # filled in with the replica's ids
            # as in the real file: the specials from <|im_start|> to <|video_pad|>
            "additional_special_tokens": list(_QWEN_SPECIALS[1:14]),
            "bos_token": None,
            "chat_template": QWEN25_CHAT_TEMPLATE,
            "clean_up_tokenization_spaces": False,
            "eos_token": "<|im_end|>",
            "errors": "replace",
            "model_max_length": 131072,
            "pad_token": "<|endoftext|>",
            "split_special_tokens": False,
            "tokenizer_class": "Qwen2Tokenizer",
            "unk_token": None,
        },
        # Sampling settings as shipped; the engine's own GenerationSettings override them.
        generation_config={
            "bos_token_id": 151643,
            "pad_token_id": 151643,
            "do_sample": True,
            "eos_token_id": [151645, 151643],
            "repetition_penalty": 1.1,
            "temperature": 0.7,
            "top_p": 0.8,
            "top_k": 20,
        },
        special_tokens=_QWEN_SPECIALS,
        special_tokens_at="end",
        real_token_ids={151643 + i: token for i, token in enumerate(_QWEN_SPECIALS)},
        source="confirmed: chat template, special tokens, tokenizer_config and generation_config "
        "from stored copies; "
        "Qwen2 configuration values from its config.json",
    )
)


# --------------------------------------------------------------------------- building


def replica_folder_name(model_id: str) -> str:
    """``"google/mt5-small"`` -> ``"google--mt5-small"`` (the hub cache's naming)."""
    return model_id.replace("/", "--")


def build_all_replicas(root: str | Path) -> dict[str, Path]:
    """Build a replica of every spec in ``root/<org>--<name>``; returns ``{model_id: folder}``."""
    root = Path(root)
    return {
        model_id: build_replica(model_id, root / replica_folder_name(model_id))
        for model_id in REPLICA_SPECS
    }


def build_replica(model_id: str, folder: str | Path) -> Path:
    """Write the replica of ``model_id`` into ``folder`` (replacing what is there) and return it.

    Raises
    ------
    KeyError
        No replica is specified for ``model_id``.
    """
    spec = REPLICA_SPECS[model_id]
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    _write_tokenizer(spec, folder)
    vocab_size = _vocab_size(spec, folder)
    _write_model(spec, folder, vocab_size)
    written = sorted(p.name for p in folder.iterdir())
    if written != sorted(spec.files):  # a bug in this module, not in the caller's use of it
        raise RuntimeError(
            f"replica of {model_id} has files {written}, expected {sorted(spec.files)}"
        )
    return folder


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ------------------------------------------------------------------ tokenizer training corpus


@functools.lru_cache(maxsize=None)
def _corpus(english: bool) -> tuple[str, ...]:
    """Lines of the bundled Spanish example (texts and summaries), one paragraph each.

    ``english`` gives what T5's English vocabulary has seen: plain ASCII plus the accented
    letters of French and German (T5 was also trained to translate into them); the letters
    only Spanish uses (á, í, ó, ú, ñ, ¿, ¡...) are folded away, so they stay unknown.
    """
    from ..engine.data import example_path

    path = example_path("ejemplo_es")
    path = path if path.is_file() else next(path.glob("*.jsonl"))
    lines: list[str] = []
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip():
            continue
        record = json.loads(row)
        for key in ("texto", "resumen"):
            for paragraph in str(record.get(key) or "").split("\n"):
                if paragraph.strip():
                    lines.append(unicodedata.normalize("NFC", paragraph.strip()))
    if english:
        return tuple("".join(_english_letter(c) for c in line) for line in lines)
    return tuple(lines) + (SPANISH_ALPHABET_LINE,)


#: Accented letters T5's English SentencePiece vocabulary has (French and German ones).
_T5_KNOWN_ACCENTS = set("éèêëàâçîïôûùüöäßÉÈÀÇÜÖÄ")


def _english_letter(char: str) -> str:
    if char.isascii() or char in _T5_KNOWN_ACCENTS:
        return char
    return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()


@functools.lru_cache(maxsize=None)
def _sentencepiece_model(english: bool) -> bytes:
    """A Unigram ``spiece.model`` with T5's ids (pad 0, eos 1, unk 2, no bos)."""
    import io

    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(_corpus(english)),
        model_writer=model,
        vocab_size=SENTENCEPIECE_VOCAB,
        model_type="unigram",
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        pad_piece="<pad>",
        eos_piece="</s>",
        unk_piece="<unk>",
        character_coverage=1.0,  # every letter seen becomes a piece: á, ñ, ¿... stay themselves
        byte_fallback=False,
        num_threads=1,  # one thread: the same pieces and scores every time
        minloglevel=2,
    )
    return model.getvalue()


@functools.lru_cache(maxsize=None)
def _t5_tokenizer_json(english: bool, extra_ids: int) -> str:
    """The ``tokenizer.json`` transformers converts from the replica's ``spiece.model``."""
    with tempfile.TemporaryDirectory() as temporary:
        spiece = Path(temporary) / "spiece.model"
        spiece.write_bytes(_sentencepiece_model(english))
        tokenizer = _t5_from_spiece(spiece, extra_ids)
        out = Path(temporary) / "saved"
        tokenizer.save_pretrained(out)
        return (out / "tokenizer.json").read_text(encoding="utf-8")


def _t5_from_spiece(spiece: Path, extra_ids: int):
    """transformers' own conversion of ``spiece.model``, as ``from_pretrained`` does it."""
    from transformers import T5Tokenizer

    config = {**_T5_SPECIALS, "extra_ids": extra_ids}
    if extra_ids:
        config["additional_special_tokens"] = list(_EXTRA_IDS[:extra_ids])
    _write_json(spiece.parent / "tokenizer_config.json", config)
    return T5Tokenizer.from_pretrained(str(spiece.parent), local_files_only=True)


@functools.lru_cache(maxsize=None)
def _byte_level_bpe(
    style: str, specials: tuple[str, ...], specials_at: str
) -> tuple[dict[str, int], tuple[str, ...]]:
    """A byte-level BPE vocabulary and merges learned from the Spanish example.

    ``style`` picks the pre-tokenizer the real tokenizer uses: GPT-2's (BART, SmolLM2) or
    Qwen2's (its own split pattern, NFC). Special tokens take the first ids (``"start"``) or
    come after the learned pieces (``"end"``).
    """
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE())
    if style == "qwen2":
        from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

        tokenizer.normalizer = normalizers.NFC()
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
            [
                pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
                pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
            ]
        )
    else:
        tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(
        vocab_size=BPE_VOCAB + (len(specials) if specials_at == "start" else 0),
        min_frequency=2,
        special_tokens=list(specials) if specials_at == "start" else [],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),  # all 256 bytes: nothing is unknown
        show_progress=False,
    )
    tokenizer.train_from_iterator(_corpus(False), trainer=trainer)
    with tempfile.TemporaryDirectory() as temporary:
        tokenizer.model.save(temporary)
        vocab = json.loads((Path(temporary) / "vocab.json").read_text(encoding="utf-8"))
        merges_text = (Path(temporary) / "merges.txt").read_text(encoding="utf-8")
    merges = tuple(
        line for line in merges_text.splitlines() if line and not line.startswith("#version")
    )
    if specials_at == "end":
        for token in specials:
            vocab[token] = len(vocab)
    return vocab, merges


# ------------------------------------------------------------------ tokenizer files


def _write_tokenizer(spec: ReplicaSpec, folder: Path) -> None:
    kind = spec.tokenizer_kind
    if kind in ("sentencepiece", "sentencepiece+json", "unigram_json"):
        _write_t5_tokenizer(spec, folder)
    else:
        _write_bpe_tokenizer(spec, folder)
    tokenizer_config = copy.deepcopy(spec.tokenizer_config)
    if spec.model_type == "qwen2":
        vocab, _ = _byte_level_bpe("qwen2", spec.special_tokens, spec.special_tokens_at)
        first = vocab[spec.special_tokens[0]]
        tokenizer_config["added_tokens_decoder"] = _added_tokens_decoder(
            spec.special_tokens, first, _QWEN_NOT_SPECIAL
        )
    _write_json(folder / "tokenizer_config.json", tokenizer_config)
    if spec.special_tokens_map is not None:
        _write_json(folder / "special_tokens_map.json", spec.special_tokens_map)


def _write_t5_tokenizer(spec: ReplicaSpec, folder: Path) -> None:
    english = not spec.keeps_spanish_letters
    extra_ids = int(spec.tokenizer_config.get("extra_ids") or 0)
    if spec.tokenizer_kind in ("sentencepiece", "sentencepiece+json"):
        (folder / "spiece.model").write_bytes(_sentencepiece_model(english))
    if spec.tokenizer_kind in ("sentencepiece+json", "unigram_json"):
        (folder / "tokenizer.json").write_text(
            _t5_tokenizer_json(english, extra_ids), encoding="utf-8"
        )


def _write_bpe_tokenizer(spec: ReplicaSpec, folder: Path) -> None:
    style = "qwen2" if spec.model_type == "qwen2" else "gpt2"
    vocab, merges = _byte_level_bpe(style, spec.special_tokens, spec.special_tokens_at)
    vocab = dict(vocab)
    if spec.model_type == "bart":
        vocab["<mask>"] = len(vocab)  # BART's mask token is the last id
    _write_json(folder / "vocab.json", vocab)
    (folder / "merges.txt").write_text(
        "#version: 0.2\n" + "\n".join(merges) + "\n", encoding="utf-8"
    )
    if "tokenizer.json" in spec.files:
        (folder / "tokenizer.json").write_text(_bpe_tokenizer_json(spec, folder), encoding="utf-8")


def _bpe_tokenizer_json(spec: ReplicaSpec, folder: Path) -> str:
    """The ``tokenizer.json`` the checkpoint's own tokenizer class writes for these files."""
    import transformers

    tokenizer_class = getattr(transformers, spec.tokenizer_class)
    settings = {
        k: v
        for k, v in spec.tokenizer_config.items()
        if k.endswith("_token") or k in ("add_prefix_space", "additional_special_tokens")
    }
    tokenizer = tokenizer_class(
        vocab=str(folder / "vocab.json"), merges=str(folder / "merges.txt"), **settings
    )
    present = set(tokenizer.get_vocab())
    missing = [token for token in spec.special_tokens if token not in present]
    if missing:
        tokenizer.add_tokens(missing, special_tokens=True)
    with tempfile.TemporaryDirectory() as temporary:
        tokenizer.save_pretrained(temporary)
        return (Path(temporary) / "tokenizer.json").read_text(encoding="utf-8")


def _vocab_size(spec: ReplicaSpec, folder: Path) -> int:
    """Rows of the embedding: every id the tokenizer can produce, rounded up like the real one."""
    from transformers import AutoTokenizer

    # The config must exist for AutoTokenizer to know the model type; a first, partial one.
    _write_json(folder / "config.json", {**spec.config, "vocab_size": 1})
    tokenizer = AutoTokenizer.from_pretrained(
        str(folder), local_files_only=True, trust_remote_code=False
    )
    size = len(tokenizer)
    if (folder / "vocab.json").is_file():  # a BPE tokenizer may report fewer before a reload
        size = max(size, len(json.loads((folder / "vocab.json").read_text(encoding="utf-8"))))
    multiple = max(1, spec.vocab_multiple)
    return -(-size // multiple) * multiple


# ------------------------------------------------------------------ model files


def _write_model(spec: ReplicaSpec, folder: Path, vocab_size: int) -> None:
    import torch
    import transformers

    config_class = transformers.AutoConfig.for_model(spec.model_type).__class__
    token_ids = _replica_token_ids(spec, folder)
    values = {
        k: v for k, v in _with_ids(spec.config, token_ids).items() if k not in ("model_type",)
    }
    config = config_class(**{**values, **spec.dims, "vocab_size": vocab_size})
    model_class = getattr(transformers, spec.model_class)
    torch.manual_seed(SEED)
    model = model_class(config).eval()
    with torch.no_grad():
        for parameter in model.parameters():
            if parameter.dim() >= 2:  # matrices and embeddings; norms and biases keep their init
                parameter.normal_(0.0, WEIGHT_STD)
    with tempfile.TemporaryDirectory() as temporary:
        model.save_pretrained(
            temporary
        )  # config.json and model.safetensors as transformers writes them
        saved = Path(temporary)
        config_data = json.loads((saved / "config.json").read_text(encoding="utf-8"))
        _write_json(folder / "config.json", _clean_config(config_data, spec, token_ids))
        if "model.safetensors" in spec.files:
            shutil.copyfile(saved / "model.safetensors", folder / "model.safetensors")
    if "pytorch_model.bin" in spec.files:
        # transformers 5 only writes safetensors; older checkpoints are a pickled state dict.
        state = {name: tensor.contiguous() for name, tensor in model.state_dict().items()}
        torch.save(state, folder / "pytorch_model.bin")
    if spec.generation_config is not None:
        _write_json(folder / "generation_config.json", _with_ids(spec.generation_config, token_ids))


def _replica_token_ids(spec: ReplicaSpec, folder: Path) -> dict[int, int]:
    """Real token id -> the replica's id of the same token."""
    if not spec.real_token_ids:
        return {}
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    return {real: vocab[token] for real, token in spec.real_token_ids.items()}


def _with_ids(values: dict[str, Any], token_ids: dict[int, int]) -> dict[str, Any]:
    """``values`` with every ``*_token_id`` that names a real id given the replica's id."""

    def replaced(value):
        if isinstance(value, list):
            return [replaced(v) for v in value]
        return (
            token_ids.get(value, value)
            if isinstance(value, int) and not isinstance(value, bool)
            else value
        )

    return {
        key: replaced(value) if key.endswith("token_id") else value for key, value in values.items()
    }


def _clean_config(
    saved: dict[str, Any], spec: ReplicaSpec, token_ids: dict[int, int]
) -> dict[str, Any]:
    """The saved configuration with the real file's keys kept where transformers dropped them."""
    data = dict(saved)
    for key, value in _with_ids(spec.config, token_ids).items():
        data.setdefault(key, value)
    data["architectures"] = [spec.model_class]
    data["model_type"] = spec.model_type
    return {key: data[key] for key in sorted(data)}
