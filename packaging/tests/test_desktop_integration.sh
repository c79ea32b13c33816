# The desktop integration files agree with each other: one application id, one MIME type, the
# version CMake builds; and shared-mime-info maps *.mltrl files to that type as a kind of ZIP.
set -u
: "${PACKAGING_DIR:?set by CTest}" "${APP_ID:?set by CTest}" "${PROJECT_VERSION:?set by CTest}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"; }

desktop="$PACKAGING_DIR/$APP_ID.desktop"
metainfo="$PACKAGING_DIR/$APP_ID.metainfo.xml"
mimexml="$PACKAGING_DIR/$APP_ID.mime.xml"
mime_type=application/vnd.mltrl.archive+zip

key() { sed -n "s/^$1=//p" "$desktop"; }
expect_eq "$(key Icon)" "$APP_ID" "desktop Icon"
expect_eq "$(key Exec)" "mltrl-workbench %f" "desktop Exec"
expect_eq "$(key MimeType)" "$mime_type;" "desktop MimeType"
[ -f "$PACKAGING_DIR/$APP_ID.svg" ] || fail "no icon $APP_ID.svg"

# xpath EXPR — the text of EXPR in the metainfo (python: no extra tools needed).
xpath() {
  python3 - "$metainfo" "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print("\n".join((e.text or "").strip() if not sys.argv[2].endswith("@version") else e.get("version")
                for e in root.findall(sys.argv[2].removesuffix("@version"))))
PY
}
expect_eq "$(xpath ./id)" "$APP_ID" "metainfo id"
expect_eq "$(xpath ./launchable)" "$APP_ID.desktop" "metainfo launchable"
expect_eq "$(xpath ./provides/mediatype)" "$mime_type" "metainfo mediatype"
expect_eq "$(xpath ./provides/binary | sort | tr '\n' ' ')" "mltrl mltrl-workbench " "metainfo binaries"
# The newest release (AppStream lists them newest first) is the version being built.
expect_eq "$(xpath ./releases/release@version | head -n1)" "$PROJECT_VERSION" "metainfo newest release"
grep -q "https://[^<]*/screenshots/[^<]*\.png" "$metainfo" || fail "metainfo screenshot is not an https URL under /screenshots/"

# Install the MIME package into a throwaway database and ask it what *.mltrl is.
mkdir -p "$WORK/mime/packages"
cp "$mimexml" "$WORK/mime/packages/$APP_ID.xml"
if command -v update-mime-database >/dev/null; then
  # XDG_DATA_HOME names the throwaway folder so the tool does not remark that it is off the search path.
  if XDG_DATA_HOME="$WORK" update-mime-database "$WORK/mime" 2>"$WORK/err" && [ ! -s "$WORK/err" ]; then
    grep -qx "50:$mime_type:\*\.mltrl" "$WORK/mime/globs2" || fail "globs2 does not map *.mltrl: $(cat "$WORK/mime/globs2")"
    grep -qx "$mime_type application/zip" "$WORK/mime/subclasses" || fail "$mime_type is not a subclass of application/zip"
  else
    fail "update-mime-database rejected the MIME package: $(cat "$WORK/err")"
  fi
else
  echo "update-mime-database not installed; skipped the MIME database check"
fi

[ "$failures" -eq 0 ] && echo "desktop integration: consistent" || exit 1
