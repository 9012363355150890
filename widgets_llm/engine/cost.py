"""What fine-tuning a model costs, worked out from its sizes: peak memory and seconds per step.

The catalog's models are measured at full size (:mod:`.catalog_cost`, written by
``benchmarks/catalog_cost.py``); this formula covers every other model (a hub id, a folder, the
offline model) and the hyperparameter panel's estimate. It was checked against those
measurements: ``benchmarks/README.md`` says how close it comes for each catalog model.

Memory (bytes) at the peak of a training step::

    runtime                  Python, torch, transformers, datasets, peft and the engine
    + overhead               what a run adds besides the model (lazy imports, data, Trainer)
    + 4·P                    the weights, fp32 (P parameters; a LoRA adapter adds its own)
    + 8·T                    Adam's two fp32 moments of the T trainable parameters
    + max(in flight, 4·T)    the backward pass frees the activations while it writes the fp32
                             gradients (4·T): the peak holds the larger of the two

    in flight = 2·M          16-bit copies of the M weights of matrix products, kept for the
                             backward pass under bf16/fp16 autocast (none in fp32)
              + activations  per layer and token: a·h + b·f bytes (h hidden size, f feed-forward
                             size, doubled for gated feed-forwards), + d·h for models trained
                             with dropout; twice that in fp32; LoRA keeps a share of them; a
                             decoder layer of an encoder-decoder model counts its hidden-size
                             part half again (cross-attention)
              + logits       c bytes per output token and vocabulary entry: the 16-bit logits,
                             their fp32 copy, the log-softmax and the gradients

The output tokens are the summary's for an encoder-decoder model and the whole sequence
(prompt and summary) for a decoder-only one, whose logits are computed at every position.
The constants a, b, c, d and the LoRA share were fitted once, by least squares on relative
errors, to the peaks measured for the catalog's seven architectures, full and LoRA
(``benchmarks/catalog_cost.py --fit``); every one of those fourteen peaks is then within 6 %.

Time per step is floating-point work over a measured throughput: a forward pass costs two
operations per weight and token, the backward pass two more for the activations' gradients and
(full fine-tuning only) two for the weights' gradients, so about 6·M·tokens for full
fine-tuning and 4·M·tokens with LoRA, plus attention's own work (4·s·h per token and layer,
tripled for a step).
"""

from __future__ import annotations

from dataclasses import dataclass

GB = 2**30

#: Resident memory of a process that imported everything a training run needs (torch,
#: transformers, datasets, peft and the engine), measured: 0.43 GiB.
RUNTIME_GB = 0.43
#: fp32 weights; fp32 gradients; Adam's two fp32 moments; a 16-bit copy under autocast.
WEIGHT_BYTES, GRADIENT_BYTES, ADAM_BYTES, HALF_COPY_BYTES = 4, 4, 8, 2
#: Activations kept for the backward pass, bytes per token and layer with 16-bit activations
#: (fp32 doubles them): ``ACTIVATION_HIDDEN_BYTES · h + ACTIVATION_FFN_BYTES · f``, plus
#: ``DROPOUT_HIDDEN_BYTES · h`` for models that train with dropout (T5, BART, GPT-2: its masks
#: and outputs are kept too; Llama and Qwen train without). Fitted to the catalog's measurements.
ACTIVATION_HIDDEN_BYTES = 49
ACTIVATION_FFN_BYTES = 4
DROPOUT_HIDDEN_BYTES = 64
#: A decoder layer of an encoder-decoder model also attends to the encoder's output: its
#: hidden-size activations count half again.
CROSS_ATTENTION_SHARE = 0.5
#: LoRA keeps a little less: a frozen weight's input is not needed for its own gradient.
LORA_ACTIVATION_SHARE = 0.85
#: Logits: bytes per output token and vocabulary entry at the peak of the loss (16-bit logits,
#: their fp32 copy, the log-softmax and the gradients).
LOGIT_BYTES = 12.6
#: What a training run adds besides the model: libraries loaded on first use, the tokenized
#: data, the Trainer and the allocator's own reserve. A T5 of 0.26 M parameters trained the
#: same way peaks this much above the imported libraries.
TRAINING_OVERHEAD_GB = 0.09
#: Floating-point operations per second of a training step on the reference machine (2 cores,
#: bf16 autocast), fitted to the catalog's 14 step times measured with the machine quiet (load
#: about 1; benchmarks/README.md): the geometric mean of measured FLOP/s. With it the formula
#: is within 25 % of 12 of those 14 times; it underestimates mT5's full step (0.66×: its
#: 250 112-word output layer costs more than its FLOPs say) and Flan-T5's LoRA step (0.76×).
#: A rough guide for models outside the catalog; the catalog shows measured times.
REFERENCE_FLOPS = 160e9


