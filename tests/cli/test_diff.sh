#!/usr/bin/env bash
# `mltrl diff`: two revisions of the example (the second with one change of most kinds), the
# JSON compared with a golden file, the human listing, the default pair and usage errors.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"
GOLDEN="$MLTRL_TEST_DATA/diff/example-r1-r2.json"

expect_exit 0 "$MLTRL_CLI" import "$EX"
# One revision: the default pair compares it with itself.
expect_exit 0 "$MLTRL_CLI" diff derm-triage
expect_in "$WORK/out" "derm-triage: revision 1 → 1 (only revision), 0 changes"

# Revision 2: a copy of the example with changes of many kinds.
cp -r "$EX" "$WORK/v2"; chmod -R u+w "$WORK/v2"
printf '# Datasheet v2.2\n\nNow 14 000 images.\n' > "$WORK/v2/evidence/datasheet.md"
mv "$WORK/v2/evidence/ethics-checklist.md" "$WORK/v2/evidence/ethics-v2.md"
printf 'step,value,lower,upper\n1,0.81,0.78,0.84\n2,0.88,0.85,0.90\n3,0.91,0.89,0.93\n4,0.93,0.91,0.95\n' \
  > "$WORK/v2/metrics/val_auroc.csv"
python3 - "$WORK/v2" <<'PY'
import hashlib, json, sys
root = sys.argv[1]
m = json.load(open(f"{root}/mltrl.json"))
m["project"]["name"] = "Dermoscopy triage"
m["project"]["current_level"] = 6
m["history"].append({"at": "2026-11-24", "from": 5, "to": 6, "kind": "advance", "gate": "gate-5"})
m["components"][0]["level"] = 6
m["cards"][0]["caveats"] = "Not validated on smartphone images.\nNot for children."
m["requirements"][1]["verification"] = "passed"
m["gates"][2]["criteria"][0]["threshold"] = 0.92
m["evidence"][0]["sha256"] = hashlib.sha256(open(f"{root}/evidence/datasheet.md", "rb").read()).hexdigest()
m["evidence"][1]["path"] = "evidence/ethics-v2.md"
del m["metrics"][0]
json.dump(m, open(f"{root}/mltrl.json", "w"), indent=1, ensure_ascii=False)
PY
rm "$WORK/v2/metrics/loss.csv"
expect_exit 0 "$MLTRL_CLI" import "$WORK/v2";   expect_in "$WORK/out" "revision 2"

# The JSON, exactly.
expect_exit 0 "$MLTRL_CLI" diff derm-triage --from 1 --to 2 --json
if python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
     "$WORK/out" "$GOLDEN"; then pass; else fail "diff --json differs from $GOLDEN"; diff <(python3 -m json.tool "$GOLDEN") \
     <(python3 -m json.tool "$WORK/out") | head -40 >&2; fi

# The default pair: no review signed here, so the previous revision; same result as 1 → 2.
expect_exit 0 "$MLTRL_CLI" diff derm-triage --json
expect_eq "$(json_get "$WORK/out" 'd["from"], d["to"], len(d["changes"])')" \
  "$(json_get "$GOLDEN" 'd["from"], d["to"], len(d["changes"])')" "default pair"

# People see the changes grouped by kind, and the stale review with its bound items.
expect_exit 0 "$MLTRL_CLI" diff derm-triage
expect_in "$WORK/out" "derm-triage: revision 1 → 2 (previous revision)"
expect_in "$WORK/out" $'\nevidence\n'
expect_in "$WORK/out" "  ev-ethics  path: evidence/ethics-checklist.md → evidence/ethics-v2.md"
expect_in "$WORK/out" "  gate-5/auroc  threshold: 0.9 → 0.92"
expect_in "$WORK/out" "  loss  removed (was metrics/loss.csv (54f88b7f3bea…))"
expect_in "$WORK/out" "0b7e2f64-3c1d-4a8e-9f20-5d6c7b8a9e01 gate-5 reviewer@example.org: stale"
expect_in "$WORK/out" "changed items it bound: criterion gate-5/auroc (threshold), criterion gate-5/auroc (observed), evidence ev-datasheet (bytes)"

# --to alone compares with the revision before it; reversed order works too.
expect_exit 0 "$MLTRL_CLI" diff derm-triage --to 2 --json
expect_eq "$(json_get "$WORK/out" 'd["from"]')" 1 "--to alone"
expect_exit 0 "$MLTRL_CLI" diff derm-triage --from 2 --to 1 --json
expect_eq "$(json_get "$WORK/out" '[c["new"] for c in d["changes"] if c["what"] == "threshold"]')" "[0.9]" "reversed"

# Errors: unknown project or revision (1), usage (2).
expect_exit 1 "$MLTRL_CLI" diff nope;                       expect_in "$WORK/err" 'no project "nope"'
expect_exit 1 "$MLTRL_CLI" diff derm-triage --from 9;       expect_in "$WORK/err" "no revision 9"
expect_exit 2 "$MLTRL_CLI" diff
expect_exit 2 "$MLTRL_CLI" diff derm-triage --from x
expect_exit 2 "$MLTRL_CLI" diff derm-triage --bogus
finish
