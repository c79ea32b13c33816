#!/usr/bin/env bash
# Review governance (amendment 1.1, docs/archive-format.md §4.1) through the CLI: G1 suggestions
# are accepted explicitly, G2 the decision agrees with the verdicts (refused before signing and
# invalid in every verifier), G3 only the same key supersedes (foreign key, stale review, chain),
# G4 roles come from the verifier's reviewer_roles (a role not granted, one key claiming two
# roles), G6 statuses in MLTRL's words, G7 a gate passed without a signed review, and a record's
# level against its gate.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"
command -v ssh-keygen >/dev/null || { echo "ssh-keygen is needed"; exit 1; }

key() { # NAME EMAIL ROLE — a workbench key without passphrase, trusted in allowed_signers
  expect_exit 0 "$MLTRL_CLI" keygen --name "$1" --email "$2" --role "$3" --out "$WORK/k_$1" --no-passphrase
  echo "$2 namespaces=\"mltrl-gate-review\" $(cut -d' ' -f1,2 "$WORK/k_$1.pub")" >> "$WORK/allowed_signers"
}
: > "$WORK/allowed_signers"
key rd rd@example.org "R&D reviewer"
key clin clin@example.org "clinical reviewer"
key both both@example.org "R&D reviewer"
key claim claim@example.org "clinical reviewer"
expect_exit 0 "$MLTRL_CLI" keygen --name stranger --email stranger@example.org --role "clinical reviewer" \
  --out "$WORK/k_stranger" --no-passphrase                      # never trusted
cat > "$WORK/reviewer_roles" <<'ROLES'
# who holds which role (G4)
rd@example.org R&D reviewer
clin@example.org   clinical reviewer
both@example.org R&D reviewer
both@example.org clinical reviewer

ROLES
TRUST=(--allowed-signers "$WORK/allowed_signers" --reviewer-roles "$WORK/reviewer_roles")
V_OK=(--verdict auroc=met --verdict "worst-group=not_met:0.84 against 0.85" --verdict "ethics=waived:at level 6")
sign() { # KEY ARGS... — a review of gate-5; prints the id
  local k=$1; shift
  expect_exit 0 "$MLTRL_CLI" review derm-triage --gate gate-5 --key "$WORK/k_$k" "$@"
  cat "$WORK/out"
}
status() { # — gate-5's status with the trust above
  "$MLTRL_CLI" reviews derm-triage --json "${TRUST[@]}" > "$WORK/st.json"
  json_get "$WORK/st.json" '[g["status"] for g in d["gates"] if g["id"]=="gate-5"][0]'
}
review_field() { # ID EXPR-on-r
  json_get "$WORK/st.json" '[('"$2"') for r in d["reviews"] if r["id"]=="'"$1"'"][0]'
}

expect_exit 0 "$MLTRL_CLI" import "$EX"
rm -f "$WORK/out"

# G7: the history passed gates 2 and 4 (levels 2→3, 4→5) with no signed review in this store.
expect_exit 0 "$MLTRL_CLI" show derm-triage --json "${TRUST[@]}"
expect_eq "$(json_get "$WORK/out" '[(g["id"], g["unreviewed_passage"]) for g in d["gates"]]')" \
  "[('gate-2', True), ('gate-4', True), ('gate-5', False)]" "G7 in show --json"
expect_exit 0 "$MLTRL_CLI" show derm-triage "${TRUST[@]}"
expect_in "$WORK/out" "passed without a signed review in this store"
# The example's own review claims "clinical reviewer": its signer is not trusted here → open.
expect_eq "$(status)" open "no counted review"
expect_eq "$(json_get "$WORK/st.json" '[g["missing"] for g in d["gates"] if g["id"]=="gate-5"][0]')" \
  "['R&D reviewer: 0 of 1', 'clinical reviewer: 0 of 1']" "missing roles reported with open"

# G1: a criterion without a verdict is refused; a suggestion counts only when accepted.
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-5 --key "$WORK/k_rd" --outcome hold --rationale r \
  --verdict "ethics=waived:later"
expect_in "$WORK/err" "verdicts/auroc"; expect_in "$WORK/err" "G1"
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-5 --key "$WORK/k_rd" --outcome hold --rationale r \
  --verdict "ethics=waived:later" --accept-suggestions
expect_in "$WORK/err" "verdicts/worst-group/note"      # the accepted not_met still needs a note
# G2: refused before signing, each naming the rule and the field
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-5 --key "$WORK/k_rd" --outcome advance --rationale r "${V_OK[@]}"
expect_in "$WORK/err" "G2"; expect_in "$WORK/err" "decision/outcome"; expect_in "$WORK/err" "worst-group"
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-5 --key "$WORK/k_rd" --outcome hold "${V_OK[@]}"
expect_in "$WORK/err" "decision/rationale"
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-5 --key "$WORK/k_rd" --outcome advance_with_conditions \
  --rationale r "${V_OK[@]}"
