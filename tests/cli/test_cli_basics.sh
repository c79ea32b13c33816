#!/usr/bin/env bash
# The command-line tool's contract: options anywhere, exit statuses, import/list/show output.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"

expect_exit 0 "$MLTRL_CLI" --version;            expect_in "$WORK/out" "mltrl "
expect_exit 0 "$MLTRL_CLI" --help;               expect_in "$WORK/out" "usage: mltrl"
expect_exit 2 "$MLTRL_CLI"
expect_exit 2 "$MLTRL_CLI" frobnicate;           expect_in "$WORK/err" "unknown command"
expect_exit 2 "$MLTRL_CLI" show;                 expect_in "$WORK/err" "needs more arguments"
expect_exit 2 "$MLTRL_CLI" list --bogus;         expect_in "$WORK/err" "unknown option --bogus"
expect_exit 2 "$MLTRL_CLI" show x --revision two

# validate touches no store
expect_exit 0 "$MLTRL_CLI" validate "$EX"
[ ! -e "$MLTRL_STORE" ] && pass || fail "validate created a store"

# import: directory, then the same content as ZIP, tar and tar.gz gives the same revision
expect_exit 0 "$MLTRL_CLI" import "$EX";         expect_in "$WORK/out" "imported derm-triage revision 1"
(cd "$EX" && zip -qrX "$WORK/x.mltrl" .)
tar -cf "$WORK/x.tar" -C "$EX" .
tar -czf "$WORK/x.tgz" -C "$EX" .
for a in x.mltrl x.tar x.tgz; do
  expect_exit 0 "$MLTRL_CLI" import "$WORK/$a"; expect_in "$WORK/out" "derm-triage revision 1 already holds this content"
done

# --store before or after the subcommand
expect_exit 0 "$MLTRL_CLI" --store "$WORK/other" import "$WORK/x.mltrl"
expect_exit 0 "$MLTRL_CLI" list --store "$WORK/other" --json
expect_eq "$(json_get "$WORK/out" 'd[0]["id"]')" derm-triage "list --store after the command"

# a wrapping folder is the root
mkdir -p "$WORK/wrap"; cp -r "$EX" "$WORK/wrap/derm"
(cd "$WORK/wrap" && zip -qr "$WORK/wrapped.zip" derm)
expect_exit 0 "$MLTRL_CLI" import "$WORK/wrapped.zip"; expect_in "$WORK/out" "revision 1 already holds"

# a changed file makes revision 2
cp -r "$EX" "$WORK/ex2"; chmod -R u+w "$WORK/ex2"
echo "3,0.93,0.90,0.95" >> "$WORK/ex2/metrics/val_auroc.csv"
expect_exit 0 "$MLTRL_CLI" import "$WORK/ex2";   expect_in "$WORK/out" "imported derm-triage revision 2"

expect_exit 0 "$MLTRL_CLI" list --json
expect_eq "$(json_get "$WORK/out" 'd[0]["revision"]')" 2 "latest revision"
expect_exit 0 "$MLTRL_CLI" list;                 expect_in "$WORK/out" "derm-triage"

expect_exit 0 "$MLTRL_CLI" show derm-triage --json --revision 1
J="$WORK/show.json"; cp "$WORK/out" "$J"
expect_eq "$(json_get "$J" 'd["revision"], d["revisions"]')" "(1, 2)" "revision numbers"
expect_eq "$(json_get "$J" 'd["current_level"], d["system_level"], d["target_level"]')" "(5, 5, 7)" "levels"
expect_eq "$(json_get "$J" 'd["held_back_by"]')" "['classifier']" "held back by"
# The example's signed review is merged into revision 1 (the revision whose manifest it names).
expect_eq "$(json_get "$J" 'sorted(d["counts"].items())')" \
  "[('annotations', 0), ('cards', 1), ('components', 2), ('evidence', 3), ('gates', 3), ('metrics', 5), ('requirements', 2), ('reviews', 1)]" "counts"
expect_eq "$(json_get "$J" '[(c["id"], c["observed"], c["suggested"]) for g in d["gates"] if g["id"]=="gate-5" for c in g["criteria"]]')" \
  "[('auroc', 0.91, 'met'), ('worst-group', 0.84, 'not_met'), ('ethics', None, None)]" "gate-5 criteria"
expect_eq "$(json_get "$J" 'd["name"], d["domain"]')" "('Dermoscopy lesion triage', 'medical-diagnostics')" "name, domain"

# revision 2: the appended row has step 3 again, the later line wins the tie
expect_exit 0 "$MLTRL_CLI" show derm-triage --json
expect_eq "$(json_get "$WORK/out" '[c["observed"] for g in d["gates"] if g["id"]=="gate-5" for c in g["criteria"]][0]')" \
  0.93 "last with a tie on step"

expect_exit 1 "$MLTRL_CLI" show no-such-project; expect_in "$WORK/err" 'no project "no-such-project"'
expect_exit 1 "$MLTRL_CLI" show derm-triage --revision 9; expect_in "$WORK/err" "has no revision 9"
expect_exit 0 "$MLTRL_CLI" show derm-triage;     expect_in "$WORK/out" "held back by: classifier"

finish
