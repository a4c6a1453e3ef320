#!/usr/bin/env bash
# Heading IDs against the real hugo binary (tests/hugo/crosscheck.sh);
# skipped (77) when hugo is not installed.
: "${L10NLINT_BUILD:?}" "${TOP:?}"
exec sh "$TOP/tests/hugo/crosscheck.sh" "$L10NLINT_BUILD/tests/hugo_ids"
