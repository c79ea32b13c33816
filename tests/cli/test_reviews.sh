#!/usr/bin/env bash
# Gate reviews end to end: key, annotation, signed review, listing, export, verification
# with stock OpenSSH and with `mltrl verify`, tampering, re-import and the audit log.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"
KEY="$WORK/keys/id_test"

# The example archive verifies on its own, trusted by its allowed_signers.
expect_exit 0 "$MLTRL_CLI" verify "$EX" --allowed-signers "$MLTRL_TEST_DATA/example-min-allowed_signers"
expect_in "$WORK/out" "valid, signer trusted"
expect_in "$WORK/out" "verification passed"
# Without the list the signer is unknown, which is reported but does not fail.
expect_exit 0 "$MLTRL_CLI" verify "$EX";          expect_in "$WORK/out" "valid_unknown_signer"

# keygen
printf 'correct horse\n' > "$WORK/pass"
expect_exit 2 "$MLTRL_CLI" keygen --name "R. Eviewer" --email r@example.org
expect_exit 0 "$MLTRL_CLI" keygen --name "R. Eviewer" --email r@example.org --role "R&D reviewer" \
  --out "$KEY" --passphrase-file "$WORK/pass"
expect_in "$WORK/out" "ssh-ed25519 AAAA"
expect_in "$WORK/out" "R. Eviewer <r@example.org>"
[ "$(stat -c %a "$KEY")" = 600 ] && pass || fail "private key mode is not 0600"
expect_in "$KEY.pub" "ssh-ed25519 "
expect_in "$KEY.identity.json" '"role": "R&D reviewer"'
# A standard OpenSSH private key, passphrase-encrypted (PKCS#8 when there is no ssh-keygen).
if command -v ssh-keygen >/dev/null; then
  grep -q "BEGIN OPENSSH PRIVATE KEY" "$KEY" && pass || fail "the private key is not in OpenSSH format"
  ssh-keygen -y -P '' -f "$KEY" >/dev/null 2>&1 && fail "the private key is not encrypted" || pass
  [ "$(ssh-keygen -y -P 'correct horse' -f "$KEY" | cut -d' ' -f1,2)" = "$(cut -d' ' -f1,2 "$KEY.pub")" ] \
    && pass || fail "ssh-keygen -y does not read the key with its passphrase"
else
  grep -q "ENCRYPTED PRIVATE KEY" "$KEY" && pass || fail "the private key is not encrypted"
fi
echo "r@example.org namespaces=\"mltrl-gate-review\" $(cut -d' ' -f1,2 "$KEY.pub")" > "$WORK/allowed_signers"
cat "$MLTRL_TEST_DATA/example-min-allowed_signers" >> "$WORK/allowed_signers"
# G4: the roles the verifier grants (the signer's own role is only a claim)
printf 'r@example.org R&D reviewer\nreviewer@example.org clinical reviewer\nown@example.org R&D reviewer\n' > "$WORK/reviewer_roles"
expect_exit 1 "$MLTRL_CLI" keygen --name X --email x@example.org --out "$KEY" --no-passphrase  # never overwrites

# import the example: its review is merged into revision 1
expect_exit 0 "$MLTRL_CLI" import "$EX";          expect_in "$WORK/out" "imported derm-triage revision 1"
expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json
expect_eq "$(json_get "$WORK/out" 'len(d["reviews"])')" 1 "reviews after import"

# annotate
expect_exit 0 "$MLTRL_CLI" annotate derm-triage --target evidence:ev-datasheet:2 --severity major --text "Check the n."
expect_exit 0 "$MLTRL_CLI" annotate derm-triage --target criterion:gate-5/worst-group --severity minor --text "Gap."
expect_exit 1 "$MLTRL_CLI" annotate derm-triage --target evidence:nope --severity info --text x
expect_in "$WORK/err" 'evidence "nope" does not exist'
expect_exit 1 "$MLTRL_CLI" annotate derm-triage --target metric:loss --severity huge --text x
# a line of a text file, by a named author; without --author (and no default key) the login name,
# else the passwd entry's name
expect_exit 0 "$MLTRL_CLI" annotate derm-triage --target evidence:ev-datasheet --line 3 --severity info \
  --text "Line note." --author "Q. Tester <q@example.org>"
expect_eq "$(sqlite3 "$MLTRL_STORE/store.sqlite" "SELECT author || ' ' || target_json FROM annotations WHERE text = 'Line note.'")" \
  'Q. Tester <q@example.org> {"evidence":"ev-datasheet","line":3}' "line annotation and its author"
expect_eq "$(sqlite3 "$MLTRL_STORE/store.sqlite" "SELECT author FROM annotations WHERE text = 'Gap.'")" \
  "${USER:-${LOGNAME:-${USERNAME:-$(id -un)}}}" "default author"   # never empty: the passwd name at last
expect_exit 2 "$MLTRL_CLI" annotate derm-triage --target evidence:ev-datasheet:2 --line 3 --severity info --text x
expect_exit 1 "$MLTRL_CLI" annotate derm-triage --target evidence:ev-datasheet --line 0 --severity info --text x