@dataclass(frozen=True)
class ModelSizes:
    """The sizes the cost depends on.

    Attributes
    ----------
    parameters: distinct parameters (a tied output layer counts once).
    matmul_parameters: weights of every matrix product (``nn.Linear`` layers, the output layer
        included even when it shares the input embeddings' weights).
    output_parameters: weights of the output layer (vocabulary × hidden size).
    encoder_matmul_parameters: the share of ``matmul_parameters`` in the encoder (0 for a
        decoder-only model).
    hidden, ffn: hidden size and feed-forward size (``ffn`` doubled for gated feed-forwards).
    encoder_layers, decoder_layers: layers of each stack (``encoder_layers`` is 0 for a
        decoder-only model).
    vocab: vocabulary size.
    heads: attention heads of a layer.
    dropout: whether the model trains with dropout (its masks and outputs are kept as well).
    """

    parameters: int
    matmul_parameters: int
    output_parameters: int
    encoder_matmul_parameters: int
    hidden: int
    ffn: int
    encoder_layers: int
    decoder_layers: int
    vocab: int
    heads: int = 8
    dropout: bool = False

    @property
    def encoder_decoder(self) -> bool:
        return self.encoder_layers > 0

    @classmethod
    def from_model(cls, model) -> "ModelSizes":
        """Sizes of a ``transformers`` model (a LoRA-wrapped one counts its base model only)."""
        base = model
        get_base = getattr(model, "get_base_model", None)
        if callable(get_base):
            base = get_base()
        config = base.config
        output = base.get_output_embeddings()
        output_parameters = output.weight.numel() if output is not None else 0
        encoder = getattr(base, "get_encoder", None)
        encoder_matmul = 0
        if config.is_encoder_decoder and callable(encoder):
            encoder_matmul = _matmul_parameters(encoder())
        distinct = {id(p): p for name, p in base.named_parameters() if "lora_" not in name}
        hidden, ffn, encoder_layers, decoder_layers, vocab, heads = _config_sizes(config)
        return cls(
            parameters=sum(p.numel() for p in distinct.values()),
            matmul_parameters=_matmul_parameters(base),
            output_parameters=output_parameters,
            encoder_matmul_parameters=encoder_matmul,
            hidden=hidden,
            ffn=ffn,
            encoder_layers=encoder_layers,
            decoder_layers=decoder_layers,
            vocab=vocab,
            heads=heads,
            dropout=_trains_with_dropout(config),
        )


def guess_sizes(parameters: float) -> ModelSizes:
    """Sizes of a T5-like encoder-decoder of about ``parameters`` parameters (a rough guess).

    For a model known only by its parameter count: vocabulary 32 128, hidden size 512, 768 or
    1024 by size, feed-forward four times the hidden size, and as many layers as the
    parameters left after the embeddings allow (about 12·h² per encoder layer, 16·h² per
    decoder layer).
    """
    vocab = 32_128
    hidden = 512 if parameters < 100e6 else 768 if parameters < 400e6 else 1024
    embeddings = vocab * hidden
    per_layer_pair = 28 * hidden * hidden
    layers = max(1, round((parameters - embeddings) / per_layer_pair))
    return ModelSizes(
        parameters=int(parameters),
        matmul_parameters=int(max(parameters - embeddings, 0) + embeddings),
        output_parameters=embeddings,
        encoder_matmul_parameters=12 * hidden * hidden * layers,
        hidden=hidden,
        ffn=4 * hidden,
        encoder_layers=layers,
        decoder_layers=layers,
        vocab=vocab,
        heads=hidden // 64,
    )


def _trains_with_dropout(config) -> bool:
    """Whether a configuration asks for dropout on its hidden states (T5, BART, GPT-2 do)."""
    for name in ("dropout_rate", "dropout", "resid_pdrop", "hidden_dropout_prob", "hidden_dropout"):
        value = getattr(config, name, None)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            return True
    return False


