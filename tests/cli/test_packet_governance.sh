#!/usr/bin/env bash
# The review packet tells the truth (issue 15, amendment 1.1): the bundled example after a
# superseded review and after a new revision, checked with pdftotext (sections, superseded
# marked, suggestions accepted, annotation authors and quoted lines, no number broken,
# "(empty)", a single point drawn), qpdf --list-attachments, pdfdetach -list/-saveall; the
# commands printed in the verification appendix are copied out with pdftotext and run with
# ssh-keygen and sha256sum on the exported archive (and sha256sum fails once an evidence byte
# is altered, while ssh-keygen still says "Good signature"); `mltrl verify PACKET.pdf` passes,
# and fails on a tampered attachment.
. "$(dirname "$0")/lib.sh"
: "${MLTRL_SOURCE_DIR:?set by CTest}"
for tool in qpdf pdftotext pdfdetach pdfinfo ssh-keygen sha256sum unzip python3; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/deps installs it)"; exit 77; }
done
export XDG_RUNTIME_DIR="$WORK/runtime"; mkdir -m 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM
EX="$MLTRL_SOURCE_DIR/examples/cxr-triage.mltrl"
EX2="$MLTRL_SOURCE_DIR/examples/cxr-triage-r2.mltrl"
P=cxr-triage

expect_exit 0 "$MLTRL_CLI" import "$EX"
expect_exit 0 "$MLTRL_CLI" keygen --name "Rhea Search" --email rd@example.org --role "R&D reviewer" \
  --out "$WORK/k1" --no-passphrase
expect_exit 0 "$MLTRL_CLI" keygen --name "Clint Ician" --email clin@example.org --role "clinical reviewer" \
  --out "$WORK/k2" --no-passphrase
{
  echo "rd@example.org namespaces=\"mltrl-gate-review\" $(cut -d' ' -f1,2 "$WORK/k1.pub")"
  echo "clin@example.org namespaces=\"mltrl-gate-review\" $(cut -d' ' -f1,2 "$WORK/k2.pub")"
} > "$WORK/allowed_signers"
printf 'rd@example.org R&D reviewer\nclin@example.org clinical reviewer\n' > "$WORK/reviewer_roles"
TRUST=(--allowed-signers "$WORK/allowed_signers" --reviewer-roles "$WORK/reviewer_roles")

# Annotations made with no login name in the environment still have an author (the passwd
# entry's name); one points at a text line, which the packet quotes.
ME=$(id -un)
expect_exit 0 env -u USER -u LOGNAME -u USERNAME "$MLTRL_CLI" annotate $P --target evidence:ev-eval-report:2 \
  --rect 60,80,300,160 --severity major --text "Site C sensitivity table: the CI is wide."
expect_exit 0 env -u USER -u LOGNAME -u USERNAME "$MLTRL_CLI" annotate $P --target evidence:ev-risk --line 3 \
  --severity minor --text "Residual risk is not quantified here."
LINE3=$(unzip -p "$EX" evidence/risk-assessment.md | sed -n 3p | cut -c1-60)
expect_exit 1 "$MLTRL_CLI" annotate $P --target project --severity info --text "x" --author ""
expect_in "$WORK/err" "needs an author"

QUAL=(--verdict ethics=met --verdict datasheet=met --verdict deid=met --verdict risk=met)
expect_exit 0 "$MLTRL_CLI" review $P --gate gate-5 --outcome advance_with_conditions --key "$WORK/k1" \
  --condition "Re-test site C." --rationale "Good enough to go on." --accept-suggestions \
  --verdict "sensitivity=not_met:0.888 against 0.90 at site C" "${QUAL[@]}"
R1=$(cat "$WORK/out")
expect_exit 0 "$MLTRL_CLI" review $P --gate gate-5 --outcome hold --key "$WORK/k1" --supersedes "$R1" \
  --rationale "Site C first, on reflection." --accept-suggestions --verdict "sensitivity=not_met:site C" "${QUAL[@]}"
R2=$(cat "$WORK/out")
expect_exit 0 "$MLTRL_CLI" review $P --gate gate-5 --outcome hold --key "$WORK/k2" --rationale "Site C first." \
  --accept-suggestions --verdict "sensitivity=not_met:site C" "${QUAL[@]}"
