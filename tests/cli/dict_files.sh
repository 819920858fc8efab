#!/usr/bin/env bash
# Structural checks of the default dictionaries in data/dict, independent of
# the dictionary reader: every CAMEO code used exists in
# data/cameo/codes.tsv, every synonym set used is defined before use, every
# pattern and verb line has the PETRARCH-2 shape, no verb form belongs to
# two blocks, agents carry known actor-type codes, and dyad.ini names the
# files of the set.  Prints the counts the README quotes.
#
# $1 (the dyad binary) is not needed: this test reads data files only.
# Usage outside ctest: bash tests/cli/dict_files.sh [dyad] [DICT_DIR]
set -u
dir=${2:-data/dict}
codes=data/cameo/codes.tsv
fail=0
[ -f "$codes" ] || { echo "FAIL: $codes not found" >&2; exit 1; }
for f in verbs.txt agents.txt discards.txt issues.txt dyad.ini; do
  [ -f "$dir/$f" ] || { echo "FAIL: $dir/$f not found" >&2; exit 1; }
done

# Plain ASCII, no tabs, no trailing blanks: the PETRARCH formats separate
# fields with blanks and a stray tab is invisible in review.
for f in verbs.txt agents.txt discards.txt issues.txt dyad.ini; do
  if LC_ALL=C grep -n '[^ -~]' "$dir/$f" | head -3 | grep -q .; then
    LC_ALL=C grep -n '[^ -~]' "$dir/$f" | head -3 | sed "s|^|FAIL: $dir/$f: tab or non-ASCII: |" >&2
    fail=1
  fi
  if grep -n ' $' "$dir/$f" | head -3 | grep -q .; then
    grep -n ' $' "$dir/$f" | head -3 | sed "s|^|FAIL: $dir/$f: trailing blank: |" >&2
    fail=1
  fi
done

