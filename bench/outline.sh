#!/usr/bin/env bash
# bench/outline.sh - time `l10nlint outline` beside cmark-gfm on the same bytes.
#
# usage: bench/outline.sh [L10NLINT_BINARY]      (default: build/l10nlint)
#        make bench                             (builds, installs cmark-gfm, runs this)
#
# Two data sets:
#   corpus     every *.md under ../shared/corpus/k8s/content (the real pages)
#   synthetic  the same pages copied BENCH_COPIES times (default 50: ~4,000
#              files, ~44 MB) into bench/out/ (gitignored; BENCH_OUT to move it)
# Four commands per data set, each fed every file through one `xargs` with a
# large -s (half of ARG_MAX), so each costs one process launch per data set
# (the table says how many):
#   l10nlint text   l10nlint outline FILE...                 (the default output)
#   l10nlint json   l10nlint outline --format json FILE...
#   cmark-gfm       cmark-gfm -e table -e strikethrough -e autolink --unsafe
#                   -t html FILE...  (the Debian CLI: it concatenates its files
#                   into ONE document, parses and renders it; html is the
#                   cheapest of its renderers, measured: xml, commonmark,
#                   plaintext, man and latex are all slower)
#   parse-only      a 30-line C driver compiled here against libcmark-gfm: per
#                   file, read, parse with exactly l10nlint's options and
#                   extensions, walk the tree, free. No rendering; the floor
#                   any cmark-gfm-based tool pays. Skipped without cc/pkg-config.
# Each command runs once untimed (warm page cache; also checks every file was
# read), then BENCH_RUNS rounds (default 5) run each command once, in turn, so
# that drift in machine speed hits all alike. Output goes to /dev/null. The
# table shows the median wall time (date +%s.%N around the xargs), input MB/s
# (10^6 bytes / median), the largest peak RSS of one process (/usr/bin/time,
# Debian package `time`; n/a without it) and the time ratios to cmark-gfm and
# to parse-only: the median over rounds of the same-round ratio (>1 = slower).
# Per-run times go to stderr. Other settings: BENCH_COPIES, BENCH_OUT.
# Delete bench/out/ to reclaim the ~44 MB.
#
# This is not a test: nothing runs it but you (or `make bench`).
# Exit: 0 done (or "skipped" when ../shared/corpus is absent), 1 failure,
# 2 usage error.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${BENCH_RUNS:-5}
copies=${BENCH_COPIES:-50}
out=${BENCH_OUT:-$top/bench/out}

case ${1:-} in
  -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