R3=$(cat "$WORK/out")
expect_exit 0 "$MLTRL_CLI" reviews $P --json "${TRUST[@]}"
SIGNED2=$(json_get "$WORK/out" '[r["signed_at"] for r in d["reviews"] if r["id"]=="'"$R2"'"][0]')

# ---- the packet after a superseded review ---------------------------------------------------
expect_exit 0 "$MLTRL_CLI" packet $P --gate gate-5 "${TRUST[@]}" -o "$WORK/p1.pdf"
qpdf --check "$WORK/p1.pdf" > "$WORK/qpdf.out" 2>&1 && pass || { fail "qpdf --check p1"; cat "$WORK/qpdf.out" >&2; }
pdftotext "$WORK/p1.pdf" "$WORK/p1.txt"
tr -s ' \n' '  ' < "$WORK/p1.txt" > "$WORK/p1.flat"
for s in "Summary" "Review history" "Traceability" "Evidence cited by nothing" "Criteria with no evidence" \
  "Requirements at or below level 5 still pending" "Verification" "1. The evidence check (sha256sum)" \
  "2. The signature check (ssh-keygen)" "Attached files" \
  "superseded by $R2, rd@example.org, $SIGNED2" "review ${R1:0:8} (advance_with_conditions" \
  "met — suggestion accepted" "review ${R2:0:8} (hold, $SIGNED2)" \
  "by $ME" "Line 3: “$LINE3" "ssh-keygen says \"Good signature\" on an archive whose evidence was altered" \
  "only the sha256sum check over the printed list"; do
  expect_in "$WORK/p1.flat" "$s"
done
# the cover and the summary show the reviews in effect only: R1 is named in the history alone
pdftotext -f 1 -l 2 "$WORK/p1.pdf" - | tr -s ' \n' '  ' > "$WORK/front.txt"
if grep -q "advance_with_conditions" "$WORK/front.txt"; then fail "the superseded review is on the cover or summary"
else pass; fi
expect_in "$WORK/front.txt" "taken back by the signer: see Review history"
expect_in "$WORK/front.txt" "held"
if grep -qi "rejected" "$WORK/p1.flat"; then fail "\"rejected\" is not an MLTRL word"; else pass; fi
if grep -q "author not recorded" "$WORK/p1.flat"; then fail "an annotation without author"; else pass; fi

# every observed value and threshold: exact, on one line (never broken inside a number)
expect_exit 0 "$MLTRL_CLI" show $P --json
python3 - "$WORK/out" "$WORK/p1.txt" <<'PY' && pass || fail "a number is broken or missing in p1"
import json, re, sys
d = json.load(open(sys.argv[1])); raw = open(sys.argv[2], encoding="utf-8").read()
# a number is whole when it stands on one line between non-number characters
tokens = set(re.findall(r"[0-9][0-9.e+-]*", raw))
bad = []
for g in d["gates"]:
    if g["id"] != "gate-5": continue
    for c in g["criteria"]:
        if c.get("observed") is not None:
            text = repr(c["observed"]) if not float(c["observed"]).is_integer() else str(int(c["observed"]))
            if text not in tokens: bad.append(f"observed {c['id']} {text}")
