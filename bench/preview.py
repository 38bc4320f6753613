#!/usr/bin/env python3
"""Time from saving a fiche to the preview's reload event.

Usage: bench/preview.py FICHES_BINARY PROJECT_FOLDER [RUNS] [--jsonl FILE --label LABEL]
PROJECT_FOLDER holds fiches/ (a copy: fiches are edited).
Starts `fiches serve` there, then, RUNS times: waits on the event stream,
rewrites one fiche's title, and measures until the `reload` event arrives:
the rebuild after one change (read every file again, parse and render only
the changed fiche, bring the preview's folder up to date). With --jsonl, also
records the server's CPU time per rebuild (/proc/PID/stat) and its peak
memory, as one line in the format of ../shared/bench/measure.py.
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

args = sys.argv[1:]
jsonl = label = None
if "--jsonl" in args:
    i = args.index("--jsonl"); jsonl = args[i + 1]; del args[i:i + 2]
if "--label" in args:
    i = args.index("--label"); label = args[i + 1]; del args[i:i + 2]
binary, project = os.path.abspath(args[0]), pathlib.Path(args[1])  # the server runs in the project
runs = int(args[2]) if len(args) > 2 else 20


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
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
times, cpus = [], []
peak = 0
try:
    for run in range(runs):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/_fiches/evenements")
        response = connection.getresponse()
        assert response.readline() == b"retry: 300\n" and response.readline() == b"\n"
        text = re.sub(r"^titre: .*$", f'titre: "Titre modifié {run}"', original, count=1, flags=re.M)
        cpu = cpu_seconds(server.pid)
        start = time.perf_counter()
        fiche.write_text(text, encoding="utf-8")
        while not response.readline().startswith(b"event: reload"):
            pass
        times.append((time.perf_counter() - start) * 1000)
        cpus.append(cpu_seconds(server.pid) - cpu)
        connection.close()
        time.sleep(0.2)
    peak = peak_kib(server.pid)
finally:
    fiche.write_text(original, encoding="utf-8")
    server.terminate()
    server.wait()
times.sort()
print(f"{fiche.relative_to(project)}: {runs} saves, save → reload event: "
      f"median {statistics.median(times):.0f} ms, p90 {times[int(len(times) * 0.9) - 1]:.0f} ms, "
      f"min {times[0]:.0f} ms, max {times[-1]:.0f} ms; server CPU per save: median "
      f"{statistics.median(cpus) * 1000:.0f} ms")
if jsonl:
    import json
    with open(jsonl, "a") as out:
        out.write(json.dumps({
            "label": label or "rebuild", "runs": runs, "cmd": [binary, "serve"],
            "wall_median": statistics.median(times) / 1000, "wall_min": times[0] / 1000, "wall_max": times[-1] / 1000,
            "cpu_median": round(statistics.median(cpus), 3), "rss_median": peak / 1024, "rss_min": peak / 1024,
            "rss_max": peak / 1024, "exit_codes": [0], "timed_out": False,
            "wall_s": [round(t / 1000, 3) for t in times], "cpu_s": [round(c, 3) for c in cpus],
            "rss_mib": [round(peak / 1024, 1)],
            "loadavg_end": os.getloadavg()[0]}) + "\n")
