#!/usr/bin/env bash
# make bench: how fast fiches is at 100, 1,000 and 10,000 fiches (issue 7).
#
#   make bench                          # sizes 100 1000 10000, 3 runs each
#   PEERS=1 make bench                  # Hugo 0.168 on the same corpus, alternating, with ratios
#   SIZES="1000" RUNS=5 make bench
#
# For each size: the corpus of ../shared/bench/gen_corpus.py (seed 1, kept in
# $WORK between runs), a release build of fiches, then, each through
# ../shared/bench/measure.py (/usr/bin/time -v: wall, CPU = user + system of
# the process tree, peak resident memory):
#   build    fiches build of the corpus into a folder that does not exist
#   check    fiches check (read and validate only)
#   links    fiches links (every internal link and fragment of the built site)
#   rebuild  fiches serve, one fiche's title changed: until the reload event
#            (bench/preview.py; CPU and peak memory of the server process)
#   cp -r    copying the built site: the floor of writing that tree
#   hugo     (PEERS=1) Hugo on the generator's --hugo site, alternating with build
#
# The previous output of a run is moved aside, not deleted, before the next
# run, and everything moved aside is deleted at the end: this machine's ext4
# has no journal, and for about a minute after many files are deleted it
# scans past their inodes to make new ones (every tool's build, cp -r included,
# then took 5 to 10 s more at 10,000 fiches).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/bench}
WORK=${WORK:-/tmp/fiches-bench}
VENV=${VENV:-/tmp/benchvenv}
RUNS=${RUNS:-3}
SIZES=${SIZES:-"100 1000 10000"}
PEERS=${PEERS:-0}
REBUILDS=${REBUILDS:-5}
mkdir -p "$WORK"
JSONL=$WORK/bench.jsonl
rm -f "$JSONL"
M=(python3 "$SHARED/measure.py" --jsonl "$JSONL")
FICHES=$ROOT/.build/release/fiches
ASIDE=$WORK/corbeille
aside() { echo "mkdir -p '$ASIDE' && if [ -e '$1' ]; then mv '$1' '$ASIDE'/\$(date +%s%N); fi"; }

(cd "$ROOT" && swift build -c release --product fiches 2>&1 | tail -1)
if [ "$PEERS" = 1 ]; then
  "$SHARED/run_peers.sh" install > /dev/null
  SP=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  HUGO=$SP/hugo/binaries/hugo
fi

for n in $SIZES; do
  if [ ! -f "$WORK/corpus-$n/catalogue.yml" ] || [ ! -d "$WORK/hugo-$n" ]; then
    python3 "$SHARED/gen_corpus.py" "$WORK/corpus-$n" "$n" --seed 1 --hugo "$WORK/hugo-$n" --force > /dev/null
  fi
  "$ROOT/bench/unreserve.sh" "$WORK/corpus-$n" "$WORK/hugo-$n"
  for run in $(seq "$RUNS"); do
    "${M[@]}" --label "build-$n" --runs 1 --prepare "$(aside "$WORK/site-$n")" -- \
      "$FICHES" build --source "$WORK/corpus-$n" --output "$WORK/site-$n"
    if [ "$PEERS" = 1 ]; then
      "${M[@]}" --label "hugo-$n" --runs 1 --prepare "$(aside "$WORK/hugo-out-$n")" -- \
        "$HUGO" --quiet --noBuildLock -s "$WORK/hugo-$n" -d "$WORK/hugo-out-$n"
    fi
  done
  "${M[@]}" --label "check-$n" --runs "$RUNS" -- "$FICHES" check --source "$WORK/corpus-$n"
  "${M[@]}" --label "links-$n" --runs "$RUNS" -- "$FICHES" links --site "$WORK/site-$n"
  "${M[@]}" --label "cp-$n" --runs "$RUNS" --prepare "$(aside "$WORK/copie-$n")" -- \
    cp -r "$WORK/site-$n" "$WORK/copie-$n"
  find "$WORK/site-$n" -name '*.html' | wc -l > "$WORK/pages-$n"
  [ "$PEERS" = 1 ] && find "$WORK/hugo-out-$n" -name '*.html' | wc -l > "$WORK/hugo-pages-$n"
  find "$WORK/site-$n" -type f -printf '%s\n' | awk '{s += $1} END {print s}' > "$WORK/bytes-$n"
done
# The rebuilds last: the preview removes its folder when it stops, and the
# builds above must not pay for those deleted files (see the note at the top).
for n in $SIZES; do
  mkdir -p "$WORK/projet-$n"
  if [ -e "$WORK/projet-$n/fiches" ]; then mv "$WORK/projet-$n/fiches" "$ASIDE/projet-$n-$(date +%s%N)"; fi
  cp -r "$WORK/corpus-$n" "$WORK/projet-$n/fiches"
  python3 "$ROOT/bench/preview.py" "$FICHES" "$WORK/projet-$n" "$REBUILDS" --jsonl "$JSONL" --label "rebuild-$n" \
    | tail -1
done
rm -rf "$ASIDE"

python3 - "$WORK" "$JSONL" "$SIZES" <<'PY'
import json, statistics, sys
work, jsonl, sizes = sys.argv[1], sys.argv[2], sys.argv[3].split()
runs = {}
for line in open(jsonl):
    r = json.loads(line)
    entry = runs.setdefault(r["label"], {"wall": [], "cpu": [], "rss": []})
    entry["wall"] += r["wall_s"]; entry["cpu"] += r["cpu_s"]; entry["rss"] += r["rss_mib"]
def read(name):
    try: return open(f"{work}/{name}").read().strip()
    except OSError: return "–"
def cell(label):
    r = runs.get(label)
    if not r: return None
    return statistics.median(r["wall"]), min(r["wall"]), max(r["wall"]), statistics.median(r["cpu"]), max(r["rss"])
print("\n| fiches | step | wall s, median (min–max) | CPU s | peak memory MiB | pages |")
print("|---:|---|---|---:|---:|---:|")
names = [("build", "fiches build"), ("check", "fiches check"), ("links", "fiches links"),
         ("rebuild", "rebuild after one change (serve)"), ("cp", "cp -r of the built site"), ("hugo", "Hugo 0.168")]
for n in sizes:
    for key, name in names:
        c = cell(f"{key}-{n}")
        if not c: continue
        pages = read(f"pages-{n}") if key == "build" else read(f"hugo-pages-{n}") if key == "hugo" else ""
        print(f"| {int(n):,} | {name} | {c[0]:.2f} ({c[1]:.2f}–{c[2]:.2f}) | {c[3]:.2f} | {c[4]:.0f} | {pages} |")
print("\n| fiches | build / Hugo, wall | build / Hugo, memory | rebuild / build | build / cp -r | site size MB |")
print("|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    b, h, r, f = cell(f"build-{n}"), cell(f"hugo-{n}"), cell(f"rebuild-{n}"), cell(f"cp-{n}")
    ratio = lambda x, y, i: f"{x[i] / y[i]:.2f}" if x and y and y[i] else "–"
    size = read(f"bytes-{n}")
    print(f"| {int(n):,} | {ratio(b, h, 0)} | {ratio(b, h, 4)} | {ratio(r, b, 0)} | {ratio(b, f, 0)} | "
          f"{int(size) / 1e6:.1f} |" if size.isdigit() else "")
PY
