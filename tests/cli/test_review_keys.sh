#!/usr/bin/env bash
# Reviews signed with the keys reviewers already have: RSA-3072, ECDSA P-384 and P-521 and
# Ed25519 OpenSSH key files (made by `mltrl keygen`, readable by ssh-keygen and ssh-add), a
# PKCS#8 key from before, and a real ssh-agent holding passphrase-protected keys (signed
# through a `.pub` and through the encrypted file). Every review verifies with stock
# `ssh-keygen -Y verify` and with `mltrl verify`, and counts towards gate status.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"
if ! command -v ssh-keygen >/dev/null || ! command -v ssh-agent >/dev/null || ! command -v ssh-add >/dev/null; then
  echo "SKIP: OpenSSH client tools not installed"; exit 0
fi
unset SSH_AUTH_SOCK SSH_AGENT_PID
K="$WORK/keys"; mkdir -p "$K"
printf 'correct horse\n' >"$WORK/pass"

expect_exit 0 "$MLTRL_CLI" import "$EX"

# keygen writes OpenSSH private keys that the OpenSSH tools read, with and without passphrase.
keygen() { # NAME TYPE EMAIL ROLE PASS-ARGS...
  local name=$1 type=$2 email=$3 role=$4; shift 4
  expect_exit 0 "$MLTRL_CLI" keygen --type "$type" --name "$name" --email "$email" --role "$role" --out "$K/$name" "$@"
  [ "$(stat -c %a "$K/$name")" = 600 ] && pass || fail "$name: private key mode is not 0600"
  grep -q "BEGIN OPENSSH PRIVATE KEY" "$K/$name" && pass || fail "$name: not an OpenSSH private key"
  echo "$email namespaces=\"mltrl-gate-review\" $(cut -d' ' -f1,2 "$K/$name.pub")" >>"$WORK/allowed_signers"
  echo "$email $role" >>"$WORK/reviewer_roles"   # G4: the verifier grants the role
}
echo "legacy@example.org R&D reviewer" >>"$WORK/reviewer_roles"
keygen rsa3072 rsa clin@example.org "clinical reviewer" --bits 3072 --no-passphrase
keygen p384 ecdsa-p384 rd@example.org "R&D reviewer" --no-passphrase
keygen p521 ecdsa-p521 rd2@example.org "R&D reviewer" --passphrase-file "$WORK/pass"
keygen ed ed25519 ed@example.org "R&D reviewer" --no-passphrase
keygen agentrsa rsa agent@example.org "clinical reviewer" --passphrase-file "$WORK/pass"
keygen agentp384 ecdsa-p384 agent2@example.org "R&D reviewer" --passphrase-file "$WORK/pass"
expect_in "$K/rsa3072.pub" "ssh-rsa AAAA"
expect_in "$K/p384.pub" "ecdsa-sha2-nistp384 AAAA"
expect_in "$K/p521.pub" "ecdsa-sha2-nistp521 AAAA"
expect_eq "$(ssh-keygen -l -f "$K/rsa3072.pub" | cut -d' ' -f1)" 3072 "RSA key size"
for k in rsa3072 p384 ed; do
  [ "$(ssh-keygen -y -f "$K/$k" | cut -d' ' -f1,2)" = "$(cut -d' ' -f1,2 "$K/$k.pub")" ] \
    && pass || fail "ssh-keygen -y does not read $k"
  echo payload | ssh-keygen -Y sign -f "$K/$k" -n test >"$WORK/$k.sig" 2>/dev/null && pass || fail "ssh-keygen -Y sign refuses $k"
  echo "x $(cat "$K/$k.pub")" >"$WORK/as_x"
  echo payload | "$MLTRL_CLI" signature verify -f "$WORK/as_x" -I x -n test -s "$WORK/$k.sig" >/dev/null \
    && pass || fail "mltrl does not verify ssh-keygen's signature with $k"
done
ssh-keygen -y -P '' -f "$K/p521" >/dev/null 2>&1 && fail "p521 is not encrypted" || pass
[ "$(ssh-keygen -y -P 'correct horse' -f "$K/p521" | cut -d' ' -f1,2)" = "$(cut -d' ' -f1,2 "$K/p521.pub")" ] \
  && pass || fail "ssh-keygen -y does not read the encrypted p521 key"
