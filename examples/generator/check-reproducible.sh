#!/usr/bin/env bash
# CTest: two runs of the generator give byte-identical output, in directory and ZIP form,
# and the manifest is valid JSON.   usage: check-reproducible.sh MLTRL-EXAMPLE-GEN [REVISION]
# REVISION 1 (default) is examples/cxr-triage.mltrl, 2 is examples/cxr-triage-r2.mltrl.
set -euo pipefail
gen_bin="$1"; revision="${2:-1}"
gen() { "$gen_bin" --revision "$revision" "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

gen --dir "$work/a"
gen --dir "$work/b"
if ! diff -r "$work/a" "$work/b" >"$work/diff.txt"; then
  echo "FAIL: two runs differ:" >&2
  cat "$work/diff.txt" >&2
  exit 1
fi
count=$(find "$work/a" -type f | wc -l)
[ "$count" -ge 20 ] || { echo "FAIL: only $count files written" >&2; exit 1; }

gen "$work/a.mltrl"
gen "$work/b.mltrl"
cmp "$work/a.mltrl" "$work/b.mltrl" || { echo "FAIL: the two ZIP archives differ" >&2; exit 1; }

# The directory form and the ZIP form hold the same bytes.
if command -v unzip >/dev/null; then
  mkdir "$work/unzipped"
  (cd "$work/unzipped" && unzip -q "$work/a.mltrl")
  diff -r "$work/a" "$work/unzipped" || { echo "FAIL: ZIP and directory forms differ" >&2; exit 1; }
fi

if command -v python3 >/dev/null; then
  python3 -m json.tool "$work/a/mltrl.json" >/dev/null || { echo "FAIL: mltrl.json is not valid JSON" >&2; exit 1; }
fi
echo "OK: revision $revision, $count files, byte-identical across runs"
