#!/usr/bin/env bash
# Local files: concurrent first use of a new store (three imports at once, all succeed), a
# read-only store (readable by list, show, diff and packet; writing says plainly why it fails,
# never "damaged"), outputs written through a temporary file and renamed over the target (a
# symbolic link planted there is replaced, never followed), keygen refusing existing targets
# (FILE.pub and FILE.identity.json included, links too) and the default keys folder at 0700.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"

# Three different projects (different ids), so each import adds a project.
for i in 1 2 3; do
  cp -r "$EX" "$WORK/p$i"; chmod -R u+w "$WORK/p$i"
  python3 - "$WORK/p$i" "$i" <<'PY'
import json, sys
m = json.load(open(f"{sys.argv[1]}/mltrl.json"))
m["project"]["id"] = f"derm-{sys.argv[2]}"
json.dump(m, open(f"{sys.argv[1]}/mltrl.json", "w"), indent=1)
PY
  rm -rf "$WORK/p$i/reviews"   # the example's review names the original project
done

# --- concurrent first use ---------------------------------------------------------------------
for round in 1 2 3 4 5; do
  store="$WORK/fresh-$round"
  pids=()
  for i in 1 2 3; do
    "$MLTRL_CLI" --store "$store" import "$WORK/p$i" >"$WORK/c$i.out" 2>"$WORK/c$i.err" &
    pids+=($!)
  done
  ok=1
  for i in 1 2 3; do
    wait "${pids[$((i - 1))]}" || { ok=0; echo "  round $round import $i:" >&2; sed 's/^/  | /' "$WORK/c$i.err" >&2; }
  done
  [ "$ok" -eq 1 ] && pass || fail "round $round: a concurrent first-use import failed"
  expect_exit 0 "$MLTRL_CLI" --store "$store" list --json
  expect_eq "$(json_get "$WORK/out" 'sorted(p["id"] for p in d)')" "['derm-1', 'derm-2', 'derm-3']" "round $round: projects"
  expect_eq "$(sqlite3 "$store/store.sqlite" 'PRAGMA integrity_check; PRAGMA user_version; PRAGMA journal_mode;' | tr '\n' ' ')" \
    "ok $(sqlite3 "$WORK/fresh-1/store.sqlite" 'PRAGMA user_version') wal " "round $round: the store"
done

# --- outputs: temporary file renamed over the target; planted links replaced, not followed -----
expect_exit 0 "$MLTRL_CLI" import "$EX"
echo "precious" > "$WORK/victim"
ln -s "$WORK/victim" "$WORK/out.mltrl"
expect_exit 0 "$MLTRL_CLI" export derm-triage -o "$WORK/out.mltrl"
expect_eq "$(cat "$WORK/victim")" "precious" "export wrote through a planted link"
[ -f "$WORK/out.mltrl" ] && [ ! -L "$WORK/out.mltrl" ] && pass || fail "export did not replace the link with a file"
expect_exit 0 "$MLTRL_CLI" verify "$WORK/out.mltrl"
ln -s "$WORK/nowhere/dangling" "$WORK/dangling.mltrl"
expect_exit 0 "$MLTRL_CLI" export derm-triage -o "$WORK/dangling.mltrl"
[ ! -e "$WORK/nowhere" ] && [ -f "$WORK/dangling.mltrl" ] && [ ! -L "$WORK/dangling.mltrl" ] && pass \
  || fail "export followed a dangling link"
# An existing file is replaced whole; a folder at the target is refused; no temporaries remain.
expect_exit 0 "$MLTRL_CLI" export derm-triage -o "$WORK/out.mltrl"
mkdir "$WORK/folder.mltrl"
expect_exit 1 "$MLTRL_CLI" export derm-triage -o "$WORK/folder.mltrl"
expect_in "$WORK/err" "folder.mltrl: error: cannot write: is a folder"
[ -z "$(find "$WORK" -maxdepth 1 -name '.*.tmp-*')" ] && pass || fail "temporary files left beside the outputs"
# The new file's permissions follow the umask, as any new file's do.
(umask 027; "$MLTRL_CLI" export derm-triage -o "$WORK/masked.mltrl" >/dev/null 2>&1)
expect_eq "$(stat -c %a "$WORK/masked.mltrl")" "640" "export permissions under umask 027"

if "$MLTRL_CLI" --help | grep -q '^  packet'; then
  ln -s "$WORK/victim" "$WORK/packet.pdf"
  expect_exit 0 "$MLTRL_CLI" packet derm-triage -o "$WORK/packet.pdf"
  expect_eq "$(cat "$WORK/victim")" "precious" "packet wrote through a planted link"
  [ ! -L "$WORK/packet.pdf" ] && head -c 5 "$WORK/packet.pdf" | grep -q '%PDF-' && pass || fail "packet did not replace the link"
fi

