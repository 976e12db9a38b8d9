#!/usr/bin/env bash
# Verifies every test case of a spec corpus in gforth 0.7.3.
#
#   datasets/examples/check_examples.sh                   # the examples corpus
#   datasets/examples/check_examples.sh specs.jsonl       # any file of GOOD specs
#   ffgen --count 2000 --bad-fraction 0 | check_examples.sh -
#
# An awk pass turns each JSON line into `: word body ;` followed by one
# `T{ inputs word -> outputs }T` per test case, in file order, so a body can
# call words of earlier lines. The awk scanner understands only what a spec
# line needs (the "word" and "implementation.code" strings, and the flat
# "input"/"output" arrays), not JSON in general: it is a checker for good
# corpora, not a validator. Values: integers as written (gforth 0.7.3 wraps
# numbers above 2^63-1 into the cell, so uint bit patterns work), true -> -1,
# false -> 0, one-character strings -> their code point.
# ttester.fs only prints failures, so a shim counts them; the run fails if
# any test fails, if any definition does not compile, or if the end marker is
# not reached.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
input="${1:-$here/examples.jsonl}"
tester="${TTESTER:-/usr/share/gforth/0.7.3/test/ttester.fs}"
gforth_bin="${GFORTH:-gforth}"

if ! command -v "$gforth_bin" >/dev/null; then
  echo "check_examples: gforth not found" >&2
  exit 2
fi
[[ -r "$tester" ]] || { echo "check_examples: $tester not readable" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
forth="$work/check.fs"

{
  cat <<FORTH
include $tester
variable #fails  warnings off
: count-error ( c-addr u -- ) 1 #fails +! error1 ;
' count-error error-xt !
FORTH
  if [[ "$input" == "-" ]]; then cat; else cat -- "$input"; fi | awk '
    BEGIN { for (c = 32; c < 127; c++) ord[sprintf("%c", c)] = c }
    # The JSON string value that follows key k (no escapes expected in it).
    function strfield(s, k,   p, rest, q) {
      p = index(s, "\"" k "\":\"")
      if (p == 0) return ""
      rest = substr(s, p + length(k) + 4)
      q = index(rest, "\"")
      return substr(rest, 1, q - 1)
    }
    # Turns the flat JSON array starting at s[1]=="[" into Forth literals;
    # sets consumed to the characters used.
    function values(s,   i, n, c, out, tok, j) {
      out = ""; i = 2; n = length(s)
      while (i <= n) {
        c = substr(s, i, 1)
        if (c == "]") { consumed = i; return out }
        if (c == " " || c == ",") { i++; continue }
        if (c == "\"") {
          j = i + 1; tok = ""
          while (substr(s, j, 1) != "\"") {
            if (substr(s, j, 1) == "\\") { j++; tok = tok substr(s, j, 1) }
            else tok = tok substr(s, j, 1)
            j++
          }
          if (length(tok) != 1 || !(tok in ord)) {
            printf("check_examples: line %d: unsupported string value \"%s\"\n", NR, tok) > "/dev/stderr"
            bad = 1
          }
          out = out " " ord[tok]; i = j + 1; continue
        }
        j = i
        while (j <= n && substr(s, j, 1) !~ /[],]/) j++
        tok = substr(s, i, j - i)
        gsub(/ /, "", tok)
        if (tok == "true") tok = "-1"
        else if (tok == "false") tok = "0"
        out = out " " tok; i = j
      }
      consumed = n
      return out
    }
    /^[ \t\r]*$/ { next }
    {
      word = strfield($0, "word"); code = strfield($0, "code")
      if (word == "" || code == "") {
        printf("check_examples: line %d: no word or code\n", NR) > "/dev/stderr"; bad = 1; next
      }
      printf(": %s %s ;\n", word, code)
      rest = $0; p = index(rest, "\"test_cases\":[")
      rest = substr(rest, p)
      while ((p = index(rest, "\"input\":[")) > 0) {
        rest = substr(rest, p + 8); ins = values(rest); rest = substr(rest, consumed + 1)
        p = index(rest, "\"output\":[")
        rest = substr(rest, p + 9); outs = values(rest); rest = substr(rest, consumed + 1)
        printf("T{%s %s ->%s }T\n", ins, word, outs)
        tests++
      }
      words++
    }
    END {
      printf("cr .( FFCHECK words=%d tests=%d failures=) #fails @ 0 .r cr\n", words, tests)
      printf("#fails @ 0<> [if] 1 (bye) [then] 0 (bye)\n")
      exit bad
    }'
} > "$forth"

out="$work/out.txt"
status=0
"$gforth_bin" -m 256M "$forth" </dev/null >"$out" 2>&1 || status=$?
cat "$out"
if [[ $status -ne 0 ]] || ! grep -Eq "^FFCHECK words=[0-9]+ tests=[0-9]+ failures=0$" "$out"; then
  echo "check_examples: FAILED ($input)" >&2
  exit 1
fi
echo "check_examples: OK ($input)"
