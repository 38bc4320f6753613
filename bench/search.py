#!/usr/bin/env python3
"""Search measured in the browser, fiches against Pagefind, on the same site.

Usage: bench/search.py SITE PAGEFIND_BINARY WORK_FOLDER
SITE is a site built by `fiches build` (e.g. from gen_corpus.py's 1,000 fiches).
It is copied to WORK_FOLDER, Pagefind 1.5 indexes its fiche pages
(`--glob "fiches/*/index.html"`) and a page with Pagefind's own UI is added
(no debounce, like ours). For each query, in a new headless Chromium (cold
cache): the bytes fetched for search until the results are shown, and the time
from the keystroke to the results shown; then the top five titles of each.
"""
import functools
import http.server
import json
import pathlib
import shutil
import subprocess
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.options import Options

SITE, PAGEFIND, WORK = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
QUERIES = ["aînés", "aines", "médiation", "mediation", "locataires", "épicerie sociale", "epiceries sociales",
           "santé mentale", "fracture numerique", "primo arrivant"]

site = WORK / "site"
shutil.rmtree(WORK, ignore_errors=True)
shutil.copytree(SITE, site)
subprocess.run([PAGEFIND, "--site", str(site), "--glob", "fiches/*/index.html", "--output-subdir", "pagefind"],
               check=True, capture_output=True)
(site / "pagefind-test.html").write_text("""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Pagefind</title><link href="pagefind/pagefind-ui.css" rel="stylesheet">
<script src="pagefind/pagefind-ui.js"></script></head><body><div id="search"></div>
<script>new PagefindUI({ element: "#search", showImages: false, debounceTimeoutMs: 0 });</script></body></html>""")


SERVED = []  # (path, bytes) of every response, counted by the server: Pagefind fetches from a worker,
             # which the page's performance entries do not show.


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def copyfile(self, source, destination):
        data = source.read()
        SERVED.append((self.path, len(data)))
        destination.write(data)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}/"

# Types the query in one go, then waits (requestAnimationFrame, no sleep) until
# `ready` holds; returns the time taken, the search resources and the titles.
MEASURE = """
const [input, query, ready, titles, prefix, done] = arguments;
const box = document.querySelector(input);
box.focus();
const start = performance.now();
box.value = query;
box.dispatchEvent(new Event('input', {bubbles: true}));
function check() {
  if (!eval(ready)) return requestAnimationFrame(check);
  const ms = performance.now() - start;
  const loaded = performance.getEntriesByType('resource').filter(e => e.name.includes(prefix))
      .map(e => [e.name, e.encodedBodySize]);
  done([ms, loaded, [...document.querySelectorAll(titles)].slice(0, 5).map(a => a.textContent.trim())]);
}
requestAnimationFrame(check);
"""
ENGINES = {
    "fiches": ("", "#q", "document.querySelectorAll('#liste-resultats > li').length > 0 && "
               "[...document.querySelectorAll('#liste-resultats > li')].every(li => li.querySelector('h3 a')) || "
               "document.getElementById('etat').textContent.startsWith('Aucune')",
               "#liste-resultats h3 a", "/recherche"),
    "pagefind": ("pagefind-test.html", ".pagefind-ui__search-input",
                 "document.querySelectorAll('.pagefind-ui__result-link').length > 0 && "
                 "document.querySelectorAll('.pagefind-ui__result-link').length == "
                 "document.querySelectorAll('.pagefind-ui__result').length || "
                 "(document.querySelector('.pagefind-ui__message') || {textContent: ''}).textContent.includes('No results')",
                 ".pagefind-ui__result-link", "/pagefind"),
}


def browser():
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))


rows = []
for query in QUERIES:
    row = {"query": query}
    for engine, (page, input_, ready, titles, prefix) in ENGINES.items():
        driver = browser()
        try:
            SERVED.clear()
            driver.get(base + page)
            ms, _, top = driver.execute_async_script(MEASURE, input_, query, ready, titles, prefix)
            # Everything search needs, the script loaded with the page included (ours; Pagefind's UI).
            used = [(path, size) for path, size in SERVED if path.startswith(prefix) or "recherche.js" in path]
            row[engine] = {"ms": round(ms), "bytes": sum(size for _, size in used), "requests": len(used), "top": top}
        finally:
            driver.quit()
    rows.append(row)
    print(json.dumps(row, ensure_ascii=False))

server.shutdown()
print()
print("| requête | fiches : octets, requêtes, ms | Pagefind : octets, requêtes, ms |")
print("|---|---|---|")
for r in rows:
    f, p = r["fiches"], r["pagefind"]
    print(f"| {r['query']} | {f['bytes']:,} o, {f['requests']}, {f['ms']} ms | {p['bytes']:,} o, {p['requests']}, {p['ms']} ms |")
for engine in ENGINES:
    sizes = sorted(r[engine]["bytes"] for r in rows)
    times = sorted(r[engine]["ms"] for r in rows)
    print(f"{engine}: bytes median {sizes[len(sizes) // 2]:,}, max {sizes[-1]:,}; ms median {times[len(times) // 2]}, max {times[-1]}")
print()
for r in rows:
    print(f"### {r['query']}")
    for engine in ENGINES:
        print(f"- {engine}: " + " · ".join(r[engine]["top"]))