expect_exit 2 "$MLTRL_CLI" keygen --type dsa --name X --email x@example.org --out "$K/x" --no-passphrase
expect_exit 1 "$MLTRL_CLI" keygen --type rsa --bits 1024 --name X --email x@example.org --out "$K/x" --no-passphrase

# A PKCS#8 key made before keys were OpenSSH files (or by openssl) still signs.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$K/legacy.pem" 2>/dev/null
GATE5=(--gate gate-5 --outcome advance_with_conditions --condition "Close the V-VI gap." --verdict auroc=met
       --verdict "worst-group=not_met:Gap of 0.06." --verdict ethics=met)
review() { # LABEL ARGS... — signs a review, keeps its id in $ID
  expect_exit 0 "$MLTRL_CLI" review derm-triage "${@:2}" --rationale "Signed with the $1 key."
  ID="$(cat "$WORK/out")"; IDS+=("$ID"); [ -n "$ID" ] && pass || fail "$1: no review id"
  cp "$WORK/err" "$WORK/err_$1"
}
IDS=()
review legacy "${GATE5[@]}" --key "$K/legacy.pem" --name "L. Egacy" --email legacy@example.org --role "R&D reviewer"
expect_in "$WORK/err_legacy" "in process"

# Gate 5 needs an R&D and a clinical reviewer: P-384 and RSA-3072 key files sign in process.
expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json --allowed-signers "$WORK/allowed_signers" --reviewer-roles "$WORK/reviewer_roles"
expect_eq "$(json_get "$WORK/out" '[g["status"] for g in d["gates"] if g["id"]=="gate-5"][0]')" open "gate-5 before"
review p384 "${GATE5[@]}" --key "$K/p384"
expect_in "$WORK/err_p384" "ECDSA key"
expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json --allowed-signers "$WORK/allowed_signers" --reviewer-roles "$WORK/reviewer_roles"
expect_eq "$(json_get "$WORK/out" '[g["status"] for g in d["gates"] if g["id"]=="gate-5"][0]')" open "gate-5, R&D only"
review rsa3072 "${GATE5[@]}" --key "$K/rsa3072"
expect_in "$WORK/err_rsa3072" "RSA key"
expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json --allowed-signers "$WORK/allowed_signers" --reviewer-roles "$WORK/reviewer_roles"
expect_eq "$(json_get "$WORK/out" '[g["status"] for g in d["gates"] if g["id"]=="gate-5"][0]')" "approved with conditions" \
  "gate-5 with RSA and ECDSA reviewers"
# Gate 2: Ed25519 in process, P-521 (encrypted) through ssh-keygen with the passphrase file.
review ed --gate gate-2 --outcome advance --verdict pop=met --key "$K/ed"
review p521 --gate gate-2 --outcome advance --verdict pop=met --key "$K/p521" --passphrase-file "$WORK/pass"
expect_in "$WORK/err_p521" "through ssh-keygen"
printf 'wrong\n' >"$WORK/wrong"
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-2 --outcome advance --verdict pop=met --key "$K/p521" \
  --passphrase-file "$WORK/wrong" --rationale r

# A real ssh-agent holding passphrase-protected keys, added with ssh-add through SSH_ASKPASS.
ssh-agent -a "$WORK/agent.sock" -s >"$WORK/agent.env" && pass || fail "ssh-agent did not start"
. "$WORK/agent.env" >/dev/null
AGENT_PID="$SSH_AGENT_PID"
trap 'kill "$AGENT_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
printf '#!/bin/sh\ncat "%s"\n' "$WORK/pass" >"$WORK/askpass"; chmod 700 "$WORK/askpass"
for k in agentrsa agentp384; do
  SSH_ASKPASS="$WORK/askpass" SSH_ASKPASS_REQUIRE=force ssh-add "$K/$k" </dev/null >/dev/null 2>&1 \
    && pass || fail "ssh-add refused $k"
