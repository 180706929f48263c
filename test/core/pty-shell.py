"""Types stdin into a program on a real pty, as a terminal would, and prints
what the pty shows until `until` appears (or 20 s pass).

    pty-shell.py PROGRAM ARGV0 UNTIL < typed-text
"""
import os
import pty
import select
import sys
import time

program, argv0, until = sys.argv[1], sys.argv[2], sys.argv[3].encode()
typed = sys.stdin.buffer.read()
pid, fd = pty.fork()
if pid == 0:
    os.execve(program, [argv0], {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent", "TERM": "dumb"})
os.write(fd, typed)
out = b""
deadline = time.time() + 20
while until not in out and time.time() < deadline:
    if select.select([fd], [], [], 0.2)[0]:
        try:
            out += os.read(fd, 65536)
        except OSError:
            break
os.kill(pid, 9)
sys.stdout.buffer.write(out)
