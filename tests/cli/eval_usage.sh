#!/usr/bin/env bash
# dyad eval: exit codes and the metric table on a small gold file written
# here (no treebank text), where the expected scores are known by hand.
set -u
dyad=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "eval_usage: $*"; exit 1; }

"$dyad" eval >/dev/null 2>&1; [ $? -eq 2 ] || fail "no argument should be a usage error (2)"
"$dyad" eval --bogus x.conllu >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown option should exit 2"

# Gold: two sentences in one paragraph, the first with a multiword token.
# dyad splits "didn't" as did+n't and the two sentences at the period, so
# every metric is 100.
printf '%s\n' \
  '# newdoc id = d1' '# newpar' '# sent_id = 1' "# text = We didn't go." \
  '1	We	_	_	_	_	_	_	_	_' \
  "2-3	didn't	_	_	_	_	_	_	_	_" \
  '2	did	_	_	_	_	_	_	_	_' \
  "3	n't	_	_	_	_	_	_	_	_" \
  '4	go	_	_	_	_	_	_	_	SpaceAfter=No' \
  '5	.	_	_	_	_	_	_	_	_' '' \
  '# sent_id = 2' '# text = They stayed home.' \
  '1	They	_	_	_	_	_	_	_	_' \
  '2	stayed	_	_	_	_	_	_	_	_' \
  '3	home	_	_	_	_	_	_	_	SpaceAfter=No' \
  '4	.	_	_	_	_	_	_	_	_' '' > "$tmp/g2.conllu"
out=$("$dyad" eval --quiet "$tmp/g2.conllu" 2>/dev/null) || fail "eval failed on a valid file"
echo "$out" | grep -Eq '^Tokens +\| +100\.00 \| +100\.00 \| +100\.00 \| +8 \| +8 \| +8$' || fail "Tokens row wrong: $out"
echo "$out" | grep -Eq '^Sentences +\| +100\.00 \| +100\.00 \| +100\.00 \| +2 \| +2 \| +2$' || fail "Sentences row wrong: $out"
echo "$out" | grep -Eq '^Words +\| +100\.00 \| +100\.00 \| +100\.00 \| +9 \| +9 \| +9$' || fail "Words row wrong: $out"

# A gold that keeps "didn't" as one word: dyad's did+n't gives 5 system
# words against 4 gold words, 3 of them aligned (We, go, .): precision 3/5,
# recall 3/4; the tokens still match (4 of 4).
printf '%s\n' '# newdoc id = d2' "# text = We didn't go." \
  '1	We	_	_	_	_	_	_	_	_' \
  "2	didn't	_	_	_	_	_	_	_	_" \
  '3	go	_	_	_	_	_	_	_	SpaceAfter=No' \
  '4	.	_	_	_	_	_	_	_	_' '' > "$tmp/g3.conllu"
out=$("$dyad" eval --quiet "$tmp/g3.conllu" 2>/dev/null) || fail "eval failed on g3"
echo "$out" | grep -Eq '^Words +\| +60\.00 \| +75\.00 \| +66\.67 \| +4 \| +5 \| +3$' || fail "Words row on g3 wrong: $out"

# Thresholds: a minimum above 100 fails with exit 4.
echo 'k Tokens 100.5' > "$tmp/th.txt"
"$dyad" eval --quiet --thresholds "$tmp/th.txt" --key k "$tmp/g2.conllu" >/dev/null 2>&1
[ $? -eq 4 ] || fail "a failed threshold should exit 4"
echo 'k Tokens 99' > "$tmp/th.txt"
"$dyad" eval --quiet --thresholds "$tmp/th.txt" --key k "$tmp/g2.conllu" >/dev/null 2>&1 || fail "a met threshold should exit 0"
echo "eval_usage: ok"