for b in bad: print("  ", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# attachments, listed by qpdf and poppler, saved, and identical to what they stand for
qpdf --list-attachments "$WORK/p1.pdf" > "$WORK/att.txt"
for a in mltrl.json SHA256SUMS allowed_signers reviewer_roles "$R1.json" "$R1.json.sig" "$R2.json" "$R2.json.sig" \
  "$R3.json" "$R3.json.sig"; do
  expect_in "$WORK/att.txt" "$a ->"
done
pdfdetach -list "$WORK/p1.pdf" > "$WORK/det.txt"
expect_in "$WORK/det.txt" "10 embedded files"
mkdir "$WORK/att"
(cd "$WORK/att" && pdfdetach -saveall "$WORK/p1.pdf") && pass || fail "pdfdetach -saveall"
cmp -s "$WORK/att/mltrl.json" <(unzip -p "$EX" mltrl.json) && pass || fail "attached mltrl.json differs"
cmp -s "$WORK/att/allowed_signers" "$WORK/allowed_signers" && pass || fail "attached allowed_signers differs"
cmp -s "$WORK/att/reviewer_roles" "$WORK/reviewer_roles" && pass || fail "attached reviewer_roles differs"
# the attached records verify with stock OpenSSH as they are
(cd "$WORK/att" && ssh-keygen -Y verify -f allowed_signers -I rd@example.org -n mltrl-gate-review \
  -s "$R2.json.sig" < "$R2.json") > "$WORK/ssh.out" 2>&1 && pass || { fail "attached R2 does not verify"; cat "$WORK/ssh.out" >&2; }

# ---- the printed commands, copied out of the PDF, run on the exported archive -----------------
# block START_LINE — the lines of p1.txt from START_LINE up to the next line "EOF" (a here-doc)
block() { awk -v start="$1" '$0 == start { on = 1 } on { print } on && $0 == "EOF" { exit }' "$2"; }
block "sha256sum -c <<'EOF'" "$WORK/p1.txt" > "$WORK/sums.sh"
block "cat > allowed_signers <<'EOF'" "$WORK/p1.txt" > "$WORK/signers.sh"
grep "^ssh-keygen -Y verify " "$WORK/p1.txt" | sort -u > "$WORK/verify.sh"   # in Signatures and Verification
expect_eq "$(wc -l < "$WORK/verify.sh")" 3 "ssh-keygen commands printed, one line each"
[ "$(wc -l < "$WORK/sums.sh")" -gt 20 ] && pass || fail "the sha256sum block is too short"
EXPORT_CMD=$(grep "^mltrl export " "$WORK/p1.txt")
expect_eq "$EXPORT_CMD" "mltrl export $P --revision 1 -o $P-r1.mltrl" "printed export command"
mkdir "$WORK/audit" && cd "$WORK/audit"
expect_exit 0 "$MLTRL_CLI" ${EXPORT_CMD#mltrl }
UNPACK_CMD=$(grep "^mkdir $P-r1 " "$WORK/p1.txt")
bash -c "$UNPACK_CMD && bash '$WORK/signers.sh' && bash '$WORK/sums.sh'" > "$WORK/sums.out" 2>&1 && pass \
  || { fail "the printed sha256sum check fails on the export"; cat "$WORK/sums.out" >&2; }
expect_in "$WORK/sums.out" "evidence/eval-report-v3.pdf: OK"
expect_in "$WORK/sums.out" "metrics/val_auroc.csv: OK"
expect_in "$WORK/sums.out" "reviews/$R2.json: OK"
cd "$WORK/audit/$P-r1"
expect_eq "$(grep -v '^$' allowed_signers | sort)" "$(sort "$WORK/allowed_signers")" "the printed allowed_signers lines"
bash "$WORK/verify.sh" > "$WORK/ssh.out" 2>&1 && pass || { fail "a printed ssh-keygen command fails"; cat "$WORK/ssh.out" >&2; }
expect_eq "$(grep -c "Good \"mltrl-gate-review\" signature" "$WORK/ssh.out")" 3 "Good signatures"
# alter one evidence byte: the signature check still passes, the evidence check does not
printf 'X' | dd of=evidence/risk-assessment.md bs=1 seek=10 count=1 conv=notrunc 2>/dev/null
bash "$WORK/verify.sh" > /dev/null 2>&1 && pass || fail "ssh-keygen was expected to still say Good signature"
bash "$WORK/sums.sh" > "$WORK/sums.out" 2>&1 && fail "sha256sum -c passed on altered evidence" || pass
expect_in "$WORK/sums.out" "evidence/risk-assessment.md: FAILED"
cd "$WORK"

# ---- mltrl verify PACKET.pdf ---------------------------------------------------------------------
expect_exit 0 "$MLTRL_CLI" verify "$WORK/p1.pdf"
expect_in "$WORK/out" "the packet's own list"
expect_in "$WORK/out" "packet verification passed"
expect_in "$WORK/out" "reviews/$R2.json: valid, signer trusted"
expect_in "$WORK/out" "superseded by $R2"
expect_exit 0 "$MLTRL_CLI" verify "$WORK/p1.pdf" "${TRUST[@]}"
expect_in "$WORK/out" "allowed signers: $WORK/allowed_signers"
: > "$WORK/nobody"
expect_exit 1 "$MLTRL_CLI" verify "$WORK/p1.pdf" --allowed-signers "$WORK/nobody"
expect_in "$WORK/out" "signer NOT ALLOWED"
# a tampered review record attached in place of the signed one
sed 's/Site C first\./Ship it./' "$WORK/att/$R3.json" > "$WORK/tampered.json"
qpdf "$WORK/p1.pdf" --add-attachment "$WORK/tampered.json" --key="$R3.json" --filename="$R3.json" --replace -- \
  "$WORK/tampered.pdf" && pass || fail "qpdf could not replace the attachment"
expect_exit 1 "$MLTRL_CLI" verify "$WORK/tampered.pdf"
expect_in "$WORK/out" "packet verification FAILED"
expect_in "$WORK/err" "$R3.json"
# a tampered manifest: its hash is no longer the printed one
printf ' ' | cat "$WORK/att/mltrl.json" - > "$WORK/m.json"
qpdf "$WORK/p1.pdf" --add-attachment "$WORK/m.json" --key=mltrl.json --filename=mltrl.json --replace -- "$WORK/t2.pdf"
expect_exit 1 "$MLTRL_CLI" verify "$WORK/t2.pdf"
expect_in "$WORK/err" "differs from the printed"
# a PDF without attachments is no packet
qpdf --empty --pages "$WORK/p1.pdf" 1 -- "$WORK/bare.pdf"
expect_exit 1 "$MLTRL_CLI" verify "$WORK/bare.pdf"
expect_in "$WORK/err" "not a review packet with attachments"

# the whole project: G7 says gate-4 was passed without a signed review
expect_exit 0 "$MLTRL_CLI" packet $P "${TRUST[@]}" --page-size Letter -o "$WORK/all.pdf"
pdftotext -f 1 -l 2 "$WORK/all.pdf" - | tr -s ' \n' '  ' > "$WORK/all.txt"
expect_in "$WORK/all.txt" "Gate gate-4: open — missing: R&D reviewer: 0 of 1 (0 reviews counted) — passed without a signed review in this store"
expect_in "$WORK/all.txt" "Gate gate-5: held"

# ---- after a new revision: the changes since the last signed review ----------------------------
expect_exit 0 "$MLTRL_CLI" import "$EX2"
expect_exit 0 "$MLTRL_CLI" packet $P --gate gate-5 "${TRUST[@]}" -o "$WORK/p2.pdf"
pdftotext "$WORK/p2.pdf" "$WORK/p2.txt"
tr -s ' \n' '  ' < "$WORK/p2.txt" > "$WORK/p2.flat"
for s in "Changes since the last signed review" "was made on revision 1. This packet shows revision 2" \
  "criterion gate-5/sensitivity" "observed" "0.8877" "0.905" "evidence ev-eval-report" "moved" "bytes changed" \
  "evidence ev-site-c-errors" "added" "Reviews made stale" "Review ${R3:0:8} of gate-5 by clin@example.org" \
  "stored with revision 1: run it in the folder of mltrl export $P --revision 1" \
  "Review records and signatures stored with other revisions"; do
  expect_in "$WORK/p2.flat" "$s"
done
# both of rd's reviews are stale now: the correction still stands (G3), R1 stays in the history
expect_exit 0 "$MLTRL_CLI" reviews $P --json "${TRUST[@]}"
expect_eq "$(json_get "$WORK/out" '[r["superseded_by"]["id"] for r in d["reviews"] if r["id"]=="'"$R1"'"][0]')" "$R2" \
  "a stale review still supersedes a stale one of the same key"
pdftotext -f 1 -l 2 "$WORK/p2.pdf" - | tr -s ' \n' '  ' > "$WORK/front2.txt"
if grep -q "advance_with_conditions" "$WORK/front2.txt"; then fail "the superseded review is on the cover of p2"
else pass; fi
expect_in "$WORK/p2.flat" "superseded by $R2, rd@example.org, $SIGNED2"
if grep -q "Changes since the last signed review" "$WORK/p1.flat"; then
  fail "p1 (the reviewed revision) has a changes section"; else pass; fi
block "sha256sum -c <<'EOF'" "$WORK/p2.txt" > "$WORK/sums2.sh"
mkdir "$WORK/audit2" && cd "$WORK/audit2"
expect_exit 0 "$MLTRL_CLI" export $P --revision 2 -o $P-r2.mltrl
bash -c "$(grep "^mkdir $P-r2 " "$WORK/p2.txt") && bash '$WORK/sums2.sh'" > "$WORK/sums.out" 2>&1 && pass \
  || { fail "the printed sha256sum check fails on the export of revision 2"; cat "$WORK/sums.out" >&2; }
cd "$WORK"
# the stale reviews are reported as the packet reports them; the packet still verifies
expect_exit 0 "$MLTRL_CLI" verify "$WORK/p2.pdf" "${TRUST[@]}"
expect_in "$WORK/out" "reviews/$R3.json: stale"

# ---- a project with a single-point metric, a long observed value and an empty card section ------
python3 - "$EX" "$WORK/single.mltrl" <<'PY'
import json, sys, zipfile
src = zipfile.ZipFile(sys.argv[1]); out = zipfile.ZipFile(sys.argv[2], "w")
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == "mltrl.json":
        m = json.loads(data)
        m["project"]["id"] = "cxr-single"; m["project"]["name"] = "Chest X-ray triage, one point"
        for c in m["cards"]:
            if c["level"] == 5 and not c.get("component"):
                c["caveats"] = ""
        data = json.dumps(m, ensure_ascii=False, indent=1).encode()
    elif item.filename == "metrics/val_auroc.csv":
        data = b"step,timestamp,value,lower,upper\n701,2026-08-10T08:13:55Z,0.9967873831775,0.99,0.999\n"
    out.writestr(item.filename, data)
out.close()
PY
expect_exit 0 "$MLTRL_CLI" import "$WORK/single.mltrl"
expect_exit 0 "$MLTRL_CLI" packet cxr-single --gate gate-5 -o "$WORK/p3.pdf"
pdftotext "$WORK/p3.pdf" "$WORK/p3.txt"
tr -s ' \n' '  ' < "$WORK/p3.txt" > "$WORK/p3.flat"
expect_in "$WORK/p3.flat" "Every point drawn (1 in all), each marked."
expect_in "$WORK/p3.flat" "Caveats (empty)"
expect_in "$WORK/p3.flat" "= 0.99679 >= 0.9"              # rounded for reading in the figure caption
grep -qw "0.9967873831775" "$WORK/p3.txt" && pass || fail "the exact observed value is broken or missing"
expect_in "$WORK/p3.flat" "auroc: observed 0.99679"        # rounded in the summary
# the single point is drawn: the figure's page has the series colour around the point
PAGE=$(python3 - "$WORK/p3.txt" <<'PY'
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
print(next(i + 1 for i, p in enumerate(pages) if "Metric val_auroc" in p))
PY
)
if command -v pdftoppm >/dev/null; then
  pdftoppm -png -r 72 -f "$PAGE" -l "$PAGE" "$WORK/p3.pdf" "$WORK/fig"
  python3 - "$WORK"/fig*.png <<'PY' && pass || fail "no marker of the single point on page $PAGE"
import sys, zlib, struct
def pixels(path):   # a minimal PNG reader (8-bit RGB/RGBA, non-interlaced), no third-party module
    data = open(path, "rb").read(); pos = 8; idat = b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
        if kind == b"IHDR": w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT": idat += body
    bpp = {2: 3, 6: 4}[ctype]; raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); out = []
    for y in range(h):
        f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.append(line); prev = line
    return w, h, bpp, out
w, h, bpp, rows = pixels(sys.argv[1])
# strongly blue pixels (the first series colour): the marker and the legend-free plot
blue = sum(1 for r in rows for x in range(w) if r[x*bpp+2] > 150 and r[x*bpp] < 90 and r[x*bpp+1] < 150)
print("blue pixels:", blue, file=sys.stderr)
sys.exit(0 if blue >= 6 else 1)
PY
fi
finish
