#!/usr/bin/env bash
# Defects injected one at a time into the real corpus pairs are each
# reported once, by the right rule, at the right line, while the page's
# other findings stay as they were (tests/inject_defects.py). Skips when
# the corpus or python3 is absent.
: "${L10NLINT:?}" "${TOP:?}"
corpus="$TOP/../shared/corpus/k8s"
[ -d "$corpus/content" ] || { echo "skipped: no ../shared/corpus"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 not installed"; exit 77; }
exec python3 "$TOP/tests/inject_defects.py" "$L10NLINT" "$corpus"
