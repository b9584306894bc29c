"""Tiny generative models built on the spot, for tests and for trying the training loop.

Nothing here downloads anything: a byte-level BPE tokenizer is trained on the given texts, a
2-layer GPT-2 (causal) or T5 (seq2seq) with a 64-wide embedding is initialised from a config,
and both are saved with ``save_pretrained`` (safetensors) so that ``build_engine`` loads them
exactly like a real model. ``finetune`` teaches one to answer ``prompts.build_prompt`` with
``prompts.target_text``, the same format the LlmEngine parses.

    folder = build_tiny_model(tmp_path / "gpt", texts)                 # random weights: junk
    finetune(folder, [(prompt, target), ...], steps=150)             # now it writes "Q: … A: …"
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

SPECIAL = {"pad": "<pad>", "unk": "<unk>", "bos": "<s>", "eos": "</s>"}


def train_tokenizer(texts: Sequence[str], vocab_size: int = 600) -> Any:
    """A byte-level BPE tokenizer (exact round trip of any text) as a fast HF tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.BPE(unk_token=SPECIAL["unk"]))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(SPECIAL.values()),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tokenizer.train_from_iterator(texts, trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        pad_token=SPECIAL["pad"],
        unk_token=SPECIAL["unk"],
        bos_token=SPECIAL["bos"],
        eos_token=SPECIAL["eos"],
    )


def build_tiny_model(
    folder: Path,
    texts: Sequence[str],
    kind: Literal["causal", "seq2seq"] = "causal",
    vocab_size: int = 600,
    width: int = 64,
    layers: int = 2,
    seed: int = 0,
) -> Path:
    """Train a tokenizer on ``texts``, initialise a tiny model, save both to ``folder``."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel, T5Config, T5ForConditionalGeneration

    torch.manual_seed(seed)
    tokenizer = train_tokenizer(texts, vocab_size)
    ids = {name: tokenizer.convert_tokens_to_ids(tok) for name, tok in SPECIAL.items()}
    model: Any
    config: Any
    if kind == "causal":
        config = GPT2Config(
            vocab_size=len(tokenizer), n_positions=512, n_embd=width, n_layer=layers, n_head=2,
            bos_token_id=ids["bos"], eos_token_id=ids["eos"], pad_token_id=ids["pad"],
        )  # fmt: skip
        model = GPT2LMHeadModel(config)
    else:
        config = T5Config(
            vocab_size=len(tokenizer), d_model=width, d_kv=width // 2, d_ff=width * 2,
            num_layers=layers, num_decoder_layers=layers, num_heads=2,
            pad_token_id=ids["pad"], eos_token_id=ids["eos"],
        )  # fmt: skip
        config.decoder_start_token_id = ids["pad"]  # T5 starts decoding from <pad>
        model = T5ForConditionalGeneration(config)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)  # safetensors is the only format transformers 5 writes
    tokenizer.save_pretrained(folder)
    return folder


def finetune(
    folder: Path,
    pairs: Sequence[tuple[str, str]],
    steps: int = 150,
    lr: float = 3e-3,
    batch_size: int = 8,
    seed: int = 0,
) -> dict[str, float]:
    """Teach the model in ``folder`` to write ``target`` after ``prompt``; saves it back.

    A causal model learns on prompt + target + eos with the loss on the target only; a
    seq2seq model maps prompt → target. Returns the first and last loss."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    seq2seq = AutoConfig.from_pretrained(folder, local_files_only=True).is_encoder_decoder
    cls = AutoModelForSeq2SeqLM if seq2seq else AutoModelForCausalLM
    model = cls.from_pretrained(folder, local_files_only=True, use_safetensors=True)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    eos = tokenizer.eos_token
    losses = []
    for step in range(steps):
        batch = [pairs[(step * batch_size + i) % len(pairs)] for i in range(batch_size)]
        if seq2seq:
            enc = tokenizer([p for p, _ in batch], return_tensors="pt", padding=True)
            labels = tokenizer([t + eos for _, t in batch], return_tensors="pt", padding=True)
            label_ids = labels["input_ids"].masked_fill(labels["attention_mask"] == 0, -100)
            enc.pop("token_type_ids", None)
            loss = model(**enc, labels=label_ids).loss
        else:
            tokenizer.padding_side = "right"
            enc = tokenizer([p + t + eos for p, t in batch], return_tensors="pt", padding=True)
            label_ids = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
            for row, (prompt, _) in enumerate(batch):  # no loss on the prompt
                label_ids[row, : len(tokenizer(prompt)["input_ids"])] = -100
            enc.pop("token_type_ids", None)
            loss = model(**enc, labels=label_ids).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    model.eval()
    model.save_pretrained(folder)
    summary = {"first_loss": losses[0], "last_loss": losses[-1], "steps": float(steps)}
    (folder / "finetune.json").write_text(json.dumps(summary))
    return summary