expect_in "$WORK/err" "decision/conditions"
if grep -q -- "--" "$WORK/err"; then fail "a rule problem is phrased as a flag"; sed 's/^/  | /' "$WORK/err" >&2; else pass; fi

# accepted suggestions are recorded as such
RD1=$(sign rd --outcome hold --rationale "Subgroup gap." --verdict "worst-group=not_met:gap" \
  --verdict "ethics=waived:later" --accept-suggestions)
expect_exit 0 "$MLTRL_CLI" export derm-triage -o "$WORK/e1.mltrl"
unzip -p "$WORK/e1.mltrl" "reviews/$RD1.json" > "$WORK/rd1.json"
expect_eq "$(json_get "$WORK/rd1.json" '[(v["criterion"], v.get("from_suggestion", False)) for v in d["verdicts"]]')" \
  "[('auroc', True), ('worst-group', False), ('ethics', False)]" "from_suggestion only on the accepted one"
expect_eq "$(status)" held "one hold"

# G3: a foreign key cannot take back rd's hold, trusted or not
ST=$(sign stranger --outcome advance --rationale "Looks fine." --verdict auroc=met --verdict worst-group=met \
  --verdict "ethics=waived:later" --supersedes "$RD1")
CL1=$(sign clin --outcome advance --rationale "Clinically fine." --verdict auroc=met --verdict worst-group=met \
  --verdict "ethics=waived:later" --supersedes "$RD1")
expect_eq "$(status)" disputed "rd's hold still counts beside clin's advance"
expect_eq "$(review_field "$RD1" 'r["superseded_by"]')" None "a foreign supersede has no effect"
expect_in "$WORK/st.json" "names $RD1 as superseded but was signed by a different key"
expect_eq "$(review_field "$ST" 'r["counted"]')" False "an untrusted review never counts"

# G3: the same key supersedes; chains resolve to the last
RD2=$(sign rd --outcome advance_with_conditions --condition "Close the gap." --rationale "Gap accepted for now." \
  "${V_OK[@]}" --supersedes "$RD1")
RD3=$(sign rd --outcome advance --rationale "Gap closed after all." --verdict auroc=met --verdict worst-group=met \
  --verdict "ethics=waived:later" --supersedes "$RD2")
expect_eq "$(status)" approved "rd's last advance and clin's advance"
expect_eq "$(review_field "$RD1" 'r["superseded_by"]["id"]')" "$RD2" "R1 superseded by R2"
expect_eq "$(review_field "$RD2" 'r["superseded_by"]["id"]')" "$RD3" "R2 superseded by R3"
expect_eq "$(review_field "$RD3" 'r["in_effect"]')" True "R3 in effect"
expect_exit 0 "$MLTRL_CLI" reviews derm-triage "${TRUST[@]}"
expect_in "$WORK/out" "superseded by $RD2, rd@example.org"
expect_exit 0 "$MLTRL_CLI" export derm-triage -o "$WORK/e2.mltrl"
expect_exit 1 "$MLTRL_CLI" verify "$WORK/e2.mltrl" "${TRUST[@]}"   # the stranger is not an allowed signer
expect_in "$WORK/out" "signer NOT ALLOWED"
expect_in "$WORK/out" "superseded by $RD2"
expect_in "$WORK/out" "gate gate-5: approved"

# G4: a role not granted is self-declared and does not count; one key fills one sign-off
mkdir -p "$WORK/s2"
S2=(--store "$WORK/s2")
expect_exit 0 "$MLTRL_CLI" "${S2[@]}" import "$EX"
expect_exit 0 "$MLTRL_CLI" "${S2[@]}" review derm-triage --gate gate-5 --key "$WORK/k_claim" --outcome advance \
  --rationale r --verdict auroc=met --verdict worst-group=met --verdict "ethics=waived:w"
CLAIM=$(cat "$WORK/out")
expect_exit 0 "$MLTRL_CLI" "${S2[@]}" review derm-triage --gate gate-5 --key "$WORK/k_rd" --outcome advance \
  --rationale r --verdict auroc=met --verdict worst-group=met --verdict "ethics=waived:w"
