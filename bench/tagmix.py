#!/usr/bin/env python3
"""How good must the tags be?  Parses EWT dev with dyad's own tags of which
a random share of the wrong (UPOS, XPOS) pairs is replaced by the gold ones,
and prints UPOS, UAS and LAS (docs/parser.md, "The parser alone").

    python3 bench/tagmix.py build/dyad ../shared/data/ud/en_ewt-ud-dev.conllu 0.5 [BEAM]

The gold file's tokens are tagged by `dyad parse` first (its own tags), then
mixed (seed 7), then parsed again with `dyad parse --keep-tags`.
"""
import random
import subprocess
import sys
import tempfile


def words(text):
    return [l.split("\t") for l in text.split("\n")
            if l and l.split("\t")[0].isdigit()]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    dyad, gold_path, frac = sys.argv[1], sys.argv[2], float(sys.argv[3])
    beam = sys.argv[4] if len(sys.argv) > 4 else "16"
    gold = words(open(gold_path, encoding="utf-8").read())
    own = subprocess.run([dyad, "parse", "--beam", beam, gold_path], check=True,
                         capture_output=True, text=True).stdout
    rnd = random.Random(7)
    out, k, wrong, fixed = [], 0, 0, 0
    for line in own.split("\n"):
        f = line.split("\t")
        if line and f[0].isdigit():
            g = gold[k]
            k += 1
            if (f[3], f[4]) != (g[3], g[4]):
                wrong += 1
                if rnd.random() < frac:
                    f[3], f[4] = g[3], g[4]
                    fixed += 1
            f[6] = f[7] = "_"
            line = "\t".join(f)
        out.append(line)
    with tempfile.NamedTemporaryFile("w", suffix=".conllu", encoding="utf-8") as tmp:
        tmp.write("\n".join(out))
        tmp.flush()
        mixed = words("\n".join(out))
        parsed = words(subprocess.run([dyad, "parse", "--keep-tags", "--beam", beam, tmp.name],
                                      check=True, capture_output=True, text=True).stdout)
    n = len(gold)
    assert len(parsed) == n == len(mixed)
    upos = sum(a[3] == b[3] for a, b in zip(gold, mixed))
    uas = sum(a[6] == b[6] for a, b in zip(gold, parsed))
    las = sum(a[6] == b[6] and a[7] == b[7] for a, b in zip(gold, parsed))
    print(f"wrong tags {wrong}, fixed {fixed}: UPOS {100 * upos / n:.2f} "
          f"UAS {100 * uas / n:.2f} LAS {100 * las / n:.2f}")


if __name__ == "__main__":
    main()
