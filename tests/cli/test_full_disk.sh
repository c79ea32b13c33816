#!/usr/bin/env bash
# An import that runs out of space fails cleanly: exit 1, a message naming the problem, the store
# unchanged. Space runs out through RLIMIT_FSIZE (`ulimit -f`, always possible) — once while a
# blob is written, once while SQLite writes the metric columns — and, where the machine lets us
# mount one, on an 8 MiB tmpfs.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"

python3 - "$WORK" <<'EOF' || { fail "fixture generation"; finish; exit 1; }
import hashlib, json, os, sys, zipfile
work = sys.argv[1]
def archive(name, files, evidence, metrics):
    m = {"mltrl_archive": 1,
         "project": {"id": name, "name": name, "domain": "test", "current_level": 2},
         "components": [], "history": [], "cards": [], "requirements": [], "gates": [],
         "evidence": evidence, "metrics": metrics}
    with zipfile.ZipFile(os.path.join(work, name + ".mltrl"), "w", zipfile.ZIP_STORED) as z:
        for path, data in files.items():
            z.writestr(path, data)
        z.writestr("mltrl.json", json.dumps(m))
# 6 MiB of evidence: the blob write passes a 2 MiB limit, and an 8 MiB tmpfs that holds the
# example's store (about 4.3 MB with its WAL, growing with the schema) has no room for it.
big = os.urandom(6 << 20)
archive("big-evidence", {"evidence/big.bin": big},
        [{"id": "big", "path": "evidence/big.bin", "title": "Big", "kind": "log",
          "sha256": hashlib.sha256(big).hexdigest()}], [])
# A compact 300 000-row series: about 1.8 MB of CSV but 4.8 MB of float64 columns in the
# database, so with a 3.5 MB limit every blob fits and the database write is what fails. (NaN
# values and a step of 1e-300 keep both columns from being packed: docs/store.md.)
csv = "step,value\n1e-300,nan\n" + "1,nan\n" * 300000
archive("big-series", {"metrics/s.csv": csv}, [],
        [{"id": "s", "title": "Series", "path": "metrics/s.csv", "kind": "series"}])
EOF

expect_exit 0 "$MLTRL_CLI" import "$EX"
before="$(store_state)"

# expect_clean_failure LABEL TEXT CMD... — exit 1, TEXT on stderr, the store as before.
expect_clean_failure() {
  local label=$1 text=$2; shift 2
  "$@" >"$WORK/out" 2>"$WORK/err"
  local code=$?
  [ "$code" -eq 1 ] && pass || { fail "$label: exited $code, expected 1"; sed 's/^/  | /' "$WORK/err" >&2; }
  expect_in "$WORK/err" "$text"
  [ "$(store_state)" = "$before" ] && pass || fail "$label: the store changed"
}

expect_clean_failure "blob past RLIMIT_FSIZE" "File too large" \
  bash -c 'ulimit -f 2048 && exec "$0" import "$1"' "$MLTRL_CLI" "$WORK/big-evidence.mltrl"
expect_clean_failure "database past RLIMIT_FSIZE" "File too large" \
  bash -c 'ulimit -f 3500 && exec "$0" import "$1"' "$MLTRL_CLI" "$WORK/big-series.mltrl"
[ "$(sqlite3 "$MLTRL_STORE/store.sqlite" "PRAGMA integrity_check")" = ok ] && pass || fail "integrity_check"
# Without the limit both import: the failures left nothing in the way.
expect_exit 0 "$MLTRL_CLI" import "$WORK/big-evidence.mltrl"
expect_exit 0 "$MLTRL_CLI" import "$WORK/big-series.mltrl"

# A real full file system, where mounting is permitted (root in a privileged enough sandbox).
SMALL="$WORK/small"
mkdir -p "$SMALL"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=8m tmpfs "$SMALL" 2>/dev/null; then
  trap 'umount "$SMALL" 2>/dev/null; rm -rf "$WORK"' EXIT
  export MLTRL_STORE="$SMALL/store"
  expect_exit 0 "$MLTRL_CLI" import "$EX"
  before="$(store_state)"
  expect_clean_failure "full tmpfs" "No space left on device" "$MLTRL_CLI" import "$WORK/big-evidence.mltrl"
  [ "$(sqlite3 "$MLTRL_STORE/store.sqlite" "PRAGMA integrity_check")" = ok ] && pass || fail "tmpfs integrity_check"
  expect_exit 0 "$MLTRL_CLI" list
else
  echo "SKIP: cannot mount a small tmpfs here; the RLIMIT_FSIZE cases above stand in for it"
fi

finish
