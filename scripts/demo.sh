#!/usr/bin/env bash
# make demo: show l10nlint on the sample site bundled in fixtures/demo-site.
set -euo pipefail
bin=$(cd "$(dirname "${1:-build/l10nlint}")" && pwd)/$(basename "${1:-build/l10nlint}")
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top/fixtures/demo-site"
export L10NLINT_LOCALES="$top/locales"
echo "\$ l10nlint --version"
"$bin" --version
for f in content/en/docs/concepts/lanterns.md content/ja/docs/concepts/lanterns.md; do
  echo
  echo "\$ l10nlint outline $f"
  "$bin" outline "$f"
done
echo
echo "\$ l10nlint outline --format json --anchor-style github content/ja/docs/concepts/lanterns.md"
"$bin" outline --format json --anchor-style github content/ja/docs/concepts/lanterns.md
