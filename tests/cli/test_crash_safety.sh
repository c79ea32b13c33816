#!/usr/bin/env bash
# SIGKILL `mltrl import` of a large archive at several moments — while streaming, while parsing
# metrics, during the publish/commit phase — and prove the store consistent after each kill:
# integrity_check ok, no partial revision (0 revisions, or 1 with mltrl.json and every file the
# manifest names),
# after the next open no temporaries and no blob file the database does not reference, and the
# project imported before the kills still there, byte for byte.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"
DB="$MLTRL_STORE/store.sqlite"
BIG="$WORK/big.mltrl"

# ~200 MiB of random evidence plus a 400 000-row series: an import takes a second or more.
python3 "$MLTRL_SOURCE_DIR/bench/gen_archive.py" "$BIG" --evidence 48 --evidence-size 4194304 \
  --series-rows 400000 --series-columns band --requirements 200 || { fail "fixture generation"; finish; exit 1; }
big_id=bench-project
named_files=$(python3 - "$BIG" <<'EOF'
import json, sys, zipfile
m = json.loads(zipfile.ZipFile(sys.argv[1]).read("mltrl.json"))
print(len({"mltrl.json"} | {e["path"] for e in m["evidence"]} | {x["path"] for x in m["metrics"]}))
EOF
)

expect_exit 0 "$MLTRL_CLI" import "$EX"
ex_id=$(sqlite3 "$DB" "SELECT id FROM projects")
ex_before=$(sqlite3 "$DB" "SELECT r.number, f.path, f.sha256 FROM files f JOIN revisions r ON r.id = f.revision_id ORDER BY 1, 2")

# A blob file whose content does not hash to its name, or a referenced blob without a file.
check_blobs() {
  local label=$1 sha
  for sha in $(sqlite3 "$DB" "SELECT sha256 FROM blobs"); do
    local f="$MLTRL_STORE/blobs/${sha:0:2}/$sha"
    [ -f "$f" ] || { fail "$label: blob $sha is in the database but not on disk"; return; }
  done
  local unreferenced
  unreferenced=$(comm -23 <(cd "$MLTRL_STORE/blobs" && find . -type f -printf '%f\n' | sort) \
                          <(sqlite3 "$DB" "SELECT sha256 FROM blobs ORDER BY 1"))
  [ -z "$unreferenced" ] && pass || fail "$label: blob files nobody references: $unreferenced"
}

check_store() {
  local label=$1
  [ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] && pass || fail "$label: integrity_check"
  [ "$(sqlite3 "$DB" "PRAGMA foreign_key_check" | wc -l)" -eq 0 ] && pass || fail "$label: foreign_key_check"
  local revs files
  revs=$(sqlite3 "$DB" "SELECT COUNT(*) FROM revisions WHERE project_id = '$big_id'")
  case "$revs" in
    0) [ "$(sqlite3 "$DB" "SELECT COUNT(*) FROM projects WHERE id = '$big_id'")" -eq 0 ] && pass \
         || fail "$label: a project without a revision" ;;
    1) files=$(sqlite3 "$DB" "SELECT COUNT(*) FROM files f JOIN revisions r ON r.id = f.revision_id WHERE r.project_id = '$big_id'")
       expect_eq "$files" "$named_files" "$label: files of the revision"
       expect_eq "$(sqlite3 "$DB" "SELECT COUNT(*) FROM metric_series s JOIN revisions r ON r.id = s.revision_id WHERE r.project_id = '$big_id'")" \
         3 "$label: metric series of the revision" ;;
    *) fail "$label: $revs revisions of one byte-identical archive" ;;
  esac
  # The next open collects what the killed process left behind.
  expect_exit 0 "$MLTRL_CLI" list
  [ -z "$(ls -A "$MLTRL_STORE/tmp")" ] && pass || fail "$label: temporaries left after the next open"
  check_blobs "$label"
  expect_eq "$(sqlite3 "$DB" "SELECT r.number, f.path, f.sha256 FROM files f JOIN revisions r ON r.id = f.revision_id WHERE r.project_id = '$ex_id' ORDER BY 1, 2")" \
    "$ex_before" "$label: the earlier project's files"
  local sha bad=0
  for sha in $(sqlite3 "$DB" "SELECT f.sha256 FROM files f JOIN revisions r ON r.id = f.revision_id WHERE r.project_id = '$ex_id'"); do
    [ "$(sha256sum < "$MLTRL_STORE/blobs/${sha:0:2}/$sha" | cut -d' ' -f1)" = "$sha" ] || bad=1
  done
  [ "$bad" -eq 0 ] && pass || fail "$label: an earlier blob's bytes changed"
  echo "  $label: $revs revision(s) after the kill"
}

# Removes the big project again so the next kill starts from the same store (keeps the example).
forget_big() {
  sqlite3 "$DB" "PRAGMA foreign_keys=ON; DELETE FROM revisions WHERE project_id = '$big_id'; DELETE FROM projects WHERE id = '$big_id'; DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM files);"
  "$MLTRL_CLI" list >/dev/null 2>&1
}

kill_after() { # SECONDS
  "$MLTRL_CLI" import "$BIG" >/dev/null 2>&1 &
  local pid=$!
  sleep "$1"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# Kills the import as soon as the first blob is renamed into blobs/: inside the publish step,
# between the renames and the commit (or just after the commit on a fast machine).
kill_in_commit_phase() {
  local before
  before=$(cd "$MLTRL_STORE/blobs" && find . -type f | wc -l)
  "$MLTRL_CLI" import "$BIG" >/dev/null 2>&1 &
  local pid=$! n
  while kill -0 "$pid" 2>/dev/null; do
    n=$(cd "$MLTRL_STORE/blobs" && find . -type f | wc -l)
    if [ "$n" -gt "$before" ]; then kill -KILL "$pid" 2>/dev/null; break; fi
  done
  wait "$pid" 2>/dev/null
  echo "  commit phase: killed with $((n - before)) new blob file(s) in blobs/"
}

for t in 0.05 0.2 0.5 1 2; do
  kill_after "$t"
  check_store "killed after ${t}s"
  forget_big
done
kill_in_commit_phase
check_store "killed in the commit phase"
forget_big

# The store is still fully usable: the same archive imports completely.
expect_exit 0 "$MLTRL_CLI" import "$BIG"
check_store "import after the kills"
expect_eq "$(sqlite3 "$DB" "SELECT COUNT(*) FROM revisions WHERE project_id = '$big_id'")" 1 "final revision"

finish