[ $# -le 1 ] || { echo "usage: bench/outline.sh [L10NLINT_BINARY]" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_RUNS must be a positive integer" >&2; exit 2; }
[[ $copies =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_COPIES must be a positive integer" >&2; exit 2; }

bin=${1:-$top/build/l10nlint}
[[ $bin == /* ]] || bin=$PWD/$bin
if [ ! -x "$bin" ]; then
  echo "bench: no l10nlint binary at $bin; run 'make build' (or 'make bench')" >&2
  exit 1
fi

corpus=$top/../shared/corpus/k8s/content
if [ ! -d "$corpus" ]; then
  echo "bench: the corpus is not there ($top/../shared/corpus/k8s/content);"
  echo "skipped"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)

have_cmark=1
if ! command -v cmark-gfm >/dev/null 2>&1; then
  have_cmark=0
  echo "bench: cmark-gfm is not installed, so there is no baseline; run 'make bench'" \
       "or 'apt-get install cmark-gfm'. Timing l10nlint alone." >&2
fi
timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -f %M -o); fi

mkdir -p "$out"
scratch=$(mktemp -d "$out/run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# --- the parse-only driver --------------------------------------------------
parse_only=
if command -v cc >/dev/null 2>&1 && pkg-config --exists libcmark-gfm 2>/dev/null; then
  cat >"$scratch/cmark-parse.c" <<'EOF'
/* Parse each file as l10nlint does (same options, same extensions), walk the
   tree, free it. Prints the number of iterator events. */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
	static const char *const names[] = {"table", "strikethrough", "autolink"};
	cmark_syntax_extension *ext[3];
	cmark_gfm_core_extensions_ensure_registered();
	for (int i = 0; i < 3; i++)
		if (!(ext[i] = cmark_find_syntax_extension(names[i])))
			return 2;
	size_t cap = 1 << 20, len, n;
	char *buf = malloc(cap);
	unsigned long events = 0;
	for (int a = 1; a < argc; a++) {
		FILE *f = fopen(argv[a], "rb");
		if (!f) { perror(argv[a]); return 1; }
		for (len = 0; (n = fread(buf + len, 1, cap - len, f)) > 0;)
			if ((len += n) == cap && !(buf = realloc(buf, cap *= 2)))
				return 1;
		fclose(f);
		cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES);
		for (int i = 0; i < 3; i++)
			cmark_parser_attach_syntax_extension(p, ext[i]);
		cmark_parser_feed(p, buf, len);
		cmark_node *root = cmark_parser_finish(p);
		cmark_iter *it = cmark_iter_new(root);
		while (cmark_iter_next(it) != CMARK_EVENT_DONE)
			events++;
		cmark_iter_free(it);
		cmark_node_free(root);
		cmark_parser_free(p);
	}
	printf("%lu\n", events);
	free(buf);
	return 0;
}
EOF
  # shellcheck disable=SC2046
  if cc -O2 $(pkg-config --cflags libcmark-gfm) "$scratch/cmark-parse.c" -o "$out/cmark-parse" \
        $(pkg-config --libs libcmark-gfm) -lcmark-gfm-extensions 2>"$scratch/cc.err"; then
    parse_only=$out/cmark-parse
  else
    echo "bench: could not build the parse-only driver (row skipped):" >&2
    cat "$scratch/cc.err" >&2
  fi
else
  echo "bench: no cc or libcmark-gfm-dev: parse-only row skipped" >&2
fi

# --- the synthetic tree -----------------------------------------------------
# copy01/content/... copyNN/content/...: real copies (not hard links, so the
# page cache holds copies× the bytes). Rebuilt only when the corpus or
# BENCH_COPIES changed.
synth=$out/synth
stamp="copies=$copies $(cd "$corpus" && find . -name '*.md' -printf '%p %s %T@\n' | sort | cksum)"
if [ "$(cat "$synth/.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "bench: building the synthetic tree ($copies copies) in $synth ..." >&2
  rm -rf "$synth"
  mkdir -p "$synth"
  for ((i = 1; i <= copies; i++)); do
    d=$synth/$(printf 'copy%02d' "$i")
    mkdir -p "$d"
    cp -R "$corpus" "$d/content"
  done
  printf '%s\n' "$stamp" >"$synth/.stamp"
fi

# Batches as large as the kernel allows (half of ARG_MAX, leaving room for the
# environment); paths are relative to each data set's root to keep them short.
argmax=$(getconf ARG_MAX 2>/dev/null || echo 131072)
xs=$((argmax / 2)); [ $xs -le 2092000 ] || xs=2092000

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }

command_argv() {
  case $1 in
    "l10nlint text") argv=("$bin" outline) ;;
    "l10nlint json") argv=("$bin" outline --format json) ;;
    cmark-gfm)       argv=(cmark-gfm -e table -e strikethrough -e autolink --unsafe -t html) ;;
    parse-only)      argv=("$parse_only") ;;
  esac
}

