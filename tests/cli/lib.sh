# Helpers for the shell-level tests of `mltrl`. Each test file sources this.
set -u
: "${MLTRL_CLI:?set by CTest}" "${MLTRL_TEST_DATA:?set by CTest}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export MLTRL_STORE="$WORK/store"
export HOME="$WORK/home"; mkdir -p "$HOME"
failures=0
passes=0

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_exit CODE CMD... — runs CMD, keeps stdout/stderr in $WORK/out and $WORK/err.
expect_exit() {
  local want=$1; shift
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else
    fail "$* exited $got, expected $want"; sed 's/^/  stderr: /' "$WORK/err" >&2; fi
}

# expect_in FILE TEXT — FILE contains TEXT (fixed string).
expect_in() {
  if grep -qF -- "$2" "$1"; then pass; else fail "$(basename "$1") lacks: $2"; sed 's/^/  | /' "$1" >&2; fi
}

# json_get FILE EXPR — evaluates a Python expression on the JSON document `d`.
json_get() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

expect_eq() {
  if [ "$1" = "$2" ]; then pass; else fail "$3: got '$1', expected '$2'"; fi
}

# Snapshot of everything a store holds that an import could change.
store_state() {
  {
    [ -f "$MLTRL_STORE/store.sqlite" ] && sqlite3 "$MLTRL_STORE/store.sqlite" \
      "SELECT project_id, number, fingerprint FROM revisions ORDER BY 1,2; SELECT COUNT(*) FROM blobs;"
    [ -d "$MLTRL_STORE/blobs" ] && (cd "$MLTRL_STORE" && find blobs tmp -type f | sort)
  } 2>/dev/null
}

finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
