#!/usr/bin/env python3
"""The seed's reference recipe in PyTorch (Karpathy's makemore part 2, the notebook's plain code).

names.txt, block 3, embedding 10, hidden 200, batch 32, every parameter ~ randn, SGD with
lr 0.1 then 0.01 from half of the recipe's 200,000 steps, F.cross_entropy, an 80/10/10 split by
word after a seeded shuffle. The benchmark (bench/run.ts) runs it side by side with our engine.

Prints one JSON object per line on stdout (flushed, so the caller can time each line):
  {"event": "ready", ...}                  data prepared, about to train
  {"event": "chunk", "stepsPerSecond": ..} every --chunk steps (time of the steps only)
  {"event": "eval", "step": .., "dev": ..} every --eval-every steps (0: never)
  {"event": "done", "train": .., "dev": .., "test": .., ...}

Options: --data PATH, --steps N (steps to run; default the recipe's 200,000), --batch B,
--chunk K, --eval-every E, --threads T (default: the machine's cores), --seed S.
"""
import time

START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

RECIPE_STEPS = 200_000
BLOCK_SIZE = 3
EMBEDDING = 10
HIDDEN = 200


def emit(event, **fields):
    print(json.dumps({"event": event, "seconds": time.perf_counter() - START, **fields}), flush=True)


def build_dataset(words, stoi):
    X, Y = [], []
    for w in words:
        context = [0] * BLOCK_SIZE
        for ch in w + ".":
            ix = stoi[ch]
            X.append(context)
            Y.append(ix)
            context = context[1:] + [ix]
    return torch.tensor(X), torch.tensor(Y)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--steps", type=int, default=RECIPE_STEPS)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--eval-every", type=int, default=0)
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.eval_every % args.chunk != 0:
        parser.error("--eval-every must be a multiple of --chunk (evaluations happen between timed chunks)")
    torch.set_num_threads(args.threads)

    with open(args.data, encoding="utf-8") as f:
        words = [w.strip() for w in f.read().splitlines() if w.strip()]
    chars = sorted(set("".join(words)))
    stoi = {ch: i + 1 for i, ch in enumerate(chars)}
    stoi["."] = 0
    vocab = len(stoi)

    random.seed(args.seed)
    random.shuffle(words)
    n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
    Xtr, Ytr = build_dataset(words[:n1], stoi)
    Xdev, Ydev = build_dataset(words[n1:n2], stoi)
    Xte, Yte = build_dataset(words[n2:], stoi)

    g = torch.Generator().manual_seed(2147483647)
    C = torch.randn((vocab, EMBEDDING), generator=g)
    W1 = torch.randn((BLOCK_SIZE * EMBEDDING, HIDDEN), generator=g)
    b1 = torch.randn(HIDDEN, generator=g)
    W2 = torch.randn((HIDDEN, vocab), generator=g)
    b2 = torch.randn(vocab, generator=g)
    parameters = [C, W1, b1, W2, b2]
    for p in parameters:
        p.requires_grad = True

    def split_loss(X, Y):
        with torch.no_grad():
            emb = C[X]
            h = torch.tanh(emb.view(-1, BLOCK_SIZE * EMBEDDING) @ W1 + b1)
            return F.cross_entropy(h @ W2 + b2, Y).item()

    emit(
        "ready",
        torch=torch.__version__,
        threads=torch.get_num_threads(),
        python=sys.version.split()[0],
        examples={"train": Xtr.shape[0], "dev": Xdev.shape[0], "test": Xte.shape[0]},
    )

    train_seconds = 0.0
    chunk_start = time.perf_counter()
    for i in range(args.steps):
        ix = torch.randint(0, Xtr.shape[0], (args.batch,), generator=g)
        emb = C[Xtr[ix]]
        h = torch.tanh(emb.view(-1, BLOCK_SIZE * EMBEDDING) @ W1 + b1)
        logits = h @ W2 + b2
        loss = F.cross_entropy(logits, Ytr[ix])
        for p in parameters:
            p.grad = None
        loss.backward()
        lr = 0.1 if i < RECIPE_STEPS // 2 else 0.01
        for p in parameters:
            p.data += -lr * p.grad

        step = i + 1
        if step % args.chunk == 0 or step == args.steps:
            elapsed = time.perf_counter() - chunk_start
            train_seconds += elapsed
            steps_in_chunk = step % args.chunk or args.chunk
            emit("chunk", step=step, stepsPerSecond=steps_in_chunk / elapsed, loss=loss.item())
            if args.eval_every > 0 and step % args.eval_every == 0:
                emit("eval", step=step, dev=split_loss(Xdev, Ydev))
            chunk_start = time.perf_counter()

    emit(
        "done",
        steps=args.steps,
        trainSeconds=train_seconds,
        train=split_loss(Xtr, Ytr),
        dev=split_loss(Xdev, Ydev),
        test=split_loss(Xte, Yte),
        maxRssKb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    )


if __name__ == "__main__":
    main()