done
ssh-add -l >"$WORK/agent.list" 2>&1; expect_in "$WORK/agent.list" "(RSA)"; expect_in "$WORK/agent.list" "(ECDSA)"
# ssh-add also takes the unencrypted keys mltrl keygen wrote in process.
ssh-add "$K/ed" </dev/null >/dev/null 2>&1 && pass || fail "ssh-add refused the unencrypted ed25519 key"
review agentrsa "${GATE5[@]}" --key "$K/agentrsa.pub"
expect_in "$WORK/err_agentrsa" "through ssh-agent"
review agentp384 --gate gate-2 --outcome advance --verdict pop=met --key "$K/agentp384"
expect_in "$WORK/err_agentp384" "through ssh-agent"
# A .pub whose private half is not in the agent is refused, naming the key.
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-2 --outcome advance --verdict pop=met --key "$K/p384.pub" --rationale r
expect_in "$WORK/err" "ssh-agent does not hold"
kill "$AGENT_PID"; unset SSH_AUTH_SOCK SSH_AGENT_PID
expect_exit 1 "$MLTRL_CLI" review derm-triage --gate gate-2 --outcome advance --verdict pop=met --key "$K/agentp384.pub" --rationale r
expect_in "$WORK/err" "SSH_AUTH_SOCK is not set"

# Every review: valid and trusted; the gates count them.
echo "legacy@example.org namespaces=\"mltrl-gate-review\" $(python3 - "$MLTRL_STORE/store.sqlite" "${IDS[0]}" <<'EOF'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (rec,) in db.execute("SELECT record FROM reviews WHERE id = ?", (sys.argv[2],)):
    print(json.loads(rec)["reviewer"]["public_key"])
EOF
)" >>"$WORK/allowed_signers"
expect_exit 0 "$MLTRL_CLI" reviews derm-triage --json --allowed-signers "$WORK/allowed_signers" --reviewer-roles "$WORK/reviewer_roles"
R="$WORK/reviews.json"; cp "$WORK/out" "$R"
for id in "${IDS[@]}"; do
  expect_eq "$(json_get "$R" '[(r["status"], r["trusted"]) for r in d["reviews"] if r["id"]=="'"$id"'"][0]')" \
    "('valid', True)" "review $id"
done
expect_eq "$(json_get "$R" '[g["status"] for g in d["gates"] if g["id"]=="gate-5"][0]')" "approved with conditions" "gate-5"
expect_eq "$(json_get "$R" '[g["counted"] for g in d["gates"] if g["id"]=="gate-2"][0]')" 3 "gate-2 counts ed, p521, agent p384"
expect_eq "$(json_get "$R" '[g["status"] for g in d["gates"] if g["id"]=="gate-2"][0]')" approved "gate-2"

# Export: stock ssh-keygen and mltrl verify every review file.
expect_exit 0 "$MLTRL_CLI" export derm-triage -o "$WORK/out.mltrl"
mkdir -p "$WORK/x" && (cd "$WORK/x" && unzip -q "$WORK/out.mltrl")
for id in "${IDS[@]}"; do
  email="$(json_get "$WORK/x/reviews/$id.json" 'd["reviewer"]["email"]')"
  ssh-keygen -Y verify -f "$WORK/allowed_signers" -I "$email" -n mltrl-gate-review -s "$WORK/x/reviews/$id.json.sig" \
    <"$WORK/x/reviews/$id.json" >"$WORK/ssh.out" 2>&1 && pass || { fail "ssh-keygen rejects review $id"; cat "$WORK/ssh.out" >&2; }
  "$MLTRL_CLI" signature verify -f "$WORK/allowed_signers" -I "$email" -n mltrl-gate-review \
    -s "$WORK/x/reviews/$id.json.sig" <"$WORK/x/reviews/$id.json" >"$WORK/ml.out" 2>&1 && pass || fail "mltrl signature rejects $id"
  cmp -s "$WORK/ssh.out" "$WORK/ml.out" && pass || fail "ssh-keygen and mltrl print different verdicts for $id"
done
cat "$MLTRL_TEST_DATA/example-min-allowed_signers" >>"$WORK/allowed_signers"
expect_exit 0 "$MLTRL_CLI" verify "$WORK/out.mltrl" --allowed-signers "$WORK/allowed_signers" --reviewer-roles "$WORK/reviewer_roles"
expect_in "$WORK/out" "gate gate-5: approved with conditions"
expect_in "$WORK/out" "gate gate-2: approved"
expect_in "$WORK/out" "verification passed"
[ "$(grep -c "valid, signer trusted" "$WORK/out")" -ge "${#IDS[@]}" ] && pass || fail "not every review is trusted"

finish
