#!/usr/bin/env bash
# SIGKILL `mltrl annotate` and `mltrl review` (signing) at random moments, many times, and prove
# after every kill: PRAGMA integrity_check and foreign_key_check clean; nothing partial (each
# annotation/review row is whole — its audit entry committed with it, so rows and audit
# entries pair up one to one); the audit chain verifies; every annotation and review the CLI
# acknowledged (exit 0, id printed) before the kill is still there, unchanged. The CLI has no
# test hook to slow it down, so the kills land at random delays spread over its whole run
# (process start, store open, key load and signing, transaction, commit).
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"
DB="$MLTRL_STORE/store.sqlite"
KEY="$WORK/keys/id_test"
P=derm-triage
RANDOM=7   # reproducible kill points

expect_exit 0 "$MLTRL_CLI" import "$EX"
expect_exit 0 "$MLTRL_CLI" keygen --name "K. Iller" --email k@example.org --role "R&D reviewer" --out "$KEY" --no-passphrase

# How long one run takes here: the kill delays are spread over 0 … 1.2 × that.
t0=$(date +%s%N)
expect_exit 0 "$MLTRL_CLI" annotate "$P" --target project --severity info --text "timing run"
annotate_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
ack_annotations=("$(cat "$WORK/out")")
ack_texts=("timing run")
sign() { # LABEL — one signed review; exec, so a kill of the background job hits mltrl itself
  exec "$MLTRL_CLI" review "$P" --gate gate-5 --outcome hold --rationale "crash test $1" \
    --verdict auroc=met --verdict "worst-group=not_met:gap" --verdict ethics=met --key "$KEY"
}
t0=$(date +%s%N)
(sign timing) >"$WORK/out" 2>"$WORK/err" && pass || { fail "timing review"; cat "$WORK/err" >&2; }
review_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
ack_reviews=("$(cat "$WORK/out")")
echo "  one annotate takes ~${annotate_ms} ms, one review ~${review_ms} ms here"

delay() { # MAX_MS — a random delay in seconds, 0 … 1.2 × MAX_MS
  awk -v r="$RANDOM" -v m="$1" 'BEGIN { printf "%.3f", (r / 32767) * m * 1.2 / 1000 }'
}

check_store() {
  local label=$1
  expect_eq "$(sqlite3 "$DB" "PRAGMA integrity_check")" ok "$label: integrity_check"
  expect_eq "$(sqlite3 "$DB" "PRAGMA foreign_key_check" | wc -l)" 0 "$label: foreign_key_check"
  # Whole or absent: an annotation row exists exactly when its audit entry does.
  expect_eq "$(sqlite3 "$DB" "SELECT COUNT(*) FROM annotations")" \
    "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_log WHERE action = 'annotate'")" "$label: annotations vs audit entries"
  expect_eq "$(sqlite3 "$DB" "SELECT COUNT(*) FROM reviews WHERE origin = 'signed'")" \
    "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_log WHERE action = 'sign'")" "$label: reviews vs audit entries"
  expect_exit 0 "$MLTRL_CLI" audit "$P"
}

check_acknowledged() {
  local label=$1 i
  for i in "${!ack_annotations[@]}"; do
    expect_eq "$(sqlite3 "$DB" "SELECT text FROM annotations WHERE id = '${ack_annotations[$i]}'")" "${ack_texts[$i]}" \
      "$label: acknowledged annotation ${ack_annotations[$i]}"
  done
  expect_exit 0 "$MLTRL_CLI" reviews "$P" --json
  local listed
  listed=$(json_get "$WORK/out" '" ".join(sorted(r["id"] + "=" + r["status"] for r in d["reviews"] if r["status"] != "valid_unknown_signer"))')
  expect_eq "$listed" "" "$label: every review verifies"
  for i in "${ack_reviews[@]}"; do
    json_get "$WORK/out" '[r["id"] for r in d["reviews"]]' | grep -qF -- "$i" && pass || fail "$label: acknowledged review $i missing"
  done
}

kills=0 completed=0
for i in $(seq 1 30); do
  "$MLTRL_CLI" annotate "$P" --target evidence:ev-datasheet --severity minor --text "note $i" >"$WORK/a.out" 2>/dev/null &
  pid=$!
  sleep "$(delay "$annotate_ms")"
  kill -KILL "$pid" 2>/dev/null
  if wait "$pid" 2>/dev/null && [ -s "$WORK/a.out" ]; then
    ack_annotations+=("$(cat "$WORK/a.out")"); ack_texts+=("note $i"); completed=$((completed + 1))
  else kills=$((kills + 1)); fi
  check_store "annotate kill $i"
done
check_acknowledged "after the annotate kills"
echo "  annotate: $kills killed, $completed finished before the kill"

kills=0 completed=0
for i in $(seq 1 15); do
  (sign "$i") >"$WORK/r.out" 2>/dev/null &
  pid=$!
  sleep "$(delay "$review_ms")"
  kill -KILL "$pid" 2>/dev/null
  if wait "$pid" 2>/dev/null && [ -s "$WORK/r.out" ]; then
    ack_reviews+=("$(cat "$WORK/r.out")"); completed=$((completed + 1))
  else kills=$((kills + 1)); fi
  check_store "review kill $i"
done
check_acknowledged "after the review kills"
echo "  review: $kills killed, $completed finished before the kill"

# Still fully usable afterwards.
expect_exit 0 "$MLTRL_CLI" annotate "$P" --target project --severity info --text "after the kills"
expect_exit 0 "$MLTRL_CLI" list
finish