# run_once SET CMD DIR LIST [warm]: run CMD once over the files of LIST, from
# DIR; set `elapsed` (seconds). Stop the benchmark if it failed: a fast
# failure would otherwise pass for a fast run. The warm-up run also checks
# that there was output; timed runs write to /dev/null.
run_once() {
  local st=0 pre=() t0 t1 sink=/dev/null
  command_argv "$2"
  [ ${#timer[@]} -eq 0 ] || pre=("${timer[@]}" "$scratch/rss")
  [ -z "${5:-}" ] || sink=$scratch/stdout
  t0=$(now)
  (cd "$3" && "${pre[@]}" xargs -0 -s "$xs" "${argv[@]}" <"$4" >"$sink" 2>"$scratch/err") || st=$?
  t1=$(now)
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
  # xargs: 123 = some invocation exited 1-125 (l10nlint: 1 = findings).
  if { [ $st -ne 0 ] && [ $st -ne 123 ]; } ||
     { [ -n "${5:-}" ] && [ ! -s "$sink" ]; } ||
     grep -q -e ': error: ' -e 'No such file' -e 'Sanitizer' -e 'runtime error' "$scratch/err"; then
    echo "bench: '$2' failed on the $1 set (xargs status $st):" >&2
    head -5 "$scratch/err" >&2
    exit 1
  fi
  rm -f "$scratch/stdout"
}

# run_set NAME DIR: time every command on every *.md under DIR.
declare -A T TL R
run_set() {
  local name=$1 dir=$2 list=$scratch/$1.list
  (cd "$dir" && find . -name '*.md' -print0 | sort -z) >"$list"
  local nfiles bytes launches
  nfiles=$(tr -cd '\0' <"$list" | wc -c)
  bytes=$(cd "$dir" && du -cb --apparent-size --files0-from="$list" | tail -1 | cut -f1)
  launches=$(cd "$dir" && xargs -0 -s "$xs" sh -c 'echo x' "$bin" <"$list" | wc -l)
  B[$name]=$bytes; N[$name]=$nfiles; L[$name]=$launches

  local cmds=("l10nlint text" "l10nlint json")
  [ $have_cmark = 1 ] && cmds+=("cmark-gfm")
  [ -n "$parse_only" ] && cmds+=("parse-only")
  local c i r ts
  # Warm-up, untimed.
  for c in "${cmds[@]}"; do run_once "$name" "$c" "$dir" "$list" warm; done
  # Rounds: each command once per round, so that drift in the machine's speed
  # (a shared VM) hits every command alike.
  for ((i = 0; i < runs; i++)); do
    for c in "${cmds[@]}"; do
      run_once "$name" "$c" "$dir" "$list"
      TL[$name/$c]+="$elapsed "
      if [ ${#timer[@]} -gt 0 ]; then
        r=$(tail -1 "$scratch/rss")
        if [[ $r =~ ^[0-9]+$ ]] && [ "${R[$name/$c]:-0}" -lt "$r" ]; then R[$name/$c]=$r; fi
      fi
    done
  done
  for c in "${cmds[@]}"; do
    read -ra ts <<<"${TL[$name/$c]}"
    T[$name/$c]=$(printf '%s\n' "${ts[@]}" | median)
    echo "bench: $name / $c: ${TL[$name/$c]}s" >&2
  done
}

# round_ratio SET CMD REF: the median over rounds of time(CMD) / time(REF).
round_ratio() {
  [ -n "${TL[$1/$3]:-}" ] || { echo n/a; return; }
  local a b i
  read -ra a <<<"${TL[$1/$2]}"
  read -ra b <<<"${TL[$1/$3]}"
  for ((i = 0; i < ${#a[@]}; i++)); do
    awk -v x="${a[i]}" -v y="${b[i]}" 'BEGIN { printf "%.6f\n", x / y }'
  done | median | awk '{ printf "%.2f", $1 }'
}

declare -A B N L
run_set corpus "$corpus"
run_set synthetic "$synth"

# --- report -----------------------------------------------------------------
echo
echo "l10nlint outline benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)," \
     "$(uname -sr); runs: $runs (median wall time)"
echo "l10nlint: $("$bin" --version 2>/dev/null | head -1 || echo '?') ($bin)"
[ $have_cmark = 1 ] && echo "cmark-gfm: $(cmark-gfm --version | head -1)"
for s in corpus synthetic; do
  echo
  printf '%s: %d files, %.1f MB, %d launch(es) per command\n' "$s" "${N[$s]}" \
    "$(awk -v b="${B[$s]}" 'BEGIN { print b / 1e6 }')" "${L[$s]}"
  printf '| %-14s | %9s | %8s | %13s | %12s | %13s |\n' command "median s" "MB/s" "peak RSS MiB" "vs cmark-gfm" "vs parse-only"
  printf '|%s|%s|%s|%s|%s|%s|\n' "----------------" "----------:" "---------:" "--------------:" "-------------:" "--------------:"
  for c in "l10nlint text" "l10nlint json" "cmark-gfm" "parse-only"; do
    [ -n "${T[$s/$c]:-}" ] || continue
    awk -v c="$c" -v t="${T[$s/$c]}" -v b="${B[$s]}" -v r="${R[$s/$c]:-}" \
        -v rc="$(round_ratio "$s" "$c" cmark-gfm)" -v rp="$(round_ratio "$s" "$c" parse-only)" 'BEGIN {
      rss = r == "" ? "n/a" : sprintf("%.1f", r / 1024)
      printf "| %-14s | %9.3f | %8.1f | %13s | %12s | %13s |\n", c, t, b / t / 1e6, rss, rc, rp
    }'
  done
done
echo
echo "ratios: median over the rounds of (time / time of the other command in the same round)."
if [ -n "${T[synthetic/cmark-gfm]:-}" ]; then
  echo "RATIO l10nlint outline / cmark-gfm (synthetic): $(round_ratio synthetic "l10nlint text" cmark-gfm)"
fi
