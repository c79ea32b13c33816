#!/usr/bin/env bash
# PDF review packets of the bundled example, checked with real PDF tools: qpdf --check, the
# text (project name, every criterion, every evidence SHA-256, every signer's fingerprint, the
# ssh-keygen command), embedded fonts, images (only the evidence crops), page sizes, header and
# footer on every page.
. "$(dirname "$0")/lib.sh"
: "${MLTRL_SOURCE_DIR:?set by CTest}"
for tool in qpdf pdftotext pdffonts pdfimages pdfinfo; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/deps installs it)"; exit 77; }
done
export XDG_RUNTIME_DIR="$WORK/runtime"; mkdir -m 700 "$XDG_RUNTIME_DIR"
EX="$MLTRL_SOURCE_DIR/examples/cxr-triage.mltrl"
P=cxr-triage

expect_exit 0 "$MLTRL_CLI" import "$EX"

# Two reviewers sign gate 5 (one trusted, one not in the allowed signers); annotations with
# regions on the PDF report and on a PNG figure give two crops.
expect_exit 0 "$MLTRL_CLI" keygen --name "Rhea Search" --email rd@example.org --role "R&D reviewer" \
  --out "$WORK/k1" --no-passphrase
expect_exit 0 "$MLTRL_CLI" keygen --name "Clint Ician" --email clin@example.org --role "clinical reviewer" \
  --out "$WORK/k2" --no-passphrase
echo "rd@example.org namespaces=\"mltrl-gate-review\" $(cut -d' ' -f1,2 "$WORK/k1.pub")" > "$WORK/allowed_signers"
expect_exit 0 "$MLTRL_CLI" annotate $P --target evidence:ev-eval-report:2 --rect 60,80,300,160 --severity major \
  --text "Site C sensitivity table: the CI is wide."
expect_exit 0 "$MLTRL_CLI" annotate $P --target evidence:ev-roc-figure --rect 40,30,200,150 --severity minor \
  --text "Site C curve sits below the others."
expect_exit 0 "$MLTRL_CLI" annotate $P --target criterion:gate-5/sensitivity --severity info --text "Known gap."
expect_exit 2 "$MLTRL_CLI" annotate $P --target evidence:ev-eval-report:2 --rect 1,2,3 --severity info --text x
VERDICTS=(--verdict auroc=met --verdict worst-site=met --verdict "sensitivity=not_met:0.888 against 0.90 at site C"
  --verdict subgroups=met --verdict calibration=met --verdict latency=met --verdict ethics=met
  --verdict datasheet=met --verdict deid=met --verdict risk=met)
expect_exit 0 "$MLTRL_CLI" review $P --gate gate-5 --outcome advance_with_conditions \
  --condition "Re-test site C sensitivity." "${VERDICTS[@]}" --key "$WORK/k1" --rationale "Good enough to go on."
expect_exit 0 "$MLTRL_CLI" review $P --gate gate-5 --outcome hold "${VERDICTS[@]}" --key "$WORK/k2" \
  --rationale "Site C first."
expect_exit 0 "$MLTRL_CLI" reviews $P --json --allowed-signers "$WORK/allowed_signers"
cp "$WORK/out" "$WORK/reviews.json"

# usage errors
expect_exit 2 "$MLTRL_CLI" packet $P
expect_exit 2 "$MLTRL_CLI" packet $P --page-size A3 -o "$WORK/x.pdf"
expect_exit 1 "$MLTRL_CLI" packet $P --gate gate-99 -o "$WORK/x.pdf"
expect_in "$WORK/err" 'no gate "gate-99"'
expect_exit 1 "$MLTRL_CLI" packet nope -o "$WORK/x.pdf"
[ ! -e "$WORK/x.pdf" ] && pass || fail "a failed packet left a file behind"

# the gate packet (A4) and the whole project (Letter)
unset QT_QPA_PLATFORM
expect_exit 0 "$MLTRL_CLI" packet $P --gate gate-5 --allowed-signers "$WORK/allowed_signers" -o "$WORK/gate5.pdf"
expect_in "$WORK/out" "wrote $WORK/gate5.pdf"
expect_exit 0 "$MLTRL_CLI" packet $P --page-size Letter -o "$WORK/all.pdf"

