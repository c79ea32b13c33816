#!/usr/bin/env bash
# CLI manners: `mltrl COMMAND --help` for every command (its options and words), `help
# COMMAND`, --json on validate, verify and audit, diagnostics in the FILE:LINE:COLUMN: error:
# form (FILE:/json/pointer: where there is no line), plural-correct text, the word diff and
# the bash completion script.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"

# --- help -----------------------------------------------------------------------------------
# Each command, the options its help must list, and words of its vocabularies.
while IFS='|' read -r cmd words; do
  # `packet` exists only when mltrl was built with the packet renderer.
  [ "$cmd" = packet ] && ! "$MLTRL_CLI" --help | grep -q '^  packet ' && continue
  expect_exit 0 "$MLTRL_CLI" "$cmd" --help
  expect_in "$WORK/out" "usage: mltrl $cmd"
  for w in $words; do expect_in "$WORK/out" "$w"; done
  [ ! -s "$WORK/err" ] && pass || fail "$cmd --help wrote to stderr"
  # The same text from `help COMMAND` and from -h.
  cp "$WORK/out" "$WORK/help1"
  expect_exit 0 "$MLTRL_CLI" help "$cmd"
  cmp -s "$WORK/out" "$WORK/help1" && pass || fail "help $cmd differs from $cmd --help"
  expect_exit 0 "$MLTRL_CLI" "$cmd" -h
  cmp -s "$WORK/out" "$WORK/help1" && pass || fail "$cmd -h differs from $cmd --help"
done <<'EOF_HELP'
validate|--json ARCHIVE
import|ARCHIVE
list|--json
show|--revision --json
diff|--from --to --json
keygen|--name --email --role --out --passphrase-file --no-passphrase 0700
annotate|--target --severity --text --revision --rect --line --author info minor major blocker evidence:ID
review|--gate --outcome --to-level --condition --verdict --rationale --key --passphrase-file --supersedes --acknowledge-blockers --revision advance advance_with_conditions hold switchback met not_met waived not_applicable
reviews|--allowed-signers --revision --json valid_unknown_signer stale
export|--revision -o --output
verify|--allowed-signers --json
audit|--json
packet|--gate --revision --page-size --allowed-signers -o A4 Letter
EOF_HELP
# Every command in the overview has its help; no command lacks one.
expect_exit 0 "$MLTRL_CLI" --help
for cmd in $(sed -n 's/^  \([a-z]\+\)  .*/\1/p' "$WORK/out"); do
  "$MLTRL_CLI" "$cmd" --help >/dev/null 2>&1 && pass || fail "$cmd --help failed"
done
# Help needs no store and touches none, even with a command's required arguments missing.
[ ! -e "$MLTRL_STORE" ] && pass || fail "--help created a store"
expect_exit 2 "$MLTRL_CLI" help frobnicate;   expect_in "$WORK/err" "mltrl: error: unknown command 'frobnicate'"
expect_exit 2 "$MLTRL_CLI" review derm --bogus; expect_in "$WORK/err" "(see mltrl review --help)"

# --- diagnostics --------------------------------------------------------------------------------
python3 "$(dirname "$0")/make_bad_archives.py" "$EX" "$WORK/bad" --no-bombs > /dev/null || fail "fixture generation"
# The form outside tools match: FILE:LINE:COLUMN: error: or FILE:/json/pointer: error:.
expect_exit 1 "$MLTRL_CLI" validate "$WORK/bad/bad-metric-row.mltrl"
grep -qx 'metrics/val_auroc.csv:3:2: error: "zero" is not a number in column value' "$WORK/err" && pass \
  || { fail "CSV diagnostic form"; cat "$WORK/err" >&2; }
expect_exit 1 "$MLTRL_CLI" validate "$WORK/bad/invalid-json.mltrl"
grep -qE '^mltrl\.json:[0-9]+:[0-9]+: error: invalid JSON' "$WORK/err" && pass || { fail "JSON syntax diagnostic form"; cat "$WORK/err" >&2; }
expect_exit 1 "$MLTRL_CLI" validate "$WORK/bad/dangling-reference.mltrl"
grep -qx 'mltrl.json:/gates/2/criteria/1/evidence/0: error: refers to evidence "ev-nowhere", which does not exist' "$WORK/err" \
  && pass || { fail "JSON pointer diagnostic form"; cat "$WORK/err" >&2; }
expect_exit 1 "$MLTRL_CLI" validate "$WORK/bad/wrong-type.mltrl"
grep -qE '^mltrl\.json:/project/current_level: warning: ' "$WORK/err" && pass || { fail "warning form"; cat "$WORK/err" >&2; }
# Every diagnostic line has one of the forms; none starts with the old "mltrl: error: FILE".
for f in "$WORK"/bad/*.mltrl "$WORK"/bad/*.tar "$WORK"/bad/*.tgz; do
  case "$f" in *bomb*|*/good.mltrl) continue ;; esac
  "$MLTRL_CLI" validate "$f" >/dev/null 2>"$WORK/err"
  if grep -vqE '^([^ :][^:]*(:[0-9]+(:[0-9]+)?|:/[^:]*)?: (error|warning): |mltrl: (error|warning): |mltrl: [0-9]+ errors?, [0-9]+ warnings?$)' "$WORK/err"; then
    fail "$(basename "$f"): a diagnostic line out of form"; grep -vE '^([^ :][^:]*(:[0-9]+(:[0-9]+)?|:/[^:]*)?: (error|warning): |mltrl: )' "$WORK/err" >&2
  else pass; fi
