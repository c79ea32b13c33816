#!/usr/bin/env python3
"""runwait.py CMD... — runs CMD (stdout discarded) and prints one line:
WALL_S CPU_S WAIT_S MAXRSS_MIB
wall clock, CPU time (user + system), the time the process was runnable but waiting for a CPU
(run_delay from /proc/PID/schedstat, read from the exited process before it is reaped) and its
peak resident memory. Wall - CPU - WAIT is the time it was blocked (disk flushes, I/O).
Counts the process itself, not children it starts: run the program directly, not via a shell."""
import os, sys, time

t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
wall = time.monotonic() - t0
try:
    with open(f"/proc/{pid}/schedstat") as f:
        wait = int(f.read().split()[1]) / 1e9
except (OSError, ValueError, IndexError):
    wait = float("nan")  # kernels without schedstat
_, status, ru = os.wait4(pid, 0)
code = os.waitstatus_to_exitcode(status)
if code != 0:
    sys.exit(f"runwait.py: {' '.join(sys.argv[1:])} exited with {code}")
print("%.3f %.3f %.3f %.0f" % (wall, ru.ru_utime + ru.ru_stime, wait, ru.ru_maxrss / 1024))
