"""A learned question writer for answer-aware mode: optional, loaded from a local folder.

The rule engine asks questions that the parse allows; people who write SQuAD's questions
paraphrase, drop and reorder more than rules can. This writer learns that from pairs of a
sentence, an answer in it and the question a person wrote for it.

The model is the sentence encoder the engine already ships (MiniLM, ``agents.encoder``) read
as one prefix language model (UniLM, Dong et al. 2019): ``[CLS] answer [SEP] sentence [SEP]``
is read both ways, the question after it left to right, so no attention layer starts from
nothing. A copy head (See et al. 2017) mixes the vocabulary with pointing at a source word:
most question words are copied.

Experimental: two blind reviews (``bench/qg_review.py``) found its questions worse than the
rules': session 35's (~12,000 pairs) kept 18.9 % against 41.1 %; session 36's, trained on all
87,387 pairs of SQuAD train, kept 25.0 % against 37.5 % though its held-out BLEU-4/ROUGE-L rose
to 10.0/38.5 from the rules' 8.8/34.5. Only the API and the benches take one; the CLI asks by
the rules.

``retrainer/question_writer.py`` trains it and writes the folder this module loads:
``writer.json`` (format, the encoder's config, how it was trained), ``writer.safetensors``
and the tokenizer's files. No folder, no writer: the rules ask every question as before.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.exceptions import ModelLoadError

FORMAT = "writer/1"
CONFIG, WEIGHTS = "writer.json", "writer.safetensors"
MAX_SOURCE, MAX_QUESTION = 96, 38  # wordpieces: answer + sentence; question
UNKNOWN_ANSWER = "[MASK]"  # a training pair whose answer is not known (the question only)


def network(config: Any) -> Any:
    """The writer's network for a BertConfig: the encoder, a vocabulary head tied to its word
    embeddings, and the copy head."""
    import torch

    from agents.encoder import transformers_names

    (BertModel,) = transformers_names("BertModel")

    class Writer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            config._attn_implementation = "sdpa"  # a boolean 4-D mask: True reads
            self.bert = BertModel(config, add_pooling_layer=False)
            h = config.hidden_size
            self.dense = torch.nn.Linear(h, h)
            self.norm = torch.nn.LayerNorm(h)
            self.bias = torch.nn.Parameter(torch.zeros(config.vocab_size))
            self.q = torch.nn.Linear(h, h)
            self.k = torch.nn.Linear(h, h)
            self.gate = torch.nn.Linear(h, 1)

        def forward(self, ids: Any, types: Any, source: Any, lengths: Any) -> Any:
            """Hidden states; ``source`` and ``lengths`` per row: how many tokens are the
            source, and how many are real (the rest is padding)."""
            n = ids.shape[1]
            at = torch.arange(n)
            real = at[None, :] < lengths[:, None]
            src = at[None, :] < source[:, None]
            earlier = at[None, :, None] >= at[None, None, :]
            # a source token reads the source; a question token the source and the question
            # up to itself; padding reads only itself
            allow = (src[:, None, :] | (earlier & ~src[:, :, None])) & real[:, None, :]
            allow = allow | torch.eye(n, dtype=torch.bool)[None]
            out = self.bert(input_ids=ids, token_type_ids=types, attention_mask=allow[:, None])
            return out.last_hidden_state

        def probs(self, hidden: Any, src_hidden: Any, src_ids: Any, src_ok: Any) -> Any:
            """p(next word) for each question position (N, h): the vocabulary, mixed by a
            learnt gate with copying one of its row's source words (N, L)."""
            words = torch.nn.functional.gelu(self.dense(hidden))
            vocab = torch.softmax(self.norm(words) @ self.bert.embeddings.word_embeddings.weight.T
                                  + self.bias, -1)
            scores = torch.einsum("nh,nlh->nl", self.q(hidden), self.k(src_hidden))
            scores = (scores / hidden.shape[-1] ** 0.5).masked_fill(~src_ok, -1e9)
            gate = torch.sigmoid(self.gate(hidden))
            return (gate * vocab).scatter_add(1, src_ids, (1 - gate) * torch.softmax(scores, -1))

    return Writer()


def source_ids(tokenizer: Any, answer: str, sentence: str) -> tuple[list[int], list[int]]:
    """``[CLS] answer [SEP] sentence [SEP]`` and its segment ids (the sentence cut to fit)."""
    x = tokenizer(answer, sentence, truncation="only_second", max_length=MAX_SOURCE)
    return list(x["input_ids"]), list(x["token_type_ids"])


def copyable(tokenizer: Any, ids: Any) -> Any:
    """Which source tokens the copy head may point at: words, not [CLS]/[SEP]/padding."""
    return (ids != tokenizer.cls_token_id) & (ids != tokenizer.sep_token_id) & (ids != 0)