# review: validation errors, then a signed review
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-5 --outcome advance --key "$KEY" --passphrase-file "$WORK/pass" \
  --verdict auroc=met --verdict worst-group=not_met --verdict ethics=met
expect_in "$WORK/err" "needs a note"
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-5 --outcome switchback --to-level 6 --key "$KEY" \
  --passphrase-file "$WORK/pass" --verdict auroc=met --verdict worst-group=met --verdict ethics=met --rationale x
expect_in "$WORK/err" "below the gate's level 5"
printf 'wrong\n' > "$WORK/wrongpass"
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-5 --outcome advance --key "$KEY" \
  --passphrase-file "$WORK/wrongpass" --verdict auroc=met --verdict worst-group=met --verdict ethics=met
expect_exit 0 "$MLTRL_CLI" review derm-triage --gate gate-5 --outcome advance_with_conditions \
  --condition "Close the V-VI gap before level 6." --rationale "Good enough to build on." \
  --verdict auroc=met --verdict "worst-group=not_met:Gap of 0.06: see annotation." --verdict ethics=met \
  --key "$KEY" --passphrase-file "$WORK/pass"
ID="$(cat "$WORK/out")"
[ -n "$ID" ] && pass || fail "review printed no id"

expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json --allowed-signers "$WORK/allowed_signers" \
  --reviewer-roles "$WORK/reviewer_roles"
R="$WORK/reviews.json"; cp "$WORK/out" "$R"
expect_eq "$(json_get "$R" 'len(d["reviews"])')" 2 "reviews after signing"
expect_eq "$(json_get "$R" '[r["status"] for r in d["reviews"] if r["id"]=="'"$ID"'"][0]')" valid "status of the new review"
expect_eq "$(json_get "$R" '[(r["gate"], r["outcome"], r["reviewer"]["email"]) for r in d["reviews"] if r["id"]=="'"$ID"'"][0]')" \
  "('gate-5', 'advance_with_conditions', 'r@example.org')" "new review fields"
expect_eq "$(json_get "$R" '[g["status"] for g in d["gates"] if g["id"]=="gate-5"][0]')" "approved with conditions" "gate-5 status"
expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json
expect_eq "$(json_get "$WORK/out" 'sorted(r["status"] for r in d["reviews"])')" \
  "['valid_unknown_signer', 'valid_unknown_signer']" "statuses without allowed signers"
expect_eq "$(json_get "$WORK/out" '[g["status"] for g in d["gates"] if g["id"]=="gate-5"][0]')" open "gate-5 untrusted"

# export, then verify the review files with stock OpenSSH
expect_exit 0 "$MLTRL_CLI" export derm-triage -o "$WORK/out.mltrl"
expect_in "$WORK/out" "2 signed reviews"
[ "$(unzip -Z1 "$WORK/out.mltrl" | head -1)" = mltrl.json ] && pass || fail "mltrl.json is not the first entry"
mkdir -p "$WORK/x" && (cd "$WORK/x" && unzip -q "$WORK/out.mltrl")
cmp -s "$WORK/x/mltrl.json" "$EX/mltrl.json" && pass || fail "exported manifest differs"
cmp -s "$WORK/x/evidence/sample.csv" "$EX/evidence/sample.csv" && pass || fail "exported evidence differs"
if command -v ssh-keygen >/dev/null; then
  ssh-keygen -Y verify -f "$WORK/allowed_signers" -I r@example.org -n mltrl-gate-review \
    -s "$WORK/x/reviews/$ID.json.sig" < "$WORK/x/reviews/$ID.json" >"$WORK/ssh.out" 2>&1 \
    && pass || { fail "ssh-keygen -Y verify rejected the exported review"; cat "$WORK/ssh.out" >&2; }
  OLD=0b7e2f64-3c1d-4a8e-9f20-5d6c7b8a9e01
  ssh-keygen -Y verify -f "$WORK/allowed_signers" -I reviewer@example.org -n mltrl-gate-review \
    -s "$WORK/x/reviews/$OLD.json.sig" < "$WORK/x/reviews/$OLD.json" >/dev/null 2>&1 \
    && pass || fail "ssh-keygen -Y verify rejected the re-exported example review"
fi
expect_exit 0 "$MLTRL_CLI" verify "$WORK/out.mltrl" --allowed-signers "$WORK/allowed_signers" \
  --reviewer-roles "$WORK/reviewer_roles"
expect_in "$WORK/out" "gate gate-5: approved with conditions"
# With a list that lacks the new signer, --allowed-signers fails the check.
expect_exit 1 "$MLTRL_CLI" verify "$WORK/out.mltrl" --allowed-signers "$MLTRL_TEST_DATA/example-min-allowed_signers"
expect_in "$WORK/out" "signer NOT ALLOWED"

