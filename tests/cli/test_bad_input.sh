#!/usr/bin/env bash
# Every kind of malformed or hostile archive: exit 1, a message naming the problem, the store
# unchanged (same revisions, blobs and files), nothing written outside the store, no crash.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"

python3 "$(dirname "$0")/make_bad_archives.py" "$EX" "$WORK/bad" > "$WORK/cases.tsv" || { fail "fixture generation"; finish; exit 1; }

# A store that already holds the example, so "unchanged" is a real claim.
expect_exit 0 "$MLTRL_CLI" import "$EX"
before="$(store_state)"
outside_before="$(find "$WORK" -path "$WORK/store" -prune -o -path "$WORK/bad" -prune -o -type f -print | sort)"

while IFS=$'\t' read -r name file expect; do
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$WORK/bad/rss" "$MLTRL_CLI" import "$file" >"$WORK/out" 2>"$WORK/err"
  code=$?
  elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  rss_kib=$(tail -n 1 "$WORK/bad/rss")
  # Bounded memory and time, bombs included (generous bounds: this machine is shared).
  [ "$rss_kib" -lt 262144 ] || { fail "$name: peak memory ${rss_kib} KiB"; continue; }
  [ "$elapsed_ms" -lt 20000 ] || { fail "$name: took ${elapsed_ms} ms"; continue; }
  if [ "$code" -ne 1 ]; then fail "$name: import exited $code, expected 1"; sed 's/^/  | /' "$WORK/err" >&2; continue; fi
  if ! grep -qF -- "$expect" "$WORK/err"; then fail "$name: message lacks '$expect'"; sed 's/^/  | /' "$WORK/err" >&2; continue; fi
  if [ "$(store_state)" != "$before" ]; then fail "$name: the store changed"; continue; fi
  "$MLTRL_CLI" validate "$file" >/dev/null 2>&1
  [ $? -eq 1 ] || { fail "$name: validate did not exit 1"; continue; }
  pass
done < "$WORK/cases.tsv"

outside_after="$(find "$WORK" -path "$WORK/store" -prune -o -path "$WORK/bad" -prune -o -type f -print | sort)"
[ "$outside_before" = "$outside_after" ] && pass || fail "files appeared outside the store"
[ -z "$(ls -A "$MLTRL_STORE/tmp" 2>/dev/null)" ] && pass || fail "temporaries left in the store"
sqlite3 "$MLTRL_STORE/store.sqlite" "PRAGMA integrity_check" | grep -qx ok && pass || fail "integrity_check"

finish
