#!/usr/bin/env bash
# Terminal-safe output: an archive whose titles, ids, notes and file names carry escape
# sequences (window title OSC, clear screen, C1 CSI), bidirectional overrides and invalid UTF-8
# reaches the terminal only as visible escapes (\x1b, \u202e) — in validate, import, list,
# show, diff, annotate, reviews, verify, audit, export and the diagnostics on stderr, tty or
# not — while --json keeps the exact strings.
. "$(dirname "$0")/lib.sh"
EX="$MLTRL_TEST_DATA/example-min"

# Hostile text: OSC 0 (set the window title) ended by BEL, ED (clear the screen), a C1 CSI,
# RIGHT-TO-LEFT OVERRIDE and a first-strong isolate.
ESC=$'\e'
HOSTILE_NAME="${ESC}]0;pwned"$'\a'"Derm ${ESC}[2J triage "$'\u202e'"txt.exe"$'\u2068'
make_version() { # DIR SUMMARY-SUFFIX
  cp -r "$EX" "$1"; chmod -R u+w "$1"
  python3 - "$1" "$HOSTILE_NAME" "$2" <<'PY'
import json, sys
root, name, suffix = sys.argv[1], sys.argv[2], sys.argv[3]
m = json.load(open(f"{root}/mltrl.json"))
m["project"]["name"] = name
m["project"]["domain"] = "derm\u009b2Jatology"
m["project"]["summary"] = "Flags images. \x1b[31mRED\x1b[0m and \u202eevil " + suffix
m["gates"][0]["title"] = "Gate \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ title"
m["gates"][2]["criteria"][2]["text"] = "Ethics \u2066isolate\u2069 \x07bell"
m["evidence"][0]["title"] = "Datasheet \u202etxt.exe"
json.dump(m, open(f"{root}/mltrl.json", "w"), indent=1, ensure_ascii=False)
PY
}
make_version "$WORK/v1" "one"
make_version "$WORK/v2" "two, now longer than sixty characters so the word diff shows it"
# An archive file name with an escape sequence of its own.
BADNAME="$WORK/${ESC}[2Jnamed"$'\u202e'".mltrl"
(cd "$WORK/v1" && zip -qrX "$BADNAME" .)

# No raw ESC, BEL, C1 control, bidi override/isolate or invalid UTF-8 may reach the terminal.
assert_clean() { # LABEL FILE...
  local label=$1; shift
  if python3 - "$@" <<'PY'
import re, sys
bad = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{path}: invalid UTF-8 at byte {e.start}"); sys.exit(1)
    m = bad.search(text)
    if m:
        print(f"{path}: raw U+{ord(m.group()):04X} at {m.start()}: {text[max(0, m.start()-30):m.start()+30]!r}"); sys.exit(1)
PY
  then pass; else fail "$label: raw control or bidi characters in the output"; fi
}

run() { # LABEL EXPECTED-EXIT CMD... — runs CMD, then checks stdout and stderr are clean.
  local label=$1 want=$2; shift 2
  expect_exit "$want" "$@"
  assert_clean "$label" "$WORK/out" "$WORK/err"
}

run "validate" 0 "$MLTRL_CLI" validate "$BADNAME"
expect_in "$WORK/out" '\x1b[2Jnamed\u202e.mltrl: valid'
run "import" 0 "$MLTRL_CLI" import "$BADNAME"
run "list" 0 "$MLTRL_CLI" list
expect_in "$WORK/out" '\x1b]0;pwned\x07Derm \x1b[2J triage \u202etxt.exe\u2068'
run "show" 0 "$MLTRL_CLI" show derm-triage
expect_in "$WORK/out" 'derm\u009b2Jatology'
expect_in "$WORK/out" 'Gate \x1b]8;;https://evil.example/\x1b\link\x1b]8;;\x1b\ title'
expect_in "$WORK/out" 'Ethics \u2066isolate\u2069 \x07bell'
# A tty gets the same escapes (script(1) gives the command a terminal).
if command -v script >/dev/null; then
  # (the terminal turns each line end into CR LF; a CR of its own would still show)
  script -qec "\"$MLTRL_CLI\" show derm-triage" /dev/null 2>&1 | sed "s/\r$//" > "$WORK/tty"
  assert_clean "show on a tty" "$WORK/tty"
  expect_in "$WORK/tty" '\u202etxt.exe'
fi

# --json keeps the exact strings (JSON escapes them its own way).
expect_exit 0 "$MLTRL_CLI" show derm-triage --json
python3 - "$WORK/out" "$HOSTILE_NAME" <<'PY' && pass || fail "show --json does not keep the exact name"
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["name"] == sys.argv[2] and d["domain"] == "derm\u009b2Jatology" else 1)
PY

run "import v2" 0 "$MLTRL_CLI" import "$WORK/v2"
run "diff" 0 "$MLTRL_CLI" diff derm-triage --from 1 --to 2
expect_in "$WORK/out" '[-one-]{+two, now longer'
expect_in "$WORK/out" '\x1b[31mRED\x1b[0m'

run "annotate" 0 "$MLTRL_CLI" annotate derm-triage --target project --severity info \
  --text "note ${ESC}[2J"$'\u202e' --author "Mallory ${ESC}]0;x"$'\a'
run "reviews" 0 "$MLTRL_CLI" reviews derm-triage
run "audit" 0 "$MLTRL_CLI" audit derm-triage
run "export" 0 "$MLTRL_CLI" export derm-triage -o "$WORK/${ESC}[2Jout.mltrl"
expect_in "$WORK/out" '\x1b[2Jout.mltrl'
run "verify" 1 "$MLTRL_CLI" verify "$BADNAME"

# Diagnostics on stderr: a hostile id in an error message, and a hostile file name.
cp -r "$WORK/v1" "$WORK/bad"
python3 - "$WORK/bad" <<'PY'
import json, sys
m = json.load(open(f"{sys.argv[1]}/mltrl.json"))
m["gates"][2]["criteria"][1]["evidence"] = ["ev-\x1b[2J\u202eevil"]
json.dump(m, open(f"{sys.argv[1]}/mltrl.json", "w"), indent=1, ensure_ascii=False)
PY
run "validate error" 1 "$MLTRL_CLI" validate "$WORK/bad"
expect_in "$WORK/err" 'mltrl.json:/gates/2/criteria/1/evidence/0: error: refers to evidence "ev-\x1b[2J\u202eevil"'
run "missing file" 1 "$MLTRL_CLI" import "$WORK/${ESC}]0;t"$'\a'"missing.mltrl"
expect_in "$WORK/err" '\x1b]0;t\x07missing.mltrl'
run "unknown command" 2 "$MLTRL_CLI" "frob${ESC}[2J"
expect_in "$WORK/err" "unknown command 'frob\\x1b[2J'"
# Invalid UTF-8 in a file name is shown byte by byte.
run "invalid utf-8" 1 "$MLTRL_CLI" validate "$WORK/"$'\xff\xfe'"x.mltrl"
expect_in "$WORK/err" '\xff\xfex.mltrl'

finish
