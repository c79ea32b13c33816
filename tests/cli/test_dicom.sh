#!/usr/bin/env bash
# DICOM evidence: the de-identification check through `mltrl validate`, `import` and
# `show --json`, on files made with DCMTK's own tools (tests/dicom/make_samples.sh).
. "$(dirname "$0")/lib.sh"
for tool in dump2dcm dcmodify img2dcm dcmcjpeg dcmcjpls dcmcrle dcmconv convert; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/deps installs it)"; exit 77; }
done
bash "$(dirname "$0")/../dicom/make_samples.sh" "$WORK/dicom" || { fail "make_samples.sh failed"; finish; exit 1; }

A="$WORK/archive"
cp -r "$MLTRL_TEST_DATA/example-min" "$A"
mkdir -p "$A/evidence/imaging"
cp "$WORK/dicom/identified.dcm" "$A/evidence/imaging/cxr-001.dcm"
cp "$WORK/dicom/jpegls.dcm" "$A/evidence/imaging/cxr-002.dcm"
cp "$WORK/dicom/deidentified.dcm" "$A/evidence/imaging/cxr-003.dcm"
cp "$WORK/dicom/deidentified.dcm" "$A/evidence/imaging/no-media-type.bin"
cp "$WORK/dicom/truncated.dcm" "$A/evidence/imaging/cut.dcm"
python3 - "$A/mltrl.json" <<'PY'
import json, sys
p = sys.argv[1]
m = json.load(open(p))
def ev(i, path, mt):
    return {"id": i, "path": path, "title": i, "kind": "sample", "media_type": mt, "created": "2025-02-01"}
m["evidence"] += [ev("cxr-001", "evidence/imaging/cxr-001.dcm", "application/dicom"),
                  ev("cxr-002", "evidence/imaging/cxr-002.dcm", "application/dicom"),
                  ev("cxr-003", "evidence/imaging/cxr-003.dcm", "application/dicom"),
                  ev("cxr-004", "evidence/imaging/no-media-type.bin", "application/octet-stream"),
                  ev("cxr-cut", "evidence/imaging/cut.dcm", "application/dicom")]
json.dump(m, open(p, "w"), indent=2)
PY

# validate: one warning line per identified file, its path first, then keywords with tags.
expect_exit 0 "$MLTRL_CLI" validate "$A"
expect_in "$WORK/err" "evidence/imaging/cxr-001.dcm"
expect_in "$WORK/err" "identifies a patient: StudyDate (0008,0020), AccessionNumber (0008,0050), InstitutionName (0008,0080), ReferringPhysicianName (0008,0090), PatientName (0010,0010), PatientID (0010,0020), PatientBirthDate (0010,0030), private attributes (0009,0010), (0009,1001)"
expect_eq "$(grep -c 'identifies a patient' "$WORK/err")" 3 "identified files (cxr-001, cxr-002 and the cut one)"
expect_eq "$(grep 'identifies a patient' "$WORK/err" | grep -c 'cxr-001.dcm')" 1 "one line for cxr-001"
expect_eq "$(grep -c 'cxr-003.dcm\|no-media-type.bin' "$WORK/err")" 0 "de-identified files give no warning"
expect_in "$WORK/err" "cannot be checked for identifying attributes: the DICOM header cannot be read whole"
grep 'identifies a patient' "$WORK/err" | grep -q 'cut.dcm' && pass || fail "the truncated file names what was read"

# import: the same warnings; show --json: the check on each DICOM evidence entry.
expect_exit 0 "$MLTRL_CLI" import "$A"
expect_eq "$(grep -c 'identifies a patient' "$WORK/err")" 3 "import warnings"
P=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["project"]["id"])' "$A/mltrl.json")
expect_exit 0 "$MLTRL_CLI" show "$P" --json
cp "$WORK/out" "$WORK/show.json"
expect_eq "$(json_get "$WORK/show.json" '[e["id"] for e in d["evidence"] if "deidentification" in e]')" \
  "['cxr-001', 'cxr-002', 'cxr-003', 'cxr-004', 'cxr-cut']" "DICOM evidence carries the check"
expect_eq "$(json_get "$WORK/show.json" '[e for e in d["evidence"] if e["id"]=="cxr-001"][0]["deidentification"]["identified"]')" \
  "True" "cxr-001 identified"
expect_eq "$(json_get "$WORK/show.json" '[a["keyword"]+" "+a["tag"] for a in [e for e in d["evidence"] if e["id"]=="cxr-001"][0]["deidentification"]["attributes"]][4]')" \
  "PatientName (0010,0010)" "attribute list"
expect_eq "$(json_get "$WORK/show.json" '[e for e in d["evidence"] if e["id"]=="cxr-001"][0]["deidentification"]["private_tags"]')" \
  "['(0009,0010)', '(0009,1001)']" "private tags"
expect_eq "$(json_get "$WORK/show.json" 'sorted([e for e in d["evidence"] if e["id"]=="cxr-003"][0]["deidentification"].items())')" \
  "[('attributes', []), ('burned_in_annotation', 'NO'), ('identified', False), ('parser_failed', False), ('patient_identity_removed', 'YES'), ('private_tags', []), ('problem', None)]" \
  "de-identified file"
expect_eq "$(json_get "$WORK/show.json" '"deidentification" in [e for e in d["evidence"] if e["id"]=="ev-datasheet"][0]')" \
  "False" "no check on non-DICOM evidence"
# The text form repeats the stored warnings.
expect_exit 0 "$MLTRL_CLI" show "$P"
expect_eq "$(grep -c 'identifies a patient' "$WORK/err")" 3 "show repeats the warnings"

# The review packet's evidence index says which files identify a patient.
if command -v pdftotext >/dev/null; then
  export XDG_RUNTIME_DIR="$WORK/runtime"; mkdir -m 700 "$XDG_RUNTIME_DIR"
  expect_exit 0 "$MLTRL_CLI" packet "$P" -o "$WORK/packet.pdf"
  pdftotext -layout "$WORK/packet.pdf" "$WORK/packet.txt"
  expect_eq "$(grep -c 'DICOM: IDENTIFIES A PATIENT' "$WORK/packet.txt")" 3 "identified files in the evidence index"
  expect_in "$WORK/packet.txt" "DICOM: IDENTIFIES A PATIENT: StudyDate (0008,0020)"
  expect_eq "$(grep -c 'DICOM: de-identified' "$WORK/packet.txt")" 2 "de-identified files in the evidence index"
fi
finish
