#!/usr/bin/env python3
"""Time from saving a fiche to the preview's reload event.

Usage: bench/preview.py FICHES_BINARY PROJECT_FOLDER [RUNS]
PROJECT_FOLDER holds fiches/ and site-template/ (a copy: fiches are edited).
Starts `fiches serve` there, then, RUNS times: waits on the event stream,
rewrites one fiche's title, and measures until the `reload` event arrives.
"""
import http.client
import os
import pathlib
import re
import socket
import statistics
import subprocess
import sys
import time

binary, project = sys.argv[1], pathlib.Path(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([binary, "serve", "--port", str(port)], cwd=project,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
line = server.stdout.readline()
while "Aperçu sur" not in line:
    print(line, end="")
    line = server.stdout.readline()
print(line, end="")

fiche = sorted((project / "fiches").rglob("*.md"), key=str)
fiche = [f for f in fiche if not f.name.startswith("_") and f.name != "README.md"][len(fiche) // 2]
original = fiche.read_text(encoding="utf-8")
times = []
try:
    for run in range(runs):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/_fiches/evenements")
        response = connection.getresponse()
        assert response.readline() == b"retry: 300\n" and response.readline() == b"\n"
        text = re.sub(r"^titre: .*$", f'titre: "Titre modifié {run}"', original, count=1, flags=re.M)
        start = time.perf_counter()
        fiche.write_text(text, encoding="utf-8")
        while not response.readline().startswith(b"event: reload"):
            pass
        times.append((time.perf_counter() - start) * 1000)
        connection.close()
        time.sleep(0.2)
finally:
    fiche.write_text(original, encoding="utf-8")
    server.terminate()
    server.wait()
times.sort()
print(f"{fiche.relative_to(project)}: {runs} saves, save → reload event: "
      f"median {statistics.median(times):.0f} ms, p90 {times[int(len(times) * 0.9) - 1]:.0f} ms, "
      f"min {times[0]:.0f} ms, max {times[-1]:.0f} ms")