def _matmul_parameters(module) -> int:
    """Weights of the matrix products in ``module``: ``nn.Linear`` layers and GPT-2's ``Conv1D``.

    A LoRA adapter's own small matrices are left out (they are counted as trainable parameters).
    """
    import torch

    total = 0
    for name, layer in module.named_modules():
        if "lora_" in name:
            continue
        if isinstance(layer, torch.nn.Linear) or type(layer).__name__ == "Conv1D":
            total += layer.weight.numel()
    return total


def _config_sizes(config) -> tuple[int, int, int, int, int, int]:
    """(hidden, feed-forward, encoder layers, decoder layers, vocabulary, heads) of a
    configuration."""

    def first(*names, default=0):
        for name in names:
            value = getattr(config, name, None)
            if isinstance(value, int) and value > 0:
                return value
        return default

    hidden = first("hidden_size", "d_model", "n_embd", default=512)
    ffn = first("intermediate_size", "d_ff", "encoder_ffn_dim", "n_inner", default=4 * hidden)
    gated = bool(getattr(config, "is_gated_act", False)) or getattr(config, "model_type", "") in (
        "llama",
        "qwen2",
        "qwen3",
        "mistral",
        "gemma",
        "gemma2",
        "phi3",
        "olmo",
        "smollm3",
    )
    if gated:
        ffn *= 2
    layers = first("num_hidden_layers", "num_layers", "n_layer", "decoder_layers", default=6)
    vocab = first("vocab_size", default=32000)
    heads = first(
        "num_attention_heads", "num_heads", "n_head", "encoder_attention_heads", default=8
    )
    if getattr(config, "is_encoder_decoder", False):
        encoder = first("encoder_layers", "num_layers", default=layers)
        decoder = first("decoder_layers", "num_decoder_layers", default=encoder)
        return hidden, ffn, encoder, decoder, vocab, heads
    return hidden, ffn, 0, layers, vocab, heads


@dataclass(frozen=True)
class MemoryParts:
    """Peak memory of a training step, part by part, in bytes (see the module docstring)."""

    runtime: float
    overhead: float
    weights: float
    adam: float
    gradients: float
    half_copies: float
    activations: float
    logits: float

    @property
    def total(self) -> float:
        # Gradients appear during the backward pass while the activations are freed: the peak
        # holds the larger of the two, not both.
        in_flight = max(self.half_copies + self.activations + self.logits, self.gradients)
        return self.runtime + self.overhead + self.weights + self.adam + in_flight

    @property
    def total_gb(self) -> float:
        return self.total / GB


def _token_counts(
    sizes: ModelSizes, batch_size: int, input_length: int, target_length: int
) -> tuple[int, int]:
    """(encoder tokens, decoder tokens) of one batch; a decoder-only model reads both as one."""
    if sizes.encoder_decoder:
        return batch_size * input_length, batch_size * target_length
    return 0, batch_size * (input_length + target_length)


def activation_units(
    sizes: ModelSizes, batch_size: int, input_length: int, target_length: int
) -> tuple[float, float]:
    """Σ over layers of tokens × hidden size, and of tokens × feed-forward size.

    Activations are ``ACTIVATION_HIDDEN_BYTES`` (plus ``DROPOUT_HIDDEN_BYTES`` with dropout) and
    ``ACTIVATION_FFN_BYTES`` times these, with 16-bit activations. A decoder layer of an
    encoder-decoder model also attends to the encoder (cross-attention): its hidden-size units
    count ``1 + CROSS_ATTENTION_SHARE`` times.
    """
    encoder_tokens, decoder_tokens = _token_counts(sizes, batch_size, input_length, target_length)
    cross = 1 + CROSS_ATTENTION_SHARE if sizes.encoder_decoder else 1
    hidden_units = sizes.hidden * (
        sizes.encoder_layers * encoder_tokens + cross * sizes.decoder_layers * decoder_tokens
    )
    ffn_units = sizes.ffn * (
        sizes.encoder_layers * encoder_tokens + sizes.decoder_layers * decoder_tokens
    )
    return hidden_units, ffn_units


