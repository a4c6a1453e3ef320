#!/usr/bin/env bash
# bench/site.sh - time `l10nlint check --site` beside cmark-gfm parsing the
# same bytes.
#
# usage: bench/site.sh [L10NLINT_BINARY]       (default: build/l10nlint)
#
# The site: a synthetic Hugo site built once in bench/out/site (gitignored;
# BENCH_OUT moves it) from the 40 real pairs of ../shared/corpus/k8s:
#   copy 1      at the corpus's own paths, content/{en,ja}/{docs,blog}/...
#   copies 2-N  under content/{en,ja}/docs/synthetic-NN/<the same paths>
# (BENCH_COPIES, default 50: 2,000 pairs, 4,000 files, ~44 MB). The pages
# are byte-exact copies: only their paths change. So absolute links
# (/docs/concepts/..., /ja/docs/...) all lead to copy 1's real pages, whose
# IDs the cross-page phase loads, and relative links stay inside their copy.
# The corpus's manifests of the real site's pages become the site's
# known-pages list (known-pages.txt, named by .l10nlint.yaml), as in the
# corpus test, so links to real pages that are not in the corpus are not
# reported as broken. Rebuilt only when the corpus or BENCH_COPIES changes.
#
# Three commands, each given the whole site in one process launch:
#   l10nlint site  l10nlint check --site SITE --fail-on never  (all pairs,
#                  cross-page links, coverage; default --jobs = every core)
#   cmark-gfm      cmark-gfm -e table -e strikethrough -e autolink --unsafe
#                  -t html FILE...  over the 4,000 .md files (the Debian CLI:
#                  one document, rendered to html; see bench/README.md)
#   parse-only     bench/out/cmark-parse FILE...: per file, read, parse with
#                  l10nlint's options and extensions, walk, free (the driver
#                  of bench/outline.sh, compiled from it here if needed)
# One untimed warm-up run each (warm page cache; checks that each succeeded
# and, for l10nlint, counts the findings), then BENCH_RUNS rounds (default
# 5), each running every command once in turn. Each run is wrapped in
# /usr/bin/time (Debian package `time`) for user+sys CPU time, percent of
# CPU and peak RSS, and in `date +%s.%N` for wall time. The table shows
# medians; ratios are the median over rounds of the same-round ratio (>1 =
# slower than the reference). Targets (the site-mode issue): wall time
# within 1.5x the parse time (parse-only), peak RSS under 200 MB.
#
# This is not a test: nothing runs it but you.
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
[ $# -le 1 ] || { echo "usage: bench/site.sh [L10NLINT_BINARY]" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_RUNS must be a positive integer" >&2; exit 2; }
if ! [[ $copies =~ ^[1-9][0-9]?$ ]]; then
  echo "bench: BENCH_COPIES must be an integer from 1 to 99" >&2
  exit 2
fi

bin=${1:-$top/build/l10nlint}
[[ $bin == /* ]] || bin=$PWD/$bin
if [ ! -x "$bin" ]; then
  echo "bench: no l10nlint binary at $bin; run 'make build'" >&2
  exit 1
fi

corpus=$top/../shared/corpus/k8s
if [ ! -d "$corpus/content" ]; then
  echo "bench: the corpus is not there ($corpus/content);"
  echo "skipped"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)

have_cmark=1
if ! command -v cmark-gfm >/dev/null 2>&1; then
  have_cmark=0
  echo "bench: cmark-gfm is not installed; run 'make bench' or 'apt-get install cmark-gfm'" >&2
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing (apt-get install time): it gives CPU time and RSS" >&2
  exit 1
fi

mkdir -p "$out"
scratch=$(mktemp -d "$out/run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# --- the parse-only driver: bench/outline.sh's, compiled when missing ---------
parse_only=$out/cmark-parse
if [ ! -x "$parse_only" ] || [ "$top/bench/outline.sh" -nt "$parse_only" ]; then
  parse_only=
  if command -v cc >/dev/null 2>&1 && pkg-config --exists libcmark-gfm 2>/dev/null; then
    # shellcheck disable=SC2016 # the $ is outline.sh's, not ours
    sed -n '/^  cat >"$scratch\/cmark-parse.c" <<.EOF.$/,/^EOF$/p' "$top/bench/outline.sh" |
      sed '1d; $d' >"$scratch/cmark-parse.c"
    # shellcheck disable=SC2046
    if [ -s "$scratch/cmark-parse.c" ] &&
       cc -O2 $(pkg-config --cflags libcmark-gfm) "$scratch/cmark-parse.c" -o "$out/cmark-parse" \
         $(pkg-config --libs libcmark-gfm) -lcmark-gfm-extensions 2>"$scratch/cc.err"; then
      parse_only=$out/cmark-parse
    else
      echo "bench: could not build the parse-only driver (row skipped)" >&2
      cat "$scratch/cc.err" >&2 2>/dev/null || true
    fi
  else
    echo "bench: no cc or libcmark-gfm-dev: parse-only row skipped" >&2
  fi
fi

# --- the synthetic site -----------------------------------------------------
site=$out/site
stamp="copies=$copies $(cd "$corpus" && find content manifest-*.txt -type f -printf '%p %s %T@\n' | sort | cksum)"
if [ "$(cat "$site/.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "bench: building the synthetic site ($copies copies of the corpus) in $site ..." >&2
  rm -rf "$site"
  mkdir -p "$site"
  cp -R "$corpus/content" "$site/content"
  langs=$(cd "$corpus/content" && ls)
  for ((i = 2; i <= copies; i++)); do
    for l in $langs; do
      d=$site/content/$l/docs/$(printf 'synthetic-%02d' "$i")
      mkdir -p "$d"
      cp -R "$corpus/content/$l/." "$d/"
    done
  done
  cat "$corpus"/manifest-*.txt >"$site/known-pages.txt"
  printf '# bench/site.sh: the real site'"'"'s pages (the corpus manifests)\nknown_pages: known-pages.txt\n' \
    >"$site/.l10nlint.yaml"
  printf '%s\n' "$stamp" >"$site/.stamp"
fi

list=$scratch/files.list
(cd "$site" && find content -name '*.md' -print0 | sort -z) >"$list"
nfiles=$(tr -cd '\0' <"$list" | wc -c)
bytes=$(cd "$site" && du -cb --apparent-size --files0-from="$list" | tail -1 | cut -f1)
argmax=$(getconf ARG_MAX 2>/dev/null || echo 131072)
xs=$((argmax / 2)); [ $xs -le 2092000 ] || xs=2092000
launches=$(cd "$site" && xargs -0 -s "$xs" sh -c 'echo x' x <"$list" | wc -l)

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }

# run_once CMD [warm]: run CMD once; set elapsed, cpu, pcpu, rss. Stop the
# benchmark if it failed: a fast failure would otherwise pass for a fast run.
run_once() {
  local st=0 t0 t1 sink=/dev/null argv
  [ -z "${2:-}" ] || sink=$scratch/stdout
  case $1 in
    "l10nlint site") argv=("$bin" check --site "$site" --fail-on never) ;;
    cmark-gfm)       argv=(xargs -0 -s "$xs" cmark-gfm -e table -e strikethrough -e autolink --unsafe -t html) ;;
    parse-only)      argv=(xargs -0 -s "$xs" "$parse_only") ;;
  esac
  t0=$(now)
  (cd "$site" && /usr/bin/time -f '%U %S %P %M' -o "$scratch/time" "${argv[@]}" <"$list" \
     >"$sink" 2>"$scratch/err") || st=$?
  t1=$(now)
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
  local u sy p m
  read -r u sy p m < <(tail -1 "$scratch/time")
  cpu=$(awk -v a="$u" -v b="$sy" 'BEGIN { printf "%.2f", a + b }')
  pcpu=${p%\%}
  rss=$m
  if [ $st -ne 0 ] || { [ -n "${2:-}" ] && [ ! -s "$sink" ]; } ||
     grep -q -e 'No such file' -e 'Sanitizer' -e 'runtime error' -e 'cannot read' "$scratch/err"; then
    echo "bench: '$1' failed (status $st):" >&2
    head -5 "$scratch/err" >&2
    exit 1
  fi
}

cmds=("l10nlint site")
[ $have_cmark = 1 ] && cmds+=("cmark-gfm")
[ -n "$parse_only" ] && cmds+=("parse-only")
declare -A TL CL PL R
summary=
for c in "${cmds[@]}"; do
  run_once "$c" warm
  if [ "$c" = "l10nlint site" ]; then
    summary=$(grep -E '^[0-9]+ errors?, ' "$scratch/stdout" | tail -1 || true)
  fi
  rm -f "$scratch/stdout"
done
for ((i = 0; i < runs; i++)); do
  for c in "${cmds[@]}"; do
    run_once "$c"
    TL[$c]+="$elapsed "
    CL[$c]+="$cpu "
    PL[$c]+="$pcpu "
    if [ "${R[$c]:-0}" -lt "$rss" ]; then R[$c]=$rss; fi
  done
done

med() { local a; read -ra a <<<"$1"; printf '%s\n' "${a[@]}" | median; }
# round_ratio LIST_A LIST_B: median over rounds of a[i] / b[i].
round_ratio() {
  [ -n "$2" ] || { echo n/a; return; }
  local a b i
  read -ra a <<<"$1"
  read -ra b <<<"$2"
  for ((i = 0; i < ${#a[@]}; i++)); do
    awk -v x="${a[i]}" -v y="${b[i]}" 'BEGIN { printf "%.6f\n", (y > 0 ? x / y : 0) }'
  done | median | awk '{ printf "%.2f", $1 }'
}

# --- report -----------------------------------------------------------------
for c in "${cmds[@]}"; do
  echo "bench: $c: wall ${TL[$c]}s; cpu ${CL[$c]}s; %cpu ${PL[$c]}" >&2
done
echo
echo "l10nlint site benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)," \
     "$(uname -sr); load average $(cut -d' ' -f1-3 /proc/loadavg); runs: $runs (medians)"
echo "l10nlint: $("$bin" --version 2>/dev/null | head -1 || echo '?') ($bin)"
[ $have_cmark = 1 ] && echo "cmark-gfm: $(cmark-gfm --version | head -1)"
echo
printf 'site: %d pairs, %d files, %.1f MB, one process (cmark-gfm, parse-only: %d launch(es))\n' \
  $((nfiles / 2)) "$nfiles" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$launches"
[ -z "$summary" ] || echo "l10nlint findings: $summary"
printf '| %-13s | %6s | %6s | %5s | %6s | %8s | %9s | %9s | %9s |\n' command "wall s" "cpu s" "%cpu" "MB/s" "RSS MiB" \
  "wall/p-o" "wall/cmark" "cpu/p-o"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "---------------" "-------:" "-------:" "------:" "-------:" "---------:" \
  "----------:" "-----------:" "----------:"
for c in "${cmds[@]}"; do
  awk -v c="$c" -v t="$(med "${TL[$c]}")" -v u="$(med "${CL[$c]}")" -v p="$(med "${PL[$c]}")" \
      -v b="$bytes" -v r="${R[$c]}" \
      -v rp="$(round_ratio "${TL[$c]}" "${TL[parse-only]:-}")" \
      -v rc="$(round_ratio "${TL[$c]}" "${TL[cmark-gfm]:-}")" \
      -v up="$(round_ratio "${CL[$c]}" "${CL[parse-only]:-}")" 'BEGIN {
    printf "| %-13s | %6.2f | %6.2f | %5s | %6.1f | %8.1f | %9s | %10s | %9s |\n",
      c, t, u, p "%", b / t / 1e6, r / 1024, rp, rc, up
  }'
done
echo
echo "wall/p-o, wall/cmark: median over the rounds of wall time / wall time of parse-only or of"
echo "cmark-gfm in the same round; cpu/p-o: the same for user+sys CPU time (all threads)."
if [ -n "$parse_only" ]; then
  r=$(round_ratio "${TL[l10nlint site]}" "${TL[parse-only]}")
  echo "TARGET time   l10nlint site / parse-only (wall): $r  (target <= 1.5: $(awk -v r="$r" 'BEGIN { print r <= 1.5 ? "met" : "MISSED" }'))"
fi
m=$(awk -v r="${R[l10nlint site]}" 'BEGIN { printf "%.1f", r / 1024 }')
echo "TARGET memory l10nlint site peak RSS: $m MiB  (target < 200 MB: $(awk -v r="${R[l10nlint site]}" 'BEGIN { print r * 1024 < 200e6 ? "met" : "MISSED" }'))"
echo "threads       l10nlint site: $(med "${PL[l10nlint site]}")% of one CPU (median), $(nproc) CPUs"
