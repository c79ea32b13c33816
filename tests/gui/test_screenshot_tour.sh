#!/usr/bin/env bash
# The screenshot tour through the real program, as the outside tests drive it
# (/work/shared/reference/test-hooks.md): `mltrl-workbench --store DIR --screenshot-dir OUT
# [ARCHIVE | PROJECT-ID]` exits 0 also for a project without gates, cards or metrics; the window
# size comes from the screen (never larger) unless --screenshot-size forces one; every evidence
# file is saved as OUT/evidence-<id>.png in the evidence tree's order, up to 200 unless
# --screenshot-evidence all|N says otherwise.
set -u
: "${MLTRL_WORKBENCH:?set by CTest}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
export XDG_RUNTIME_DIR="$WORK/runtime"; mkdir -p "$HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# An offscreen screen of the given size (the offscreen platform's JSON configuration).
screen() {
  printf '{"screens":[{"name":"test","x":0,"y":0,"width":%d,"height":%d,"logicalDpi":96,"logicalBase":96,"dpr":1}]}\n' \
    "$1" "$2" >"$WORK/screen-$1x$2.json"
  echo "offscreen:configfile=$WORK/screen-$1x$2.json"
}
# tour NAME PLATFORM ARGS... — runs a tour into $WORK/NAME; exit code in $rc, stderr in $WORK/NAME.err.
tour() {
  local name=$1 platform=$2; shift 2
  QT_QPA_PLATFORM="$platform" timeout 300 "$MLTRL_WORKBENCH" --store "$WORK/store-$name" \
    --screenshot-dir "$WORK/$name" "$@" 2>"$WORK/$name.err" >/dev/null
  rc=$?
}
png_size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# --- a minimal project: no gates, cards, metrics or evidence -------------------------------
mkdir -p "$WORK/minimal"
echo '{"mltrl_archive":1,"project":{"id":"bare","name":"Bare project","current_level":0}}' >"$WORK/minimal/mltrl.json"
tour minimal "$(screen 1280 720)" "$WORK/minimal"
[ "$rc" -eq 0 ] || { fail "minimal project: tour exited $rc"; sed 's/^/  | /' "$WORK/minimal.err" >&2; }
for panel in library overview gates cards requirements evidence metrics annotations changes review; do
  [ -s "$WORK/minimal/$panel.png" ] || fail "minimal project: $panel.png missing"
done
ls "$WORK/minimal"/meeting-*.png >/dev/null 2>&1 && fail "minimal project: meeting slides without a gate"
grep -q "no meeting slides: the project has no gate" "$WORK/minimal.err" || fail "minimal project: no word on the missing slides"

# --- the window takes the screen's size, never larger ----------------------------------------
size="$(png_size "$WORK/minimal/overview.png")"
w="${size%x*}"; h="${size#*x}"
{ [ "$w" -le 1280 ] && [ "$h" -le 720 ] && [ "$w" -ge 1200 ] && [ "$h" -ge 660 ]; } ||
  fail "1280x720 screen: the tour's window is $size"
grep -q "needs at least" "$WORK/minimal.err" && fail "1280x720 screen: the window's minimum does not fit"
tour small "$(screen 1024 640)" "$WORK/minimal"
[ "$rc" -eq 0 ] || fail "1024x640 screen: tour exited $rc"
size="$(png_size "$WORK/small/overview.png")"
w="${size%x*}"; h="${size#*x}"
{ [ "$w" -le 1024 ] && [ "$h" -le 640 ] && [ "$w" -ge 950 ]; } || fail "1024x640 screen: the tour's window is $size"

# --- --screenshot-size forces one -----------------------------------------------------------
tour forced "$(screen 1280 720)" --screenshot-size 1100x650 "$WORK/minimal"
[ "$rc" -eq 0 ] || fail "--screenshot-size: tour exited $rc"
[ "$(png_size "$WORK/forced/review.png")" = 1100x650 ] || fail "--screenshot-size 1100x650 gave $(png_size "$WORK/forced/review.png")"
tour badsize offscreen --screenshot-size 12by34 "$WORK/minimal"
[ "$rc" -eq 2 ] || fail "--screenshot-size 12by34 exited $rc, expected 2"
grep -q "screenshot-size" "$WORK/badsize.err" || fail "--screenshot-size 12by34: no message naming the option"
tour badcount offscreen --screenshot-evidence some "$WORK/minimal"
[ "$rc" -eq 2 ] || fail "--screenshot-evidence some exited $rc, expected 2"

