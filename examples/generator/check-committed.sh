#!/usr/bin/env bash
# CTest: the committed example archive is exactly what the generator writes today.
#   usage: check-committed.sh MLTRL-EXAMPLE-GEN COMMITTED.mltrl REFERENCE-PLATFORM.txt [REVISION]
# (REVISION 1, the default, is examples/cxr-triage.mltrl; 2 is examples/cxr-triage-r2.mltrl.)
# Figures and the PDF depend on the Qt, libpng/zlib and font versions, so the comparison is
# only meaningful on the platform recorded in REFERENCE-PLATFORM.txt; elsewhere it is skipped
# (exit 77). Regenerate with scripts/make-example after changing the generator.
set -euo pipefail
gen="$1"; committed="$2"; reference="$3"; revision="${4:-1}"
[ -f "$committed" ] || { echo "FAIL: $committed is missing" >&2; exit 1; }

platform="$("$gen" --platform 2>/dev/null)"
if [ "$platform" != "$(cat "$reference")" ]; then
  echo "SKIP: platform differs from the one that made the committed example" >&2
  echo "  here:      $platform" >&2
  echo "  reference: $(cat "$reference")" >&2
  exit 77
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$gen" --revision "$revision" "$work/fresh.mltrl"
if cmp -s "$work/fresh.mltrl" "$committed"; then
  echo "OK: $committed is up to date"
  exit 0
fi
echo "FAIL: $committed differs from the generator's output; run scripts/make-example" >&2
if command -v unzip >/dev/null; then
  mkdir "$work/a" "$work/b"
  (cd "$work/a" && unzip -q "$work/fresh.mltrl")
  (cd "$work/b" && unzip -q "$committed")
  diff -rq "$work/a" "$work/b" >&2 || true
fi
exit 1