done
# The warnings an import stored, as `show` prints them again.
cp -r "$EX" "$WORK/lvl0"; chmod -R u+w "$WORK/lvl0"; rm -rf "$WORK/lvl0/reviews"
python3 - "$WORK/lvl0" <<'PY'
import json, sys
m = json.load(open(f"{sys.argv[1]}/mltrl.json"))
m["project"]["current_level"] = 0
json.dump(m, open(f"{sys.argv[1]}/mltrl.json", "w"), indent=1)
PY
expect_exit 0 "$MLTRL_CLI" --store "$WORK/lvl0-store" import "$WORK/lvl0"
grep -qE '^mltrl\.json:/project/current_level: warning: project.current_level is 0' "$WORK/err" && pass || fail "import warning form"
expect_exit 0 "$MLTRL_CLI" --store "$WORK/lvl0-store" show derm-triage
grep -qE '^mltrl\.json:/project/current_level: warning: project.current_level is 0' "$WORK/err" && pass || fail "show warning form"
expect_exit 1 "$MLTRL_CLI" import "$WORK/no-such.mltrl"
grep -qE "^$WORK/no-such.mltrl: error: " "$WORK/err" && pass || { fail "file-only diagnostic"; cat "$WORK/err" >&2; }

# --- --json on validate, verify, audit ----------------------------------------------------------
expect_exit 0 "$MLTRL_CLI" validate "$EX" --json
expect_eq "$(json_get "$WORK/out" 'd["valid"], d["errors"], d["problems"]')" "(True, 0, [])" "validate --json of a valid archive"
expect_exit 1 "$MLTRL_CLI" validate "$WORK/bad/dangling-reference.mltrl" --json
expect_eq "$(json_get "$WORK/out" '(d["valid"], [(p["severity"], p["location"]) for p in d["problems"] if p["severity"] == "error"])')" \
  "(False, [('error', 'mltrl.json:/gates/2/criteria/1/evidence/0')])" "validate --json of a rejected archive"
[ ! -s "$WORK/err" ] && pass || fail "validate --json also wrote to stderr"

expect_exit 0 "$MLTRL_CLI" verify "$EX" --json
expect_eq "$(json_get "$WORK/out" 'd["passed"], d["files_ok"], [r["status"] for r in d["reviews"]], [g["id"] for g in d["gates"]]')" \
  "(True, True, ['valid_unknown_signer'], ['gate-2', 'gate-4', 'gate-5'])" "verify --json"
expect_exit 1 "$MLTRL_CLI" verify "$WORK/bad/hash-mismatch.mltrl" --json
expect_eq "$(json_get "$WORK/out" 'd["passed"], d["files_ok"], any("ev-datasheet" in p["message"] for p in d["problems"])')" \
  "(False, False, True)" "verify --json of a tampered archive"

expect_exit 0 "$MLTRL_CLI" import "$EX"
expect_exit 0 "$MLTRL_CLI" audit derm-triage --json
expect_eq "$(json_get "$WORK/out" 'd["intact"], d["broken_at"], [e["action"] for e in d["entries"]], d["entries"][0]["details"]["revision"]')" \
  "(True, None, ['import'], 1)" "audit --json"
expect_exit 0 "$MLTRL_CLI" audit derm-triage
expect_in "$WORK/out" "audit log intact (1 entry in the store)"

# --- plurals --------------------------------------------------------------------------------
expect_exit 0 "$MLTRL_CLI" show derm-triage
expect_in "$WORK/out" "2 components, 3 evidence files, 5 metrics, 2 requirements, 1 card, 3 gates"
expect_exit 0 "$MLTRL_CLI" validate "$EX";   expect_in "$WORK/out" "valid (0 warnings)"
expect_exit 0 "$MLTRL_CLI" diff derm-triage; expect_in "$WORK/out" "0 changes"
grep -q "review(s)\|1 points\|1 cards\|1 changes" "$WORK/out" && fail "plural text" || pass

# --- diff shows the words that differ --------------------------------------------------------
cp -r "$EX" "$WORK/v2"; chmod -R u+w "$WORK/v2"
python3 - "$WORK/v2" <<'PY'
import json, sys
m = json.load(open(f"{sys.argv[1]}/mltrl.json"))
m["project"]["summary"] = m["project"]["summary"].replace("within 48 h", "within 24 h")
json.dump(m, open(f"{sys.argv[1]}/mltrl.json", "w"), indent=1, ensure_ascii=False)
PY
expect_exit 0 "$MLTRL_CLI" import "$WORK/v2"
expect_exit 0 "$MLTRL_CLI" diff derm-triage --from 1 --to 2
expect_in "$WORK/out" "1 change"
expect_in "$WORK/out" "summary: … need a dermatologist within [-48-]{+24+} h. **Decision support only.**"

# --- bash completion --------------------------------------------------------------------------
expect_exit 0 "$MLTRL_CLI" --bash-completion
cp "$WORK/out" "$WORK/completion.bash"
bash -n "$WORK/completion.bash" && pass || fail "the completion script does not parse"
complete_words() { # WORDS... — what completing the last word offers
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mltrl; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$WORK/completion.bash" "$@"
}
expect_eq "$(complete_words mltrl rev | sort | tr '\n' ' ')" "review reviews " "completing a command"
expect_eq "$(complete_words mltrl review derm --outcome a | tr '\n' ' ')" "advance advance_with_conditions " "completing an outcome"
expect_eq "$(complete_words mltrl annotate p --severity b | tr '\n' ' ')" "blocker " "completing a severity"
complete_words mltrl verify --a | grep -qx -- --allowed-signers && pass || fail "completing an option"
complete_words mltrl --store /tmp packet --page | grep -qx -- --page-size && pass || fail "completing after --store"

finish