@dataclass
class QuestionWriter:
    """A loaded writer: ``ask(answer, sentence)`` is the question it writes."""

    net: Any
    tokenizer: Any
    about: dict[str, Any]
    beams: int = 4

    def __post_init__(self) -> None:
        self._lock = threading.Lock()  # torch modules are not safe from several threads

    def ask(self, answer: str, sentence: str, max_words: int = 32) -> str:
        """The most likely question (beam search, length-normalised, no trigram repeated),
        recased from the sentence; '' when the model writes none."""
        import torch

        tok = self.tokenizer
        ids, types = source_ids(tok, answer, sentence)
        s = len(ids)
        beams: list[tuple[list[int], float]] = [([], 0.0)]
        done: list[tuple[list[int], float]] = []
        with self._lock, torch.inference_mode():
            for _ in range(max_words):
                rows = torch.tensor([ids + h for h, _ in beams])
                kinds = torch.ones_like(rows)
                kinds[:, :s] = torch.tensor(types)
                n = len(beams)
                hidden = self.net(rows, kinds, torch.full((n,), s), torch.full((n,), rows.shape[1]))
                src = rows[:, :s]
                logp = torch.log(self.net.probs(hidden[:, -1], hidden[:, :s], src,
                                                copyable(tok, src)) + 1e-12)
                grown = []
                for b, (h, score) in enumerate(beams):
                    top = torch.topk(logp[b], self.beams + 1)
                    for lp, w in zip(top.values.tolist(), top.indices.tolist(), strict=True):
                        if len(h) >= 2 and _repeats([*h, w]):
                            continue
                        grown.append(([*h, w], score + lp))
                grown.sort(key=lambda c: -c[1] / len(c[0]))
                beams = []
                for h, score in grown:  # the best continuations, until the beam is full:
                    if len(beams) == self.beams:  # one that ends among them is a question
                        break
                    if h[-1] == tok.sep_token_id:
                        done.append((h[:-1], score / len(h)))
                    else:
                        beams.append((h, score))
                if not beams or (len(done) >= self.beams and max(d[1] for d in done)
                                 >= max(score / len(h) for h, score in beams)):
                    break  # no live question can still beat the best finished one
        done = done or [(h, score / len(h)) for h, score in beams]
        best = max(done, key=lambda d: d[1])[0]
        text = tok.decode(best, skip_special_tokens=True, clean_up_tokenization_spaces=True)
        return recase(text, sentence, answer)


def _repeats(words: list[int]) -> bool:
    last = words[-3:]
    return any(words[i:i + 3] == last for i in range(len(words) - 3))


_OPENERS = frozenset(str.split(
    "the a an in on at it its this that these those he she they his her their there after "
    "before during when while as by for from with of to since although however many most some "
    "each every one two three following later also both"))


def plain(word: str) -> str:
    """A word as the uncased tokenizer reads it: lower case, accents stripped."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if unicodedata.category(c) != "Mn")


def recase(question: str, sentence: str, answer: str = "") -> str:
    """The uncased model's question in the sentence's own spelling: each word as the sentence
    writes it (case, accents, 'Saint-Clair' rather than 'saint - clair'), the first word
    capitalised, ' ?' closed up; a possessive takes its owner's spelling."""
    forms: dict[str, str] = {}
    for at, word in enumerate(re.findall(r"[\w'’.-]+", f"{sentence} {answer}")):
        word = word.strip(".")
        if word and not (at == 0 and word.lower() in _OPENERS):  # 'The' opens a sentence
            forms.setdefault(plain(word), word)
    text = re.sub(r"\s+([?,;:!.%)])", r"\1", question.strip())
    text = re.sub(r"([($])\s+", r"\1", text)
    text = re.sub(r"\s*'\s*s\b", "'s", text)

    def joined(m: re.Match[str]) -> str:
        whole = m.group(0).replace(" - ", "-")
        return whole if plain(whole) in forms else m.group(0)

    text = re.sub(r"\w+(?: - \w+)+", joined, text)

    def cased(word: str) -> str:  # a possessive the sentence does not write: 'tesla's'
        if plain(word) in forms:
            return forms[plain(word)]
        stem, owner = re.match(r"(.*?)((?:'|’)s)?$", word).groups()  # type: ignore[union-attr]
        return forms[plain(stem)] + owner if owner and plain(stem) in forms else word

    split = (re.match(r"(.*?)([?,;:!.%)]*)$", w) for w in text.split(" "))
    words = [cased(m[1]) + m[2] for m in split if m]
    words = [w if w != "i" else "I" for w in words]
    out = " ".join(words)
    return out[:1].upper() + out[1:]


_LOADED: dict[str, QuestionWriter] = {}
_LOADING = threading.Lock()


def load(folder: str | Path) -> QuestionWriter:
    """The writer saved in ``folder`` (loaded once per process); ModelLoadError in one line
    when the folder is not a writer."""
    key = str(Path(folder).resolve())
    with _LOADING:
        if key not in _LOADED:
            _LOADED[key] = _load(Path(folder))
        return _LOADED[key]


def _load(folder: Path) -> QuestionWriter:
    from agents.encoder import transformers_names

    BertConfig, AutoTokenizer = transformers_names("BertConfig", "AutoTokenizer")
    where = folder / CONFIG
    try:
        about = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"no question writer at {folder}: cannot read {CONFIG} "
                             f"({type(exc).__name__})") from exc
    if about.get("format") != FORMAT:
        raise ModelLoadError(f"the question writer at {folder} is {about.get('format')!r}; "
                             f"this cardstream reads {FORMAT!r}")
    try:
        from safetensors.torch import load_file

        net = network(BertConfig(**about["bert"]))
        net.load_state_dict(load_file(str(folder / WEIGHTS)))
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    except (OSError, KeyError, RuntimeError, TypeError, ValueError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ModelLoadError(f"cannot load the question writer at {folder}: {first}") from exc
    net.eval()
    return QuestionWriter(net, tokenizer, about)


def save(net: Any, tokenizer: Any, folder: str | Path, trained: dict[str, Any]) -> Path:
    """Write a writer folder ``load`` reads: weights (safetensors), config, tokenizer."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # the vocabulary head is tied to the word embeddings: safetensors stores no shared tensor
    state = {k: v.contiguous() for k, v in net.state_dict().items()}
    save_file(state, str(folder / WEIGHTS))
    tokenizer.save_pretrained(str(folder))
    about = {"format": FORMAT, "bert": net.bert.config.to_diff_dict(), "trained": trained}
    (folder / CONFIG).write_text(json.dumps(about, indent=1, sort_keys=True), encoding="utf-8")
    return folder
