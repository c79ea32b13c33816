#!/usr/bin/env bash
# Issue 16: "no file read outside the archive". Runs the hostile-evidence GUI test under
# strace and checks the system calls themselves, beyond the pixels the test checks: the canary
# file that every hostile reference points at is only ever opened for writing (by the test's
# generator), never for reading; /dev/zero is never opened (/etc/passwd is not checked: glibc
# reads it to look up the user when Qt starts); nothing connects
# over the network; nothing is executed (the desktop entry is never launched).
# Usage: hostile_evidence_strace.sh PATH/TO/tst_hostile_evidence
set -u
test_binary=$1
command -v strace >/dev/null || { echo "SKIP: strace is not installed"; exit 77; }
strace -f -o /dev/null true 2>/dev/null || { echo "SKIP: ptrace is not permitted here"; exit 77; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
strace -f -qq -e trace=open,openat,openat2,connect,execve -o "$log" "$test_binary" >/dev/null 2>&1
status=$?
[ $status -eq 0 ] || { echo "FAIL: the test itself failed under strace (exit $status)"; exit 1; }

fail=0
canary=$(grep -o '"[^"]*/canary\.png"' "$log" | head -1)
[ -n "$canary" ] || { echo "FAIL: the canary file was never written (generator changed?)"; fail=1; }
if grep -F "$canary" "$log" | grep -v 'O_WRONLY\|O_RDWR' | grep -q .; then
  echo "FAIL: the canary outside the archive was opened for reading:"; grep -F "$canary" "$log" | grep -v 'O_WRONLY\|O_RDWR'; fail=1
fi
if grep -E 'open(at)?\(.*"/dev/zero"' "$log"; then
  echo "FAIL: the device named by the archive was opened"; fail=1
fi
if grep -E 'connect\(.*(AF_INET|AF_INET6)' "$log"; then
  echo "FAIL: something connected over the network"; fail=1
fi
# Programs run: the test itself, the image decoder process, and the test's stand-ins for a
# crashing and a hanging decoder (shell scripts). Nothing else (no desktop entry, no opener).
others=$(grep 'execve(' "$log" | grep ' = 0$' | grep -v -F "\"$test_binary\"" \
         | grep -v '/mltrl-decode"' | grep -v '/decoder-crash.sh"' | grep -v '/decoder-hang.sh"')
if [ -n "$others" ]; then
  echo "FAIL: programs other than the test and its decoder were executed:"; echo "$others"; fail=1
fi
[ $fail -eq 0 ] && echo "PASS: $(wc -l <"$log") system calls checked"
exit $fail
