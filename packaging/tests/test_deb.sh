# Builds the Debian package with CPack (into a temporary folder, leaving the build folder as it is),
# checks what it holds and what it depends on, then extracts it into a throwaway root and runs the
# CLI from there, as `apt-get install ./X.deb` would place it.
set -u
: "${CPACK:?set by CTest}" "${BUILD_DIR:?set by CTest}" "${APP_ID:?set by CTest}" "${PROJECT_VERSION:?set by CTest}"
: "${EXPECT_WORKBENCH:?set by CTest}" "${RUNTIME_DEPENDS:?set by CTest}" "${ICON_SIZES:?set by CTest}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if ! "$CPACK" -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$WORK/out" >"$WORK/cpack.log" 2>&1; then
  cat "$WORK/cpack.log" >&2
  echo "FAIL: cpack -G DEB failed" >&2
  exit 1
fi
deb="$WORK/out/mltrl-workbench_${PROJECT_VERSION}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { echo "FAIL: no $(basename "$deb"); cpack made: $(ls "$WORK/out")" >&2; exit 1; }

# --- the files ---
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$WORK/files"
expect_file() { grep -qx -- "$1" "$WORK/files" || fail "the package lacks $1"; }
expect_file /usr/bin/mltrl
[ "$EXPECT_WORKBENCH" = 1 ] && expect_file /usr/bin/mltrl-workbench
expect_file "/usr/share/applications/$APP_ID.desktop"
expect_file "/usr/share/metainfo/$APP_ID.metainfo.xml"
expect_file "/usr/share/mime/packages/$APP_ID.xml"
expect_file "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for s in $ICON_SIZES; do expect_file "/usr/share/icons/hicolor/${s}x${s}/apps/$APP_ID.png"; done
expect_file /usr/share/man/man1/mltrl.1.gz
expect_file /usr/share/bash-completion/completions/mltrl
expect_file /usr/share/doc/mltrl-workbench/LICENSE
# "Open the bundled example" looks beside the program: <prefix>/share/mltrl-workbench/examples.
expect_file /usr/share/mltrl-workbench/examples/cxr-triage.mltrl
expect_file /usr/share/mltrl-workbench/examples/cxr-triage-r2.mltrl
# Nothing from the build or the tests slips in (static libraries, headers, test executables).
grep -E '\.(a|h|cmake)$|/tst_|/include/' "$WORK/files" && fail "the package holds build or test files"

# --- the control fields ---
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = mltrl-workbench ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$PROJECT_VERSION" ] || fail "Version is '$(field Version)'"
for f in Maintainer Description Section Homepage; do [ -n "$(field $f)" ] || fail "no $f field"; done
depends="$(field Depends)"
echo "Depends: $depends"
# Package names in Depends: drop versions and split alternatives.
names=$(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*)//; s/ //g' | sed '/^$/d')
echo "$names" | grep -E -- '-dev$' && fail "Depends names -dev packages"
for p in $RUNTIME_DEPENDS; do echo "$names" | grep -qx -- "$p" || fail "Depends lacks $p"; done
# dpkg-shlibdeps ran: the C library (and with it the libraries linked directly) is there.
echo "$names" | grep -qx libc6 || fail "Depends lacks libc6: shared-library scanning did not run"
# Every dependency is a real Debian package: scripts/deps installs them all on the test machine
# (dpkg-query is instant; apt-cache takes seconds per name).
for p in $names; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || fail "Depends names $p, not installed here"
done

# --- installed in a throwaway root ---
root="$WORK/root"
dpkg-deb -x "$deb" "$root"
version="$("$root/usr/bin/mltrl" --version)" || fail "the installed mltrl --version failed"
[ "$version" = "mltrl $PROJECT_VERSION" ] || fail "installed mltrl --version says '$version'"
if [ "$EXPECT_WORKBENCH" = 1 ]; then
  # Resolvable against the system: every library the workbench needs is installed.
  ldd "$root/usr/bin/mltrl-workbench" | grep -q "not found" && fail "mltrl-workbench has unresolved libraries"
fi
desktop-file-validate "$root/usr/share/applications/$APP_ID.desktop" || fail "the installed desktop file is invalid"

[ "$failures" -eq 0 ] && echo "$(basename "$deb"): $(wc -l <"$WORK/files") entries, installs and runs" || exit 1