def memory_parts(
    sizes: ModelSizes,
    *,
    lora: bool,
    batch_size: int,
    input_length: int,
    target_length: int,
    precision: str,
    trainable_parameters: int | None = None,
    include_runtime: bool = True,
) -> MemoryParts:
    """Peak memory of training a model of ``sizes``, part by part.

    ``trainable_parameters`` defaults to every parameter (full fine-tuning) or to a LoRA
    adapter of rank 8 on the attention's query and value (what the engine adds by default).
    ``include_runtime`` adds the memory of the libraries themselves (a fresh process); leave it
    out when the process that will train is already running (a notebook's kernel).
    """
    if trainable_parameters is None:
        trainable_parameters = default_lora_parameters(sizes) if lora else sizes.parameters
    adapter = trainable_parameters if lora else 0
    half = precision in ("bf16", "fp16")
    scale = (1 if half else 2) * (LORA_ACTIVATION_SHARE if lora else 1.0)
    hidden_units, ffn_units = activation_units(sizes, batch_size, input_length, target_length)
    hidden_bytes = ACTIVATION_HIDDEN_BYTES + (DROPOUT_HIDDEN_BYTES if sizes.dropout else 0)
    _, output_tokens = _token_counts(sizes, batch_size, input_length, target_length)
    return MemoryParts(
        runtime=RUNTIME_GB * GB if include_runtime else 0.0,
        overhead=TRAINING_OVERHEAD_GB * GB,
        weights=WEIGHT_BYTES * (sizes.parameters + adapter),
        adam=ADAM_BYTES * trainable_parameters,
        gradients=GRADIENT_BYTES * trainable_parameters,
        half_copies=HALF_COPY_BYTES * sizes.matmul_parameters if half else 0.0,
        activations=scale * (hidden_bytes * hidden_units + ACTIVATION_FFN_BYTES * ffn_units),
        logits=LOGIT_BYTES * output_tokens * sizes.vocab,
    )


def training_memory_gb(
    sizes: ModelSizes,
    *,
    lora: bool,
    batch_size: int,
    input_length: int,
    target_length: int,
    precision: str,
    trainable_parameters: int | None = None,
    include_runtime: bool = True,
) -> float:
    """Peak memory of training a model of ``sizes``, in GiB (see :func:`memory_parts`)."""
    return memory_parts(
        sizes,
        lora=lora,
        batch_size=batch_size,
        input_length=input_length,
        target_length=target_length,
        precision=precision,
        trainable_parameters=trainable_parameters,
        include_runtime=include_runtime,
    ).total_gb


def default_lora_parameters(sizes: ModelSizes, rank: int = 8) -> int:
    """Parameters of a rank-``rank`` adapter on each attention layer's query and value.

    Each adapted ``h × h`` projection gains ``rank · 2h`` parameters (grouped-query attention
    makes the value projection smaller: this is a close upper estimate).
    """
    attention_layers = (
        sizes.encoder_layers + 2 * sizes.decoder_layers
        if sizes.encoder_decoder
        else sizes.decoder_layers
    )
    return 2 * attention_layers * rank * 2 * sizes.hidden


def step_flops(
    sizes: ModelSizes, *, lora: bool, batch_size: int, input_length: int, target_length: int
) -> float:
    """Floating-point operations of one training step (forward and backward of one batch)."""
    per_weight_token = 4 if lora else 6  # forward 2, activations' gradients 2, weights' gradients 2
    encoder_tokens, decoder_tokens = _token_counts(sizes, batch_size, input_length, target_length)
    decoder_matmul = sizes.matmul_parameters - sizes.encoder_matmul_parameters
    weights = sizes.encoder_matmul_parameters * encoder_tokens + decoder_matmul * decoder_tokens
    # Attention scores and their use: 4·s·h per token and layer forward, three times a step.
    if sizes.encoder_decoder:
        attention = (
            12
            * sizes.hidden
            * (
                sizes.encoder_layers * encoder_tokens * input_length
                + sizes.decoder_layers * decoder_tokens * (target_length + input_length)
            )
        )
    else:
        attention = (
            12
            * sizes.hidden
            * sizes.decoder_layers
            * decoder_tokens
            * (input_length + target_length)
        )
    return per_weight_token * weights + attention


def step_seconds(
    sizes: ModelSizes,
    *,
    lora: bool,
    batch_size: int,
    input_length: int,
    target_length: int,
    flops_per_second: float = REFERENCE_FLOPS,
) -> float:
    """Seconds of one training step at ``flops_per_second`` (default: the reference machine's)."""
    return (
        step_flops(
            sizes,
            lora=lora,
            batch_size=batch_size,
            input_length=input_length,
            target_length=target_length,
        )
        / flops_per_second
    )