expect_exit 0 "$MLTRL_CLI" "${S2[@]}" reviews derm-triage --json "${TRUST[@]}"
expect_eq "$(json_get "$WORK/out" '[(r["reviewer"]["role_granted"], r["counted"]) for r in d["reviews"] if r["id"]=="'"$CLAIM"'"][0]')" \
  "(False, False)" "a self-declared role is not counted"
expect_eq "$(json_get "$WORK/out" '[(g["status"], g["missing"]) for g in d["gates"] if g["id"]=="gate-5"][0]')" \
  "('open', ['clinical reviewer: 0 of 1'])" "the clinical sign-off is still missing"
expect_exit 0 "$MLTRL_CLI" "${S2[@]}" reviews derm-triage "${TRUST[@]}"
expect_in "$WORK/out" "role self-declared"
mkdir -p "$WORK/s3"; S3=(--store "$WORK/s3")
expect_exit 0 "$MLTRL_CLI" "${S3[@]}" import "$EX"
for role in "R&D reviewer" "clinical reviewer"; do
  expect_exit 0 "$MLTRL_CLI" "${S3[@]}" review derm-triage --gate gate-5 --key "$WORK/k_both" --role "$role" \
    --outcome advance --rationale r --verdict auroc=met --verdict worst-group=met --verdict "ethics=waived:w"
done
expect_exit 0 "$MLTRL_CLI" "${S3[@]}" reviews derm-triage --json "${TRUST[@]}"
expect_eq "$(json_get "$WORK/out" '[(g["status"], g["counted"], len(g["missing"])) for g in d["gates"] if g["id"]=="gate-5"][0]')" \
  "('open', 2, 1)" "one key claiming two roles fills one sign-off"

# G3: a stale review cannot take back one that holds (revision 2 changes an evidence file)
cp -r "$EX" "$WORK/ex2"; chmod -R u+w "$WORK/ex2"; rm -rf "$WORK/ex2/reviews"
echo "x,y" >> "$WORK/ex2/evidence/sample.csv"
expect_exit 0 "$MLTRL_CLI" import "$WORK/ex2"; expect_in "$WORK/out" "revision 2"
CL2=$(sign clin --outcome hold --rationale "Recheck on revision 2." "${V_OK[@]}" --supersedes "$CL1")
expect_exit 0 "$MLTRL_CLI" review derm-triage --revision 1 --gate gate-5 --key "$WORK/k_clin" --outcome advance \
  --rationale "Old revision." --verdict auroc=met --verdict worst-group=met --verdict "ethics=waived:w" --supersedes "$CL2"
OLD=$(cat "$WORK/out")
expect_eq "$(status)" held "the stale supersede has no effect; the hold on revision 2 counts"
expect_eq "$(review_field "$CL2" 'r["superseded_by"]')" None "the hold is not superseded by a stale review"
expect_in "$WORK/st.json" "names $CL2 as superseded but is stale itself"
expect_eq "$(review_field "$OLD" 'r["status"]')" stale "the late review on revision 1 is stale"

# A record whose decision breaks G2, or whose level is not its gate's, is invalid in every
# verifier, though its signature holds (signed here with stock ssh-keygen).
ssh-keygen -q -t ed25519 -N '' -C forger -f "$WORK/forger"
mkdir -p "$WORK/forged"; (cd "$WORK/forged" && unzip -q "$WORK/e2.mltrl")
python3 - "$WORK/forged" "$WORK/forger.pub" <<'PY'
import json, sys, pathlib
root = pathlib.Path(sys.argv[1]); pub = " ".join(open(sys.argv[2]).read().split()[:2])
base = json.loads(next(root.glob("reviews/*.json")).read_text())
def write(rid, **change):
    r = dict(base, id=rid, supersedes=None, reviewer={"name": "F", "email": "f@example.org", "public_key": pub})
    for k, v in change.items():
        r[k] = v
    (root / "reviews" / (rid + ".json")).write_text(
        json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
write("forged-level", level=4)
write("forged-advance", decision={"outcome": "advance", "rationale": "x"},
      verdicts=[{"criterion": "auroc", "verdict": "not_met", "note": "n"}])
write("forged-norationale", decision={"outcome": "hold"})
PY
for id in forged-level forged-advance forged-norationale; do
  ssh-keygen -q -Y sign -f "$WORK/forger" -n mltrl-gate-review "$WORK/forged/reviews/$id.json"
done
expect_exit 1 "$MLTRL_CLI" verify "$WORK/forged"
expect_in "$WORK/out" "level 4 but gate \"gate-5\" is at level 5"
expect_in "$WORK/out" "G2 decision/outcome: an unconditional advance cannot have a not_met verdict"
expect_in "$WORK/out" "G2 decision/rationale: every outcome needs a rationale"

finish