# tampering with an evidence file in the exported archive (one without a declared hash)
cp -r "$WORK/x" "$WORK/t"; echo "tampered" >> "$WORK/t/evidence/sample.csv"
(cd "$WORK/t" && zip -qr "$WORK/tampered.mltrl" .)
expect_exit 1 "$MLTRL_CLI" verify "$WORK/tampered.mltrl"
expect_in "$WORK/out" 'evidence "ev-sample" changed'
expect_in "$WORK/out" "stale"
# ... and one whose hash the manifest declares
cp -r "$WORK/x" "$WORK/t2"; echo "tampered" >> "$WORK/t2/evidence/datasheet.md"
expect_exit 1 "$MLTRL_CLI" verify "$WORK/t2"
cat "$WORK/out" "$WORK/err" > "$WORK/both"; expect_in "$WORK/both" "ev-datasheet"
# a flipped byte in a review record
cp -r "$WORK/x" "$WORK/t3"; sed -i 's/"advance_with_conditions"/"advance"/' "$WORK/t3/reviews/$ID.json"
expect_exit 1 "$MLTRL_CLI" verify "$WORK/t3";    expect_in "$WORK/out" "invalid"

# re-import: the same revision, reviews merged idempotently; into a fresh store too
before="$(store_state)"
expect_exit 0 "$MLTRL_CLI" import "$WORK/out.mltrl"; expect_in "$WORK/out" "revision 1 already holds this content"
[ "$before" = "$(store_state)" ] && pass || fail "re-import changed the store's revisions or blobs"
expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json
expect_eq "$(json_get "$WORK/out" 'len(d["reviews"])')" 2 "reviews after re-import"
expect_exit 0 "$MLTRL_CLI" --store "$WORK/s2" import "$EX"
expect_exit 0 "$MLTRL_CLI" --store "$WORK/s2" import "$WORK/out.mltrl"
expect_in "$WORK/out" "revision 1 already holds this content"
expect_exit 0 "$MLTRL_CLI" --store "$WORK/s2" reviews derm-triage --json --allowed-signers "$WORK/allowed_signers"
expect_eq "$(json_get "$WORK/out" 'sorted(r["status"] for r in d["reviews"])')" "['valid', 'valid']" "merged reviews"
expect_exit 0 "$MLTRL_CLI" --store "$WORK/s2" list --json
expect_eq "$(json_get "$WORK/out" 'd[0]["revision"]')" 1 "reviews never create a revision"
# an archive with an invalid review is still imported; the review is reported, not stored
expect_exit 0 "$MLTRL_CLI" --store "$WORK/s3" import "$WORK/t3"
expect_in "$WORK/err" "invalid review, not stored"
expect_exit 0 "$MLTRL_CLI" --store "$WORK/s3" reviews derm-triage --json
expect_eq "$(json_get "$WORK/out" 'len(d["reviews"])')" 1 "only the valid review is stored"

# a changed evidence file makes revision 2; the reviews of revision 1 show as stale
cp -r "$EX" "$WORK/ex2"; chmod -R u+w "$WORK/ex2"; echo "x,y" >> "$WORK/ex2/evidence/sample.csv"
rm -rf "$WORK/ex2/reviews"
expect_exit 0 "$MLTRL_CLI" import "$WORK/ex2";   expect_in "$WORK/out" "revision 2"
expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json
expect_eq "$(json_get "$WORK/out" 'sorted(r["status"] for r in d["reviews"])')" "['stale', 'stale']" "stale after revision 2"
expect_in "$WORK/out" 'evidence \"ev-sample\" changed'

# a reviewer's own OpenSSH key signs through ssh-keygen; a correction supersedes the review
if command -v ssh-keygen >/dev/null; then
  ssh-keygen -q -t ed25519 -N '' -C own -f "$WORK/own_key"
  expect_exit 0 "$MLTRL_CLI" review derm-triage --gate gate-2 --outcome hold --verdict pop=met \
    --key "$WORK/own_key" --name "O. Wn" --email own@example.org --role "R&D reviewer" --rationale "Rerun first."
  OWN="$(cat "$WORK/out")"
  expect_exit 0 "$MLTRL_CLI" review derm-triage --gate gate-2 --outcome advance --verdict pop=met \
    --key "$WORK/own_key" --name "O. Wn" --email own@example.org --role "R&D reviewer" --supersedes "$OWN" \
    --rationale "The rerun reproduced the PoP."
  echo "own@example.org $(cut -d' ' -f1,2 "$WORK/own_key.pub")" >> "$WORK/allowed_signers"
  expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json --allowed-signers "$WORK/allowed_signers"
  expect_eq "$(json_get "$WORK/out" '[r["status"] for r in d["reviews"] if r["id"]=="'"$OWN"'"][0]')" valid "ssh-keygen-signed review"
  expect_eq "$(json_get "$WORK/out" '[g["status"] for g in d["gates"] if g["id"]=="gate-2"][0]')" approved "superseding review counts"
fi

# the audit log
expect_exit 0 "$MLTRL_CLI" audit derm-triage
expect_in "$WORK/out" "import"; expect_in "$WORK/out" "annotate"; expect_in "$WORK/out" "sign"; expect_in "$WORK/out" "export"
expect_in "$WORK/out" "audit log intact"
sqlite3 "$MLTRL_STORE/store.sqlite" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action='import' WHERE action='sign';"
expect_exit 1 "$MLTRL_CLI" audit derm-triage;    expect_in "$WORK/err" "broken at entry"

finish