# ---- verbs.txt ----------------------------------------------------------
awk -v f="$dir/verbs.txt" '
  function err(msg) { printf "FAIL: %s:%d: %s\n", f, FNR, msg; bad = 1 }
  function code_ok(c) { return c == "---" || c == "" || (c in cameo) }
  # Checks "[A]" or "[A:B]" at the end of s; returns the text before it.
  function strip_code(s,   m, c, n, parts) {
    if (!match(s, / \[[0-9:-]*\]$/)) { err("missing [CODE] at end: " s); return s }
    c = substr(s, RSTART + 2, RLENGTH - 3)
    n = split(c, parts, ":")
    if (n > 2 || (n == 1 && c == "")) err("bad code [" c "]")
    if (!code_ok(parts[1]) || (n == 2 && !code_ok(parts[2])))
      err("code [" c "] not in codes.tsv")
    if (n == 2 && parts[1] == "" && parts[2] == "") err("empty code pair")
    return substr(s, 1, RSTART - 1)
  }
  FILENAME ~ /codes\.tsv$/ { if (FNR > 1) cameo[$1] = 1; next }
  {
    line = $0
    sub(/#.*/, "", line)
    sub(/[ ]+$/, "", line)
    if (line == "") next
  }
  # Every synset reference must be defined above the line using it.
  {
    rest = line
    while (match(rest, /&[A-Z0-9_]+/)) {
      name = substr(rest, RSTART, RLENGTH)
      rest = substr(rest, RSTART + RLENGTH)
      if (line !~ /^&/ && !(name in synset)) err("synset " name " used before its definition")
    }
  }
  line ~ /^&/ {
    if (line !~ /^&[A-Z0-9_]+$/) err("bad synset label: " line)
    if (line in synset) err("synset " line " defined twice")
    synset[line] = 1; cur_syn = line; in_syn = 1; nsyn++
    next
  }
  line ~ /^\+/ && in_syn {
    if (line !~ /^\+[A-Z0-9][A-Z0-9_'\''-]*$/) err("bad synset member: " line)
    nmember[cur_syn]++
    next
  }
  line ~ /^---/ {
    in_syn = 0
    if (line !~ /^--- [A-Z][A-Z0-9_-]* \[([0-9]+|---)\] ---$/) { err("bad block header: " line); next }
    c = line; sub(/^--- [^ ]+ \[/, "", c); sub(/\] ---$/, "", c)
    if (!code_ok(c)) err("block code " c " not in codes.tsv")
    block = line; sub(/^--- /, "", block); sub(/ .*/, "", block)
    if (block in blocks) err("block " block " defined twice")
    blocks[block] = 1; nblock++; verbs_in_block = 0
    next
  }
  line ~ /^- / {
    if (block == "") { err("pattern outside a verb block"); next }
    if (verbs_in_block == 0) err("pattern before any verb of block " block)
    npat++
    p = strip_code(line)
    p = substr(p, 3)
    if (gsub(/\*/, "*", p) != 1) err("pattern needs exactly one *: " line)
    if (gsub(/\(/, "(", p) != gsub(/\)/, ")", p)) err("unbalanced (): " line)
    if (gsub(/\{/, "{", p) != gsub(/\}/, "}", p)) err("unbalanced {}: " line)
    if (p ~ /\([^)]*\(/) err("nested prepositional phrase: " line)
    # A noun phrase in braces has an adjective or noun before its head; a
    # single word in braces is a plural written the agents way by mistake.
    if (p ~ /\{[^ {}]*\}/) err("one-word {NOUN PHRASE}: " line)
    rest = p
    while (match(rest, /\([^()]*\)/)) {
      pp = substr(rest, RSTART + 1, RLENGTH - 2)
      rest = substr(rest, RSTART + RLENGTH)
      split(pp, w, " ")
      if (!(w[1] in prep)) err("(" pp ") does not start with a preposition")
    }
    # '%': the subject is coordinated and its actors act on each other
    if (p ~ /[^A-Z0-9_&$+*(){}% '\''-]/) err("unexpected character in pattern: " line)
    next
  }
  line ~ /^~/ {
    ntrans++
    if (line !~ /^~ [a-z._] \([a-z._] [a-z._] [A-Z_]+ ?\) [A-Z_]+ = [a-z._] [a-z._] [0-9A-Z]+$/) {
      err("bad transformation: " line); next
    }
    split(line, t, /[ ()]+/)
    # t: ~ a b c LOWER UPPER = x y CODE
    trans_verb[t[5]] = FNR; trans_verb[t[6]] = FNR
    if (t[10] != "Q" && !(t[10] in cameo)) err("transformation code " t[10] " not in codes.tsv")
    next
  }
  # Anything else inside a block is a verb line.
  {
    if (block == "") { err("line outside any block: " line); next }
    v = line
    vcode = ""
    if (match(v, / \[[0-9:-]*\]$/)) v = strip_code(v)
    forms = v; sub(/ .*/, "", forms)
    extra = ""
    if (v ~ / \{/) {
      extra = v; sub(/^[^{]*\{/, "", extra)
      if (extra !~ /\}$/) { err("bad verb forms: " line); next }
      sub(/\}$/, "", extra)
    } else if (v ~ / /) { err("bad verb line: " line); next }
    if (forms !~ /^\+?[A-Z][A-Z-]*(_\+?[A-Z][A-Z-]*)*$/) err("bad verb: " forms)
    if (forms ~ /_/ && forms !~ /\+/) err("multi-word verb without + on its verb: " forms)
    if (forms !~ /_/ && forms ~ /\+/) err("+ on a one-word verb: " forms)
    nverb++; verbs_in_block++
    n = split(forms " " extra, all, " ")
    for (i = 1; i <= n; i++) {
      form = all[i]; gsub(/\+/, "", form)
      if (form == "") continue
      if ((form in owner) && owner[form] != block)
        err("verb form " form " is in blocks " owner[form] " and " block)
      owner[form] = block
    }
    vname = forms; gsub(/\+/, "", vname); isverb[vname] = 1
  }
  BEGIN {
    split("ABOUT AFTER AGAINST AHEAD ALONG AMONG AROUND AS AT BEFORE BEHIND BETWEEN " \
          "BY DESPITE DURING FOR FROM IN INSIDE INTO NEAR OF OFF ON ONTO OUT OUTSIDE " \
          "OVER THROUGH TO TOWARD TOWARDS UNDER UNTIL UP UPON WITH WITHIN WITHOUT", pl, " ")
    for (i in pl) prep[pl[i]] = 1
  }
  END {
    for (s in synset) if (nmember[s] == 0) { printf "FAIL: %s: synset %s is empty\n", f, s; bad = 1 }
    for (v in trans_verb) if (v != "Q" && !(v in isverb)) {
      printf "FAIL: %s:%d: transformation names %s, which is not a verb here\n", f, trans_verb[v], v; bad = 1
    }
    printf "verbs.txt: %d synsets, %d blocks, %d verbs, %d patterns, %d transformations\n", \
      nsyn, nblock, nverb, npat, ntrans
    exit bad
  }' "$codes" "$dir/verbs.txt" || fail=1

# ---- agents.txt ---------------------------------------------------------
awk -v f="$dir/agents.txt" '
  BEGIN {
    n = split("GOV MIL COP JUD LEG OPP REB INS SEP SPY UAF PKO MED BUS CVL REF LAB " \
              "EDU REL MUS CHR CTH JEW HIN BUD NGO HRI CRM HLH AGR ENV ELI RAD MOD PTY SET", c, " ")
    for (i = 1; i <= n; i++) known[c[i]] = 1
  }
  { line = $0; sub(/[ ]*#.*/, "", line) }
  line == "" { next }
  {
    if (line !~ /^[A-Z0-9][A-Z0-9_'\''-]*( \{[A-Z0-9_ '\''-]*\})? \[(~[A-Z]+|[A-Z]+~)\]$/) {
      printf "FAIL: %s:%d: bad agent line: %s\n", f, FNR, $0; bad = 1; next
    }
    code = line; sub(/.*\[/, "", code); sub(/\]$/, "", code); gsub(/~/, "", code)
    if (!(code in known)) { printf "FAIL: %s:%d: unknown agent code %s\n", f, FNR, code; bad = 1 }
    phrase = line; sub(/ .*/, "", phrase)
    if (phrase in seen) { printf "FAIL: %s:%d: %s already on line %d\n", f, FNR, phrase, seen[phrase]; bad = 1 }
    seen[phrase] = FNR; nagent++; bycode[code]++
  }
  END {
    printf "agents.txt: %d agents\n", nagent
    exit bad
  }' "$dir/agents.txt" || fail=1

# ---- discards.txt -------------------------------------------------------
awk -v f="$dir/discards.txt" '
  { line = $0; sub(/[ ]*#.*/, "", line) }
  line == "" { next }
  {
    if (line !~ /^\+?[A-Z0-9][A-Z0-9 .'\''-]*_?$/ || line ~ /  /) {
      printf "FAIL: %s:%d: bad discard line: %s\n", f, FNR, $0; bad = 1; next
    }
    key = line; sub(/^\+/, "", key)
    if (key in seen) { printf "FAIL: %s:%d: %s already on line %d\n", f, FNR, key, seen[key]; bad = 1 }
    seen[key] = FNR; n++; if (line ~ /^\+/) story++
  }
  END { printf "discards.txt: %d discards (%d story-level)\n", n, story; exit bad }' "$dir/discards.txt" || fail=1

# ---- issues.txt ---------------------------------------------------------
awk -v f="$dir/issues.txt" '
  { line = $0; sub(/[ ]*#.*/, "", line) }
  line == "" { next }
  line ~ /^<ISSUE CATEGORY="[A-Z_]+">$/ { if (open) { printf "FAIL: %s:%d: nested <ISSUE>\n", f, FNR; bad = 1 } open = 1; next }
  line == "</ISSUE>" { if (!open) { printf "FAIL: %s:%d: </ISSUE> without <ISSUE>\n", f, FNR; bad = 1 } open = 0; next }
  line ~ /^~~?[a-zA-Z0-9]/ { next }
  line ~ /^[a-z:+ '\''-]+ \[[A-Z_]+\]$/ { n++; next }
  { printf "FAIL: %s:%d: bad issue line: %s\n", f, FNR, $0; bad = 1 }
  END {
    if (open) { printf "FAIL: %s: <ISSUE> not closed\n", f; bad = 1 }
    printf "issues.txt: %d issue phrases\n", n; exit bad
  }' "$dir/issues.txt" || fail=1

# ---- dyad.ini -----------------------------------------------------------
ini="$dir/dyad.ini"
get() { sed -n "s/^$1[ ]*=[ ]*//p" "$ini"; }
grep -q '^\[Dictionaries\]$' "$ini" || { echo "FAIL: $ini: no [Dictionaries] section" >&2; fail=1; }
for key in verbfile_name agentfile_name discardfile_name issuefile_name; do
  v=$(get "$key")
  if [ -z "$v" ]; then echo "FAIL: $ini: $key missing" >&2; fail=1
  elif [ ! -f "$dir/$v" ]; then echo "FAIL: $ini: $key names $v, which is not in $dir" >&2; fail=1
  fi
done
# The actor files are written separately; their names are fixed.
if [ "$(get actorfile_list)" != "actors.countries.txt, actors.igos.txt, actors.people.txt, actors.nonstate.txt" ]; then
  echo "FAIL: $ini: actorfile_list is not the agreed list" >&2; fail=1
fi

exit $fail
