#!/usr/bin/env bash
# fiches links against lychee, side by side in one run (issue 3).
#
#   bench/links.sh                  # sizes 1000 and 10000, 3 runs each
#   SIZES=1000 RUNS=5 bench/links.sh
#
# Needs the peer tools of ../shared/bench (run_peers.sh installs them in $VENV)
# and python3. Every measurement goes through ../shared/bench/measure.py
# (/usr/bin/time -v: wall, cpu = user+sys, peak RSS); results in $WORK/links.jsonl.
#
# Two inputs per size:
#   site-N  the catalogue built by fiches (10,020 pages at N=10000, with a
#           one-page guide of every fiche); lychee runs on it only at N=1000
#           unless LYCHEE_BIG=1 (at 10000 it ran for over 14 minutes and 2.3 GB).
#   out-N   Hugo's build of the same corpus (the peers' reference pages).
# Then the agreement check: a copy of site-1000 with links broken on purpose
# (bench/break_links.py), what each tool finds, and the difference.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/bench}
WORK=${WORK:-/tmp/fiches-bench}
VENV=${VENV:-/tmp/benchvenv}
RUNS=${RUNS:-3}
SIZES=${SIZES:-"1000 10000"}
mkdir -p "$WORK"
JSONL=$WORK/links.jsonl
M=(python3 "$SHARED/measure.py" --jsonl "$JSONL")
LYCHEE=$VENV/bin/lychee
SP=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
HUGO=$SP/hugo/binaries/hugo
FICHES=$ROOT/.build/release/fiches

(cd "$ROOT" && swift build -c release --product fiches)
for n in $SIZES; do
  [ -d "$WORK/corpus-$n" ] || python3 "$SHARED/gen_corpus.py" "$WORK/corpus-$n" "$n" --seed 1 --hugo "$WORK/hugo-$n" --force
  "$ROOT/bench/unreserve.sh" "$WORK/corpus-$n" "$WORK/hugo-$n"
  [ -d "$WORK/out-$n" ] || "$HUGO" --quiet --noBuildLock -s "$WORK/hugo-$n" -d "$WORK/out-$n"
  rm -rf "$WORK/site-$n"
  "$FICHES" build --source "$WORK/corpus-$n" --output "$WORK/site-$n" > /dev/null
  "${M[@]}" --label "fiches-links-site-$n" --runs "$RUNS" -- "$FICHES" links --site "$WORK/site-$n" || true
  if [ "$n" -lt 10000 ] || [ "${LYCHEE_BIG:-0}" = 1 ]; then
    "${M[@]}" --label "lychee-site-$n" --runs "$RUNS" --cwd "$WORK" -- \
      "$LYCHEE" --offline --include-fragments --no-progress --index-files index.html "site-$n/**/*.html" || true
  fi
  "${M[@]}" --label "fiches-links-hugo-$n" --runs "$RUNS" -- \
    "$FICHES" links --site "$WORK/out-$n" --base-url https://hugo.invalid/ || true
  "${M[@]}" --label "lychee-hugo-$n" --runs "$RUNS" --cwd "$WORK" -- \
    "$LYCHEE" --offline --include-fragments --no-progress --index-files index.html "out-$n/**/*.html" || true
done

# Agreement on planted breakages.
if [ -d "$WORK/site-1000" ]; then
  python3 "$ROOT/bench/break_links.py" "$WORK/site-1000" "$WORK/broken" > "$WORK/planted.txt"
  (cd "$WORK" && "$FICHES" links --site broken --format json > fiches-broken.json || true)
  (cd "$WORK" && "$LYCHEE" --offline --include-fragments --no-progress --index-files index.html \
     --format json -o lychee-broken.json "broken/**/*.html" > /dev/null 2>&1 || true)
  python3 - "$WORK" <<'PY'
import json, sys, urllib.parse
work = sys.argv[1]
ours = json.load(open(f"{work}/fiches-broken.json"))
theirs = json.load(open(f"{work}/lychee-broken.json"))
def norm(page): return page.replace(f"{work}/", "").replace("broken/", "")
found_ours = {}
for p in ours["problemes"]:
    for o in p["occurrences"]:
        found_ours.setdefault(norm(o["page"]), []).append(f'{p["type"]} {o["lien"]}')
found_theirs = {}
for page, errors in theirs.get("error_map", {}).items():
    for e in errors:
        found_theirs.setdefault(norm(page), []).append(urllib.parse.unquote(e.get("url", "")))
print("page | fiches links | lychee")
for page in sorted(set(found_ours) | set(found_theirs)):
    print(f"{page} | {len(found_ours.get(page, []))}: {'; '.join(sorted(found_ours.get(page, []))[:3])} | "
          f"{len(found_theirs.get(page, []))}: {'; '.join(sorted(set(found_theirs.get(page, [])))[:2])}")
PY
fi

python3 - "$JSONL" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line); rows[r["label"]] = r
print("\n| run | wall median s (min-max) | cpu s | peak RSS MiB | exit |")
print("|---|---|---|---|---|")
for k, r in rows.items():
    print(f'| {k} | {r["wall_median"]:.2f} ({r["wall_min"]:.2f}-{r["wall_max"]:.2f}) | {r.get("cpu_median")} | {r["rss_median"]:.0f} | {",".join(map(str, r["exit_codes"]))} |')
PY
