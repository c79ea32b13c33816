# The man page renders without a groff warning, names the version being built, and covers every
# command and option that `mltrl --help` lists, so the two cannot drift apart unnoticed.
set -u
: "${MAN_PAGE:?set by CTest}" "${MAN_PAGE_GZ:?set by CTest}" "${MLTRL_CLI:?set by CTest}" "${PROJECT_VERSION:?set by CTest}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# -ww: all warnings; -z: no output, only diagnostics.
groff -man -Tutf8 -ww -z "$MAN_PAGE" 2>"$WORK/warnings"
[ -s "$WORK/warnings" ] && fail "groff warns: $(cat "$WORK/warnings")"
# What man(1) shows: the gzipped page as installed, rendered without line breaks to grep it.
gzip -dc "$MAN_PAGE_GZ" | MANWIDTH=1000 man -l - 2>/dev/null | col -b >"$WORK/page" || true
[ -s "$WORK/page" ] || gzip -dc "$MAN_PAGE_GZ" | groff -man -Tutf8 -rLL=1000n 2>/dev/null | col -b >"$WORK/page"
cmp -s <(gzip -dc "$MAN_PAGE_GZ") "$MAN_PAGE" || fail "mltrl.1.gz is not mltrl.1 compressed"

for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES; do
  grep -qx "$section" "$WORK/page" || fail "no section $section"
done
grep -qF "mltrl $PROJECT_VERSION" "$WORK/page" || fail "the page does not name version $PROJECT_VERSION"
grep -qF "MLTRL_STORE" "$WORK/page" || fail "the page does not describe MLTRL_STORE"

"$MLTRL_CLI" --help >"$WORK/usage"
# Commands: the first word of each indented line of the usage's command groups (up to the
# global options).
commands=$(sed -n '1,/^Global options/{/^  [a-z]/{s/^  \([a-z-]*\).*/\1/p}}' "$WORK/usage")
[ -n "$commands" ] || fail "found no commands in mltrl --help"
for c in $commands; do
  # A command is documented when a COMMANDS entry starts with it.
  sed -n '/^COMMANDS$/,/^OPTIONS$/p' "$WORK/page" | grep -qE "^ +$c( |$)" || fail "command '$c' is not in the COMMANDS section"
  # Every option of every command (from `mltrl COMMAND --help`) is an OPTIONS entry too.
  "$MLTRL_CLI" "$c" --help >>"$WORK/usage" || fail "mltrl $c --help failed"
done
for o in $(grep -oE -- '(^|[][ (,|])--[a-z][a-z-]*' "$WORK/usage" | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
  sed -n '/^OPTIONS$/,/^EXIT STATUS$/p' "$WORK/page" | grep -qE -- "^ +$o( |$)" || fail "option '$o' is not in the OPTIONS section"
done
for status in 0 1 2; do
  sed -n '/^EXIT STATUS$/,/^ENVIRONMENT$/p' "$WORK/page" | grep -qE "^ +$status( |$)" || fail "exit status $status is not described"
done

[ "$failures" -eq 0 ] && echo "man page: renders cleanly, covers: $(echo $commands)" || exit 1