# --- keygen -----------------------------------------------------------------------------------
KEYS="$WORK/keys"; mkdir -p "$KEYS"
# A planted FILE.pub link: refused, nothing written, the link's target untouched.
ln -s "$WORK/victim" "$KEYS/k1.pub"
expect_exit 1 "$MLTRL_CLI" keygen --name A --email a@example.org --no-passphrase --out "$KEYS/k1"
expect_in "$WORK/err" "k1.pub: error: already exists (a symbolic link)"
expect_eq "$(cat "$WORK/victim")" "precious" "keygen wrote through FILE.pub"
[ ! -e "$KEYS/k1" ] && [ ! -e "$KEYS/k1.identity.json" ] && pass || fail "keygen wrote part of a key"
# A dangling link at FILE.identity.json, an existing FILE, an existing FILE.pub.
ln -s "$WORK/nowhere/x" "$KEYS/k2.identity.json"
expect_exit 1 "$MLTRL_CLI" keygen --name A --email a@example.org --no-passphrase --out "$KEYS/k2"
[ ! -e "$WORK/nowhere" ] && [ ! -e "$KEYS/k2" ] && [ ! -e "$KEYS/k2.pub" ] && pass || fail "keygen followed a dangling identity link"
echo "old key" > "$KEYS/k3"
expect_exit 1 "$MLTRL_CLI" keygen --name A --email a@example.org --no-passphrase --out "$KEYS/k3"
expect_in "$WORK/err" "k3: error: already exists"
expect_eq "$(cat "$KEYS/k3")" "old key" "keygen replaced an existing key"
echo "old pub" > "$KEYS/k4.pub"
expect_exit 1 "$MLTRL_CLI" keygen --name A --email a@example.org --no-passphrase --out "$KEYS/k4"
expect_eq "$(cat "$KEYS/k4.pub")" "old pub" "keygen replaced an existing FILE.pub"
[ ! -e "$KEYS/k4" ] && pass || fail "keygen wrote FILE beside an existing FILE.pub"
# A fresh key: the three files; the private key 0600.
expect_exit 0 "$MLTRL_CLI" keygen --name A --email a@example.org --no-passphrase --out "$KEYS/k5"
expect_eq "$(stat -c %a "$KEYS/k5")" "600" "private key mode"
[ -f "$KEYS/k5.pub" ] && [ -f "$KEYS/k5.identity.json" ] && pass || fail "keygen files"
# The default keys folder is created 0700.
expect_exit 0 "$MLTRL_CLI" keygen --name B --email b@example.org --no-passphrase
expect_eq "$(stat -c %a "$HOME/.local/share/mltrl-workbench/keys")" "700" "default keys folder mode"
expect_eq "$(stat -c %a "$HOME/.local/share/mltrl-workbench/keys/id_mltrl_ed25519")" "600" "default key mode"
expect_exit 1 "$MLTRL_CLI" keygen --name B --email b@example.org --no-passphrase
expect_in "$WORK/err" "id_mltrl_ed25519: error: already exists"

# --- a read-only store ------------------------------------------------------------------------
# As root, permissions do not stop writes: run the checks as an unprivileged user instead.
RO="$WORK/ro"
"$MLTRL_CLI" --store "$RO" import "$EX" >/dev/null 2>&1 || fail "import into the read-only-to-be store"
cp -r "$EX" "$WORK/ex2"; chmod -R u+w "$WORK/ex2"
echo "3,0.93,0.90,0.95" >> "$WORK/ex2/metrics/val_auroc.csv"
"$MLTRL_CLI" --store "$RO" import "$WORK/ex2" >/dev/null 2>&1 || fail "second revision"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$WORK/nobody-home")
    mkdir -p "$WORK/nobody-home"; chown 65534:65534 "$WORK/nobody-home"
    chmod 755 "$WORK"
  else
    echo "SKIP: read-only store checks (root without setpriv)"; finish; exit
  fi
fi
chmod -R a-w "$RO"; chmod -R a+rX "$RO"
OUTDIR="$WORK/ro-out"; mkdir -p "$OUTDIR"; chmod 777 "$OUTDIR"
if [ "${#as_user[@]}" -gt 0 ] && ! "${as_user[@]}" test -x "$MLTRL_CLI"; then
  echo "SKIP: read-only store checks (the unprivileged user cannot run $MLTRL_CLI)"; chmod -R u+w "$RO"; finish; exit
fi
expect_exit 0 "${as_user[@]}" "$MLTRL_CLI" --store "$RO" list --json
expect_eq "$(json_get "$WORK/out" '[(p["id"], p["revision"]) for p in d]')" "[('derm-triage', 2)]" "list of a read-only store"
expect_exit 0 "${as_user[@]}" "$MLTRL_CLI" --store "$RO" show derm-triage
expect_in "$WORK/out" "revision 2 of 2"
expect_exit 0 "${as_user[@]}" "$MLTRL_CLI" --store "$RO" diff derm-triage --from 1 --to 2
expect_exit 0 "${as_user[@]}" "$MLTRL_CLI" --store "$RO" reviews derm-triage
if "$MLTRL_CLI" --help | grep -q '^  packet'; then
  expect_exit 0 "${as_user[@]}" "$MLTRL_CLI" --store "$RO" packet derm-triage -o "$OUTDIR/ro.pdf"
fi
before=$(cd "$RO" && find . -printf '%p %s %T@\n' | sort)
for cmd in "import $WORK/p1" "annotate derm-triage --target project --severity info --text x --author me" \
           "export derm-triage -o $OUTDIR/ro.mltrl"; do
  # shellcheck disable=SC2086
  expect_exit 1 "${as_user[@]}" "$MLTRL_CLI" --store "$RO" $cmd
  expect_in "$WORK/err" "the store is read-only"
  expect_in "$WORK/err" "not writable"
  grep -q "damaged" "$WORK/err" && fail "${cmd%% *} on a read-only store says damaged" || pass
done
after=$(cd "$RO" && find . -printf '%p %s %T@\n' | sort)
expect_eq "$after" "$before" "the read-only store changed"
# A read-only store folder that holds no store yet: a plain reason, not "damaged".
mkdir -p "$WORK/ro-empty"; chmod 555 "$WORK/ro-empty"
expect_exit 1 "${as_user[@]}" "$MLTRL_CLI" --store "$WORK/ro-empty" list
expect_in "$WORK/err" "cannot create a store here: the folder $WORK/ro-empty is not writable"
chmod -R u+w "$RO" "$WORK/ro-empty"

finish