python3 - "$EX" > "$WORK/expect.json" <<'PY'
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
m = json.loads(z.read("mltrl.json"))
print(json.dumps({
  "name": m["project"]["name"],
  "manifest": hashlib.sha256(z.read("mltrl.json")).hexdigest(),
  "criteria": {g["id"]: [[c["id"], c["text"]] for c in g["criteria"]] for g in m["gates"]},
  "evidence": [hashlib.sha256(z.read(e["path"])).hexdigest() for e in m["evidence"]],
}))
PY

# check_pdf FILE GATE|all PAGE_W PAGE_H
check_pdf() {
  local pdf=$1 gate=$2 w=$3 h=$4
  qpdf --check "$pdf" > "$WORK/qpdf.out" 2>&1 && pass || { fail "qpdf --check $pdf"; cat "$WORK/qpdf.out" >&2; }
  pdfinfo "$pdf" > "$WORK/info.txt"
  grep -q "Page size: *$w x $h pts" "$WORK/info.txt" && pass || fail "page size of $pdf is not $w x $h"
  pdftotext "$pdf" "$WORK/text.txt"
  # fonts: every one embedded (column "emb" is the third from the right)
  pdffonts "$pdf" | tail -n +3 > "$WORK/fonts.txt"
  [ -s "$WORK/fonts.txt" ] && pass || fail "pdffonts lists no fonts"
  awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit bad }' "$WORK/fonts.txt" && pass \
    || { fail "a font is not embedded in $pdf"; cat "$WORK/fonts.txt" >&2; }
  python3 - "$WORK/text.txt" "$WORK/expect.json" "$WORK/reviews.json" "$WORK/info.txt" "$gate" <<'PY' \
    && pass || fail "text checks of $pdf"
import json, re, sys
raw = open(sys.argv[1], encoding="utf-8").read()
text = " ".join(raw.split())
exp = json.load(open(sys.argv[2])); reviews = json.load(open(sys.argv[3])); gate = sys.argv[5]
pages = int(re.search(r"Pages:\s+(\d+)", open(sys.argv[4]).read()).group(1))
bad = []
def need(s, what):
    if " ".join(s.split()) not in text: bad.append(f"{what}: {s!r}")
need(exp["name"], "project name")
gates = [gate] if gate != "all" else list(exp["criteria"])
for g in gates:
    for cid, ctext in exp["criteria"][g]:
        need(cid, f"criterion id {g}"); need(ctext, f"criterion text {g}/{cid}")
for h in exp["evidence"]:
    need(h, "evidence sha256")
need(exp["manifest"], "manifest sha256")
for r in reviews["reviews"]:
    if gate == "all" or r["gate"] == gate:
        need(r["fingerprint"], "fingerprint"); need(r["reviewer"]["email"], "email")
        need(f"ssh-keygen -Y verify -f allowed_signers -I '{r['reviewer']['email']}' -n mltrl-gate-review "
             f"-s reviews/{r['id']}.json.sig < reviews/{r['id']}.json", "verify command")
for n in range(1, pages + 1):
    need(f"page {n} of {pages}", "footer")
per_page = raw.split("\f")
for i, p in enumerate(per_page[:pages]):
    if exp["manifest"][:16] not in p: bad.append(f"page {i+1} lacks the manifest prefix")
    if "cxr-triage" not in p: bad.append(f"page {i+1} lacks the header")
if "\ufb01" in raw or "\ufb00" in raw or "\ufb02" in raw: bad.append("ligature glyphs in the text")
for b in bad: print("  ", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}
check_pdf "$WORK/gate5.pdf" gate-5 595 842
check_pdf "$WORK/all.pdf" all 612 792
expect_in "$WORK/text.txt" "unknown signer"