# --- every evidence file in its viewer, in the tree's order ------------------------------------
# The tree groups by level, so its order (ev-c, ev-a, ev-b) is neither the manifest's nor the ids'.
arch="$WORK/evidence"
mkdir -p "$arch/evidence"
printf '# Notes\n\nSome *markdown*.\n' >"$arch/evidence/notes.md"
printf 'a,b\n1,2\n3,4\n' >"$arch/evidence/table.csv"
printf 'plain log line\n' >"$arch/evidence/log.txt"
cat >"$arch/mltrl.json" <<JSON
{"mltrl_archive":1,"project":{"id":"ev-only","name":"Evidence only","current_level":3},
 "evidence":[
  {"id":"ev-a","path":"evidence/notes.md","title":"Notes","kind":"notes","level":2,"media_type":"text/markdown","sha256":"$(sha "$arch/evidence/notes.md")"},
  {"id":"ev-b","path":"evidence/table.csv","title":"Table","kind":"table","level":3,"media_type":"text/csv","sha256":"$(sha "$arch/evidence/table.csv")"},
  {"id":"ev-c","path":"evidence/log.txt","title":"Log","kind":"log","level":1,"media_type":"text/plain","sha256":"$(sha "$arch/evidence/log.txt")"}
 ]}
JSON
tour all "$(screen 1280 720)" "$arch"
[ "$rc" -eq 0 ] || { fail "evidence project: tour exited $rc"; sed 's/^/  | /' "$WORK/all.err" >&2; }
for id in ev-a ev-b ev-c; do
  [ -s "$WORK/all/evidence-$id.png" ] || fail "evidence-$id.png missing"
done
# Each file was really opened: the three pictures differ.
[ "$(sha "$WORK/all/evidence-ev-a.png")" != "$(sha "$WORK/all/evidence-ev-b.png")" ] || fail "ev-a and ev-b look the same"
[ "$(sha "$WORK/all/evidence-ev-b.png")" != "$(sha "$WORK/all/evidence-ev-c.png")" ] || fail "ev-b and ev-c look the same"
grep -q "saved the first" "$WORK/all.err" && fail "under the limit, yet a message about it"

tour two "$(screen 1280 720)" --screenshot-evidence 2 "$arch"
[ "$rc" -eq 0 ] || fail "--screenshot-evidence 2: tour exited $rc"
[ "$(cd "$WORK/two" && ls evidence-*.png | tr '\n' ' ')" = "evidence-ev-a.png evidence-ev-c.png " ] ||
  fail "--screenshot-evidence 2 saved: $(cd "$WORK/two" && ls evidence-*.png | tr '\n' ' ') (expected the tree's first two, ev-c and ev-a)"
grep -q "the revision has 3 evidence files; saved the first 2" "$WORK/two.err" || fail "--screenshot-evidence 2: no word on stderr"

tour everything "$(screen 1280 720)" --screenshot-evidence all "$arch"
[ "$(ls "$WORK/everything"/evidence-*.png | wc -l)" -eq 3 ] || fail "--screenshot-evidence all did not save all three"

# The default limit is 200: a project of 203 small files saves 200 and says so.
big="$WORK/big"
mkdir -p "$big/evidence"
{
  printf '{"mltrl_archive":1,"project":{"id":"many","name":"Many files","current_level":2},"evidence":['
  for i in $(seq 1 203); do
    printf 'line %d\n' "$i" >"$big/evidence/f$i.txt"
    [ "$i" -gt 1 ] && printf ','
    printf '{"id":"f%d","path":"evidence/f%d.txt","title":"File %03d","kind":"log","level":1,"media_type":"text/plain","sha256":"%s"}' \
      "$i" "$i" "$i" "$(sha "$big/evidence/f$i.txt")"
  done
  printf ']}\n'
} >"$big/mltrl.json"
tour many "$(screen 1280 720)" "$big"
[ "$rc" -eq 0 ] || { fail "203 evidence files: tour exited $rc"; tail -5 "$WORK/many.err" >&2; }
[ "$(ls "$WORK/many"/evidence-*.png | wc -l)" -eq 200 ] || fail "203 evidence files: saved $(ls "$WORK/many"/evidence-*.png | wc -l), expected 200"
[ -s "$WORK/many/evidence-f200.png" ] && [ ! -e "$WORK/many/evidence-f201.png" ] || fail "203 evidence files: not the first 200 of the tree"
grep -q "the revision has 203 evidence files; saved the first 200" "$WORK/many.err" || fail "203 evidence files: no word on stderr"

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)" >&2; exit 1; fi
echo "screenshot tour: all checks passed"
