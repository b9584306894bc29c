"""Training the answer-aware question writer (``agents/generation/writer.py``).

The material is people's questions for sentences of SQuAD *train* articles, never its dev
articles (every bench's SQuAD paragraphs come from those):

- all of SQuAD train (``--squad``): a SQuAD JSON file, or the SQuAD explorer's pages
  (``explore/1.0/train`` of rajpurkar/SQuAD-explorer at commit 13f82e35, one small page per
  article): every answered question with the sentence(s) holding its answer, 87,387 pairs;
- or Du et al. (2017)'s test split, ``src-test.txt`` and ``tgt-test.txt`` of xinyadu/nqg
  (CC BY-SA 4.0): 11,877 sentences of 44 SQuAD train articles, lower-cased and PTB-tokenised,
  each with a question a person wrote, but not its answer; a SQuAD v1.1 train file (complete,
  or cut short as mirrors hold it) gives a pair its gold answer where a question's words
  match, else it is trained with the answer unknown (``writer.UNKNOWN_ANSWER``).

The loop has nanoGPT's shape (one readable loop, the resolved settings saved with the
weights): batches of similar length, AdamW with a linear warm-up and decay, the fresh heads at
five times the encoder's learning rate, loss = -log p(question word) under the copy mix.

    .venv/bin/python -m retrainer.question_writer --squad PAGES_OR_JSON --out DIR \
        [--epochs 1] [--save-every 1000]
    .venv/bin/python -m retrainer.question_writer --sentences src-test.txt \
        --questions tgt-test.txt [--squad-train train-v1.1.json] --out DIR [--epochs 3]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from retrainer.exceptions import DataError, TrainingError


@dataclass(frozen=True)
class Pair:
    sentence: str
    question: str
    answer: str | None  # None: not known


@dataclass(frozen=True)
class WriterTraining:
    epochs: int = 3
    lr: float = 7e-5
    head_lr_factor: float = 5.0
    batch: int = 16
    warmup: float = 0.05
    weight_decay: float = 0.01
    seed: int = 0
    threads: int = 2
    save_every: int = 0  # batches; 0: save only at the end


_PTB = (("-lrb-", "("), ("-rrb-", ")"), ("-lsb-", "["), ("-rsb-", "]"), ("``", '"'),
        ("''", '"'))


def untokenised(text: str) -> str:
    """A PTB-tokenised line read back as text ('the duke 's -lrb- 911 -rrb- .' → "the duke's
    (911).")."""
    for token, mark in _PTB:
        text = text.replace(token, mark)
    text = re.sub(r" (['’]s|n't|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([,.;:?!%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return text.strip()


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def squad_articles(path: Path) -> list[dict]:
    """The complete articles of a SQuAD file, in file order; a copy cut short (as some
    mirrors hold it) is read up to its last complete article."""
    raw = path.read_text(encoding="utf-8")
    try:
        return list(json.loads(raw)["data"])
    except json.JSONDecodeError:
        pass
    decoder, out = json.JSONDecoder(), list[dict]()
    at = raw.index("[") + 1
    while True:  # a truncated copy: every article that closes
        while at < len(raw) and raw[at] in " ,\n\r\t":
            at += 1
        try:
            article, at = decoder.raw_decode(raw, at)
        except json.JSONDecodeError:
            return out
        out.append(article)


def gold_answers(squad_train: Path) -> dict[str, str]:
    """question words → the first gold answer, from a SQuAD train file (whole or cut short)."""
    return {_key(qa["question"]): qa["answers"][0]["text"]
            for article in squad_articles(squad_train) for paragraph in article["paragraphs"]
            for qa in paragraph["qas"] if qa.get("answers")}


def pairs(sentences: Path, questions: Path, squad_train: Path | None = None) -> list[Pair]:
    """Du et al.'s sentence/question pairs, each with its gold answer where the SQuAD train
    file gives one that occurs in the sentence."""
    src = sentences.read_text(encoding="utf-8").splitlines()
    tgt = questions.read_text(encoding="utf-8").splitlines()
    if len(src) != len(tgt) or not src:
        raise DataError(f"{sentences} and {questions} must have the same, non-zero number "
                        f"of lines ({len(src)} and {len(tgt)})")
    gold = gold_answers(squad_train) if squad_train else {}
    out = []
    for s, q in zip(src, tgt, strict=True):
        sentence, question = untokenised(s), untokenised(q)
        answer = gold.get(_key(question))
        if answer is not None and _key(answer) not in _key(sentence):
            answer = None  # the gold answer lies in another sentence of the paragraph
        out.append(Pair(sentence, question, answer))
    return out


class _ExplorerPage(HTMLParser):
    """One page of the SQuAD explorer (``explore/1.0/train/<title>.html`` of
    rajpurkar/SQuAD-explorer): each paragraph in a ``<pre>``, then its questions
    (``strong.question``) each with its answers (``span.answer``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[dict[str, Any]] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        kind = ("context" if tag == "pre" else "question" if "question" in cls.split()
                else "answer" if "answer" in cls.split() else None)
        if kind:
            self._in, self._text = kind, []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in is None or tag not in ("pre", "strong", "span"):
            return
        text, kind, self._in = "".join(self._text).strip(), self._in, None
        if kind == "context":
            self.paragraphs.append({"context": text, "qas": []})
        elif kind == "question" and self.paragraphs:
            self.paragraphs[-1]["qas"].append({"question": text, "answers": []})
        elif kind == "answer" and self.paragraphs and self.paragraphs[-1]["qas"]:
            start = self.paragraphs[-1]["context"].find(text)
            if start >= 0:  # the first occurrence: the page does not give the offset
                self.paragraphs[-1]["qas"][-1]["answers"].append(
                    {"text": text, "answer_start": start})


def explorer_articles(folder: Path) -> list[dict]:
    """SQuAD articles (the JSON's shape) from a folder of SQuAD explorer pages, in name order.
    The explorer's git history keeps every train article as one small page, where the
    train JSON itself is too large for some mirrors."""
    out = []
    for page in sorted(folder.glob("*.html")):
        parser = _ExplorerPage()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.paragraphs:
            out.append({"title": html.unescape(page.stem), "paragraphs": parser.paragraphs})
    return out


def squad_pairs(articles: list[dict]) -> list[Pair]:
    """Every answered question of SQuAD articles as a pair: the sentence (or sentences) that
    hold its first answer, found with spaCy's rule-based sentencizer."""
    import spacy

    split = spacy.blank("en")
    split.add_pipe("sentencizer")
    out = []
    for article in articles:
        for paragraph in article["paragraphs"]:
            context = paragraph["context"]
            sentences = [(s.start_char, s.end_char) for s in split(context).sents]
            for qa in paragraph["qas"]:
                if not qa.get("answers"):
                    continue
                answer = qa["answers"][0]
                start = int(answer["answer_start"])
                end = start + len(answer["text"])
                held = [(a, b) for a, b in sentences if a < end and b > start]
                if not held or context[start:end] != answer["text"]:
                    continue
                sentence = context[held[0][0] : held[-1][1]].strip()
                out.append(Pair(sentence, qa["question"].strip(), answer["text"].strip()))
    return out


def _encoded(tokenizer: Any, pair: Pair) -> tuple[list[int], list[int], list[int]]:
    from agents.generation.writer import MAX_QUESTION, UNKNOWN_ANSWER, source_ids

    ids, types = source_ids(tokenizer, pair.answer or UNKNOWN_ANSWER, pair.sentence)
    q = tokenizer(pair.question, add_special_tokens=False, truncation=True,
                  max_length=MAX_QUESTION)["input_ids"]
    return ids, types, [*q, tokenizer.sep_token_id]


def _batch(rows: list[tuple[list[int], list[int], list[int]]]) -> tuple[Any, ...]:
    import torch

    n = max(len(i) + len(q) for i, _, q in rows)
    ids = torch.zeros(len(rows), n, dtype=torch.long)
    types = torch.ones_like(ids)
    labels = torch.full_like(ids, -100)
    for b, (i, t, q) in enumerate(rows):
        ids[b, : len(i) + len(q)] = torch.tensor(i + q)
        types[b, : len(t)] = torch.tensor(t)
        # the state at each position predicts the next token: the last source token the
        # question's first word, and so on to its closing [SEP]
        labels[b, len(i) - 1 : len(i) - 1 + len(q)] = torch.tensor(q)
    source = torch.tensor([len(i) for i, _, _ in rows])
    lengths = torch.tensor([len(i) + len(q) for i, _, q in rows])
    return ids, types, source, lengths, labels


def loss_of(net: Any, tokenizer: Any, batch: tuple[Any, ...]) -> Any:
    """Mean -log p(question word) under the writer's vocabulary/copy mix."""
    import torch

    from agents.generation.writer import copyable

    ids, types, source, lengths, labels = batch
    hidden = net(ids, types, source, lengths)
    asked = labels != -100
    row = asked.nonzero()[:, 0]
    width = int(source.max())
    src = ids[:, :width]
    ok = copyable(tokenizer, src) & (torch.arange(width)[None] < source[:, None])
    p = net.probs(hidden[asked], hidden[row, :width], src[row], ok[row])
    return -torch.log(p.gather(1, labels[asked][:, None]) + 1e-12).mean()


def train(data: list[Pair], out: Path, settings: WriterTraining | None = None,
          encoder: Path | None = None, log: Callable[[str], None] = print) -> Path:
    """Fine-tune a writer from the sentence encoder on ``data`` and save it to ``out``."""
    import torch

    from agents.encoder import encoder_path, transformers_names
    from agents.generation.writer import network, save

    s = settings or WriterTraining()
    if not data:
        raise DataError("no training pairs")
    torch.manual_seed(s.seed)
    torch.set_num_threads(s.threads)
    BertModel, AutoTokenizer = transformers_names("BertModel", "AutoTokenizer")
    base = str(encoder or encoder_path())
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    pretrained = BertModel.from_pretrained(base, local_files_only=True, use_safetensors=True,
                                           add_pooling_layer=False)
    net = network(pretrained.config)
    net.bert.load_state_dict(pretrained.state_dict())
    rows = sorted((_encoded(tokenizer, p) for p in data), key=lambda r: len(r[0]) + len(r[2]))
    batches = [rows[i : i + s.batch] for i in range(0, len(rows), s.batch)]
    heads = [p for name, p in net.named_parameters() if not name.startswith("bert.")]
    body = [p for name, p in net.named_parameters() if name.startswith("bert.")]
    opt = torch.optim.AdamW([{"params": body, "lr": s.lr},
                             {"params": heads, "lr": s.lr * s.head_lr_factor}],
                            weight_decay=s.weight_decay)
    steps = s.epochs * len(batches)
    warm = max(1, int(s.warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min((k + 1) / warm, max(0.0, (steps - k) / max(1, steps - warm))))
    net.train()
    started = time.time()
    known = sum(p.answer is not None for p in data)

    def saved(at: str) -> Path:
        return save(net, tokenizer, out, {**asdict(s), "pairs": len(data),
                                          "answers_known": known, "at": at,
                                          "seconds": round(time.time() - started)})

    for epoch in range(s.epochs):
        random.Random(s.seed + epoch).shuffle(batches)
        total = 0.0
        for i, rows_b in enumerate(batches):
            loss = loss_of(net, tokenizer, _batch(rows_b))
            if not torch.isfinite(loss):
                raise TrainingError(f"non-finite loss at epoch {epoch} batch {i}")
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += loss.item()
            if i % 100 == 0:
                log(f"epoch {epoch} batch {i}/{len(batches)} loss {total / (i + 1):.3f} "
                    f"{time.time() - started:.0f} s")
            if s.save_every and (i + 1) % s.save_every == 0:
                net.eval()
                saved(f"{epoch}:{i + 1}/{len(batches)}")
                net.train()
    net.eval()
    return saved("done")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--squad", type=Path, default=None,
                        help="SQuAD train articles: a SQuAD JSON file, or a folder of SQuAD "
                             "explorer pages (explore/1.0/train of rajpurkar/SQuAD-explorer)")
    parser.add_argument("--sentences", type=Path, default=None,
                        help="Du et al. 2017 src-test.txt (one sentence a line)")
    parser.add_argument("--questions", type=Path, default=None,
                        help="Du et al. 2017 tgt-test.txt (the question for each line)")
    parser.add_argument("--squad-train", type=Path, default=None,
                        help="with --sentences: SQuAD v1.1 train JSON, for gold answers "
                             "(may be cut short)")
    parser.add_argument("--out", type=Path, required=True, help="the writer folder to write")
    parser.add_argument("--epochs", type=int, default=WriterTraining.epochs)
    parser.add_argument("--lr", type=float, default=WriterTraining.lr)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N pairs")
    parser.add_argument("--save-every", type=int, default=0,
                        help="also save the writer every N batches (0: only at the end)")
    args = parser.parse_args(argv)
    if (args.squad is None) == (args.sentences is None or args.questions is None):
        parser.error("give either --squad, or --sentences and --questions")
    if args.squad is not None:
        articles = (explorer_articles(args.squad) if args.squad.is_dir()
                    else squad_articles(args.squad))
        data = squad_pairs(articles)
    else:
        data = pairs(args.sentences, args.questions, args.squad_train)
    if args.limit:
        data = data[: args.limit]
    print(f"{len(data)} pairs, {sum(p.answer is not None for p in data)} with a gold answer")
    where = train(data, args.out, WriterTraining(epochs=args.epochs, lr=args.lr,
                                                 save_every=args.save_every))
    print(f"question writer saved to {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