# images: only the two evidence crops (figures are vector paths)
pdfimages -list "$WORK/gate5.pdf" | tail -n +3 > "$WORK/images.txt"
expect_eq "$(wc -l < "$WORK/images.txt")" 2 "images in the gate packet"
awk '$3 != "image" { bad = 1 } END { exit bad }' "$WORK/images.txt" && pass || fail "a non-image (mask) in the PDF"
pdftotext "$WORK/gate5.pdf" - | tr -s ' \n' ' ' > "$WORK/g5.txt"
expect_in "$WORK/g5.txt" "valid"
expect_in "$WORK/g5.txt" "Site C sensitivity table: the CI is wide."
expect_in "$WORK/g5.txt" "Crop: ev-eval-report, page 2"

# counts read as English: "whole project (2 gates)", "(15 files)"; and for a project of one gate
# and one evidence file, "(1 gate)", "(1 file)"
pdftotext "$WORK/all.pdf" - | tr -s ' \n' ' ' > "$WORK/all.txt"
expect_in "$WORK/all.txt" "whole project (2 gates)"
expect_in "$WORK/all.txt" "(15 files)"
cp -r "$MLTRL_TEST_DATA/example-min" "$WORK/one"; chmod -R u+w "$WORK/one"; rm -rf "$WORK/one/reviews"
python3 - "$WORK/one" <<'PY'
import json, sys
d = sys.argv[1]
m = json.load(open(f"{d}/mltrl.json"))
m["gates"] = [{"id": "gate-1", "level": 2, "title": "One gate",
               "criteria": [{"id": "datasheet", "text": "Datasheet written", "evidence": [m["evidence"][0]["id"]]}]}]
m["evidence"] = m["evidence"][:1]
for c in m["cards"]: c["evidence"] = []
for r in m["requirements"]: r.pop("evidence", None)
for h in m["history"]: h.pop("gate", None)
json.dump(m, open(f"{d}/mltrl.json", "w"), indent=1, ensure_ascii=False)
PY
expect_exit 0 "$MLTRL_CLI" import "$WORK/one"
ONE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["project"]["id"])' "$WORK/one/mltrl.json")
expect_exit 0 "$MLTRL_CLI" packet "$ONE" -o "$WORK/one.pdf"
pdftotext "$WORK/one.pdf" - | tr -s ' \n' ' ' > "$WORK/one.txt"
expect_in "$WORK/one.txt" "whole project (1 gate)"
expect_in "$WORK/one.txt" "(1 file)"

# the packet is deterministic in content: the same data gives the same page count
expect_exit 0 "$MLTRL_CLI" packet $P --gate gate-5 --allowed-signers "$WORK/allowed_signers" -o "$WORK/again.pdf"
expect_eq "$(pdfinfo "$WORK/again.pdf" | grep Pages)" "$(pdfinfo "$WORK/gate5.pdf" | grep Pages)" "page count"

# the crops are decoded in mltrl-decode (beside mltrl, or $MLTRL_DECODER): a decoder that
# crashes (a stand-in that kills itself) costs the crops, said in their place, not the packet
printf '#!/bin/sh\nkill -SEGV $$\n' > "$WORK/decoder-crash.sh"; chmod 700 "$WORK/decoder-crash.sh"
MLTRL_DECODER="$WORK/decoder-crash.sh" expect_exit 0 "$MLTRL_CLI" packet $P --gate gate-5 -o "$WORK/crashed.pdf"
pdftotext "$WORK/crashed.pdf" - | tr -s ' \n' ' ' > "$WORK/crashed.txt"
expect_in "$WORK/crashed.txt" "[crop not shown: the image decoder crashed on this file]"
expect_in "$WORK/crashed.txt" "Site C curve sits below the others."
expect_eq "$(pdfimages -list "$WORK/crashed.pdf" | tail -n +3 | wc -l)" 0 "images in the packet of a crashed decoder"
# without any decoder (mltrl alone in a folder), the same crops are made in mltrl itself
mkdir "$WORK/alone"; cp "$MLTRL_CLI" "$WORK/alone/mltrl"
env -u MLTRL_DECODER "$WORK/alone/mltrl" packet $P --gate gate-5 -o "$WORK/alone.pdf" >"$WORK/out" 2>"$WORK/err" \
  && pass || fail "mltrl packet without a decoder failed: $(cat "$WORK/err")"
expect_eq "$(pdfimages -list "$WORK/alone.pdf" | tail -n +3 | wc -l)" 2 "crops made without a decoder"
finish
