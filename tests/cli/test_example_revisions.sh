#!/usr/bin/env bash
# The bundled example's two revisions (examples/cxr-triage.mltrl, then cxr-triage-r2.mltrl
# after the gate-5 review): both verify, import as revisions 1 and 2 of one project, and
# `mltrl diff` lists what the team changed — asserted by kind/id/field, not by whole output.
. "$(dirname "$0")/lib.sh"
: "${MLTRL_SOURCE_DIR:?set by CTest}"
R1="$MLTRL_SOURCE_DIR/examples/cxr-triage.mltrl"
R2="$MLTRL_SOURCE_DIR/examples/cxr-triage-r2.mltrl"

for a in "$R1" "$R2"; do
  expect_exit 0 "$MLTRL_CLI" verify "$a"
  expect_exit 0 "$MLTRL_CLI" validate "$a"
done
expect_exit 0 "$MLTRL_CLI" import "$R1";  expect_in "$WORK/out" "imported cxr-triage revision 1"
expect_exit 0 "$MLTRL_CLI" import "$R2";  expect_in "$WORK/out" "imported cxr-triage revision 2"
# Importing again (what scripts/run does on every start) adds nothing.
expect_exit 0 "$MLTRL_CLI" import "$R1"
expect_exit 0 "$MLTRL_CLI" list --json
expect_eq "$(json_get "$WORK/out" '[(p["id"], p["revision"], p["revisions"]) for p in d]')" \
  "[('cxr-triage', 2, 2)]" "one project, two revisions"

expect_exit 0 "$MLTRL_CLI" diff cxr-triage --json
expect_eq "$(json_get "$WORK/out" 'd["from"], d["to"]')" "(1, 2)" "default pair"
python3 - "$WORK/out" <<'PY' && pass || fail "the r1 → r2 change list (above)"
import json, sys
d = json.load(open(sys.argv[1]))
got = {(c["kind"], c["id"], c["what"]) for c in d["changes"]}
by = {(c["kind"], c["id"], c["what"]): c for c in d["changes"]}
want = {
    ("project", "cxr-triage", "exported_at"), ("project", "cxr-triage", "summary"),
    ("card", "5", "caveats"), ("card", "5", "testing_status"), ("card", "5", "updated"),
    ("requirement", "R1.3.classifier", "verification"), ("requirement", "R1.3.classifier", "evidence"),
    ("criterion", "gate-5/sensitivity", "evidence"), ("criterion", "gate-5/sensitivity", "observed"),
    ("criterion", "gate-5/sensitivity", "suggested"),
    ("evidence", "ev-eval-report", "path"), ("evidence", "ev-eval-report", "bytes"),
    ("evidence", "ev-datasheet", "bytes"), ("evidence", "ev-confusion", "bytes"),
    ("evidence", "ev-deid", "path"), ("evidence", "ev-site-c-errors", "added"),
    ("metric", "sensitivity_by_site", "bytes"), ("metric", "sensitivity_by_site", "title"),
}
unwanted = {
    ("evidence", "ev-deid", "bytes"),                   # renamed with the same bytes
    ("criterion", "gate-5/sensitivity", "threshold"),   # the goal did not move
    ("criterion", "gate-5/sensitivity", "text"),
    ("evidence", "ev-ethics", "bytes"), ("metric", "auroc_by_site", "bytes"),
}
problems = [f"missing {w}" for w in sorted(want - got)] + [f"unexpected {u}" for u in sorted(unwanted & got)]
problems += [f"unexpected kind {c['kind']} {c['id']} {c['what']}" for c in d["changes"]
             if c["kind"] in ("level", "history", "component", "gate")]
def expect(key, old, new):
    c = by.get(key)
    if c and (c["old"], c["new"]) != (old, new):
        problems.append(f"{key}: {c['old']!r} → {c['new']!r}, expected {old!r} → {new!r}")
expect(("requirement", "R1.3.classifier", "verification"), "failed", "passed")
expect(("criterion", "gate-5/sensitivity", "suggested"), "not_met", "met")
expect(("evidence", "ev-deid", "path"), "evidence/deid-verification.md", "evidence/dicom-ingest/deid-verification.md")
expect(("evidence", "ev-eval-report", "path"), "evidence/eval-report-v3.pdf", "evidence/eval-report-v4.pdf")
obs = by.get(("criterion", "gate-5/sensitivity", "observed"))
if obs and not (abs(obs["old"] - 0.888) < 0.001 and abs(obs["new"] - 0.905) < 0.0006):
    problems.append(f"site C sensitivity {obs['old']} → {obs['new']}, expected 0.888 → 0.905")
for p in problems: print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# The listing people read.
expect_exit 0 "$MLTRL_CLI" diff cxr-triage
expect_in "$WORK/out" "cxr-triage: revision 1 → 2"
expect_in "$WORK/out" "  ev-deid  path: evidence/deid-verification.md → evidence/dicom-ingest/deid-verification.md"
expect_in "$WORK/out" "  R1.3.classifier  verification: failed → passed"
finish
