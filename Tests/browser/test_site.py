"""The built site in a real browser: headless Chromium driven by Selenium.

Run by `make test-browser` (and so by .ci/run):
    python3 Tests/browser/test_site.py SITE_FOLDER CAPTURES_FOLDER
SITE_FOLDER is a site built by `fiches build`; it is served on 127.0.0.1 by a
local static server. Screenshots go to CAPTURES_FOLDER. Only explicit waits:
no sleep synchronises anything.
"""
import base64
import functools
import http.server
import io
import json
import pathlib
import re
import sys
import threading
import time
import unicodedata
import unittest
from urllib.parse import parse_qs, urljoin, urlparse

from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from navigateur import axe_violations, browser, resize

SITE = pathlib.Path(sys.argv[1]).resolve()
ROOT = pathlib.Path(__file__).resolve().parents[2]  # the repository: the fiches the site was built from
CAPTURES = pathlib.Path(sys.argv[2]).resolve()
LARGE = pathlib.Path(sys.argv[3]).resolve()  # a catalogue past 200 fiches (large_catalogue.py)


CM = 72 / 2.54
A4 = {"paperWidth": 21 / 2.54, "paperHeight": 29.7 / 2.54}


def plain(text):
    """`text` with the PDF's ligatures and non-breaking spaces as plain letters and spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def print_pdf(driver):
    """The page open in `driver`, printed on A4 with the site's own margins."""
    return base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", A4)["data"])


def printed_pages(pdf, top=1.7 * CM, bottom=1.6 * CM):
    """Each sheet of a PDF Chromium printed: the lines of its body, top to
    bottom, what its margins say, and how full its body is (0 to 1, from the
    lowest line). `top` and `bottom` are the margins of fiches.css's @page."""
    sheets = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        upper, lower = float(page.mediabox.top) - top, bottom
        runs = []
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: runs.append(
            (tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text)))
        body, margins = {}, []
        for y, text in runs:
            if lower <= y <= upper:
                body[round(y)] = body.get(round(y), "") + text
            elif text.strip():
                margins.append(text)
        lines = [plain(body[y]) for y in sorted(body, reverse=True) if plain(body[y])]
        sheets.append({"lines": lines, "margins": plain(" ".join(margins)),
                       "fill": (upper - min(body)) / (upper - lower) if body else 0})
    return sheets


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Site(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server, cls.url = serve(SITE)
        cls.large_server, cls.large_url = serve(LARGE)
        cls.driver = browser()
        cls.wait = WebDriverWait(cls.driver, 15)
        cls.facets = json.loads((SITE / "recherche/facettes.json").read_text(encoding="utf-8"))
        cls.fiche = sorted(p.parent.name for p in (SITE / "fiches").glob("*/index.html"))[0]

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.shutdown()
        cls.large_server.shutdown()

    # --- helpers ---

    def open(self, path):
        self.driver.get(self.url + path)
        self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")

    def status(self):
        return self.driver.find_element(By.ID, "etat").text

    def results(self):
        """The titles of the results shown, once every result is filled in."""
        def filled(d):
            items = d.find_elements(By.CSS_SELECTOR, "#liste-resultats > li")
            titles = [i.find_elements(By.CSS_SELECTOR, "h3 a") for i in items]
            return ([t[0].text for t in titles],) if all(titles) else False
        return self.wait.until(filled)[0]

    def search(self, text):
        box = self.driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys(text)
        self.wait.until(lambda d: f"« {text} »" in self.status())
        return self.results()

    def count(self, name, value):
        label = self.driver.find_element(By.CSS_SELECTOR, f"label[for='filtre-{name}-{value}'] .nombre")
        return int(label.get_attribute("textContent").strip("()"))

    def axe(self):
        return axe_violations(self.driver)

    # --- search ---

    def test_accents_case_and_plural_give_the_same_results(self):
        self.open("")
        found = {query: self.search(query) for query in ["aines", "aînés", "AÎNÉS", "aîné", "ainee"]}
        self.assertTrue(found["aines"], found)
        for query, titles in found.items():
            self.assertEqual(sorted(titles), sorted(found["aines"]), query)

    def test_the_last_word_is_a_prefix_and_matches_are_highlighted(self):
        self.open("")
        prefix = self.search("alzh")
        self.assertTrue(prefix)
        self.assertEqual(prefix, self.search("alzheimer"))
        marks = self.driver.find_elements(By.CSS_SELECTOR, "#liste-resultats mark")
        self.assertTrue(marks and all(m.text.lower().startswith("alzheimer") for m in marks), [m.text for m in marks])

    def test_a_typo_finds_the_word_meant_and_says_so(self):
        self.open("")
        expected = self.search("alzheimer")
        self.assertTrue(expected)
        for typo in ["alzeimer", "alzheimre", "azlheimer"]:
            box = self.driver.find_element(By.ID, "q")
            box.clear()
            box.send_keys(typo + " ")
            self.wait.until(lambda d: f"vous avez tapé « {typo} »" in self.status())
            self.assertTrue(self.status().startswith("Résultats pour « alzheimer »"), self.status())
            self.assertEqual(self.results(), expected, typo)
            marks = self.driver.find_elements(By.CSS_SELECTOR, "#liste-resultats mark")
            self.assertTrue(marks and all(m.text.lower().startswith("alzheimer") for m in marks))
        # The word meant is said whole, not as the stem it is looked up by.
        box = self.driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys("nouriture ")
        self.wait.until(lambda d: "vous avez tapé « nouriture »" in self.status())
        self.assertTrue(self.status().startswith("Résultats pour « nourriture »"), self.status())
        # With a filter that leaves nothing, the words and their correction are still said.
        self.open("?q=alzeimer&province=liege")
        self.wait.until(lambda d: self.status().startswith("Aucune"))
        self.assertEqual(self.status(), "Aucune fiche ne correspond à « alzheimer » (vous avez tapé « alzeimer ») "
                         "et au filtre « Liège ». Essayez d'autres mots ou retirez des filtres.")
        # Four letters are too few to guess from.
        box = self.driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys("alzq")
        self.wait.until(lambda d: self.status().startswith("Aucune fiche ne correspond à « alzq »"))
        # A real word the catalogue does not have is not turned into another one.
        for word in ["jeunes", "femmes", "école"]:
            box.clear()
            box.send_keys(word)
            self.wait.until(lambda d: self.status().startswith(f"Aucune fiche ne correspond à « {word} »"))

    def test_one_tap_on_a_result_opens_it_after_typing(self):
        self.open("")
        self.search("aines")
        first = self.driver.find_element(By.CSS_SELECTOR, "#liste-resultats .carte-titre a")
        target = first.get_attribute("href")
        first.click()  # the field loses the focus on the way: the results must not be drawn again
        self.wait.until(lambda d: d.current_url == target)

    def test_an_unknown_word_has_a_clear_empty_state(self):
        self.open("")
        self.assertEqual(self.search("xylophone"), [])
        self.assertTrue(self.status().startswith("Aucune fiche ne correspond à « xylophone »"), self.status())

    def test_a_search_that_cannot_load_its_index_says_so(self):
        # Opened as a file, the page cannot fetch recherche/: not "no result", but why.
        self.driver.get((SITE / "index.html").resolve().as_uri())
        box = self.driver.find_element(By.ID, "q")
        box.send_keys("alzheimer")
        expected = "La recherche n'a pas pu être chargée. Les fiches restent accessibles par droit, ci-dessous."
        self.wait.until(lambda d: self.status() == expected)
        time.sleep(0.5)  # nothing later replaces it
        self.assertEqual(self.status(), expected)

    def test_one_letter_asks_for_more(self):
        self.open("")
        box = self.driver.find_element(By.ID, "q")
        box.send_keys("a")
        self.wait.until(lambda d: self.status() == "Tapez au moins trois lettres d'un mot.")
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "#liste-resultats > li"), [])
        # Three letters of a word too common to search for are told so.
        box.clear()
        box.send_keys("les ")
        self.wait.until(lambda d: self.status().startswith("« les » est un mot trop courant pour être cherché"))

    def test_the_index_is_loaded_on_first_focus_never_on_page_load(self):
        self.open("")
        loaded = lambda: [e for e in self.driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)") if "/recherche/" in e]
        self.assertEqual(loaded(), [])
        self.driver.find_element(By.ID, "q").click()
        self.wait.until(lambda d: loaded())
        self.assertEqual([urlparse(u).path for u in loaded()], ["/recherche/facettes.json"])

    # --- facets and the address ---

    def test_on_a_phone_the_results_are_counted_and_reached_from_the_filters(self):
        driver = browser()
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True})
        wait = WebDriverWait(driver, 15)
        try:
            driver.get(self.url)
            sante = [v[0] for v in self.facets["facettes"][0]["valeurs"]].index("sante")
            expected = sum(1 for fiche in self.facets["fiches"] if sante in fiche[0])
            self.assertGreater(expected, 1)
            driver.find_element(By.CSS_SELECTOR, "details.facette summary").click()
            box = driver.find_element(By.ID, "filtre-droit-sante")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
            jump = driver.find_element(By.ID, "aller-resultats")
            wait.until(lambda d: jump.is_displayed() and str(expected) in jump.text)
            self.assertEqual(jump.text, f"Voir les {expected} fiches trouvées")
            # The count and its link are in sight right after ticking, the results are not.
            in_view = "var r = arguments[0].getBoundingClientRect(); return r.top >= -1 && r.bottom <= innerHeight + 1;"
            self.assertTrue(driver.execute_script(in_view, jump))
            heading = driver.find_element(By.ID, "titre-resultats")
            self.assertFalse(driver.execute_script(in_view, heading))
            jump.click()
            wait.until(lambda d: d.execute_script(in_view, heading))
            # A province no fiche of this right has cannot be ticked, and says so with its count.
            empty = [v[0] for v in self.facets["facettes"][1]["valeurs"]
                     if driver.find_element(By.CSS_SELECTOR, f"label[for='filtre-province-{v[0]}'] .nombre")
                     .get_attribute("textContent") == "(0)"]
            self.assertTrue(empty)
            for value in empty:
                self.assertFalse(driver.find_element(By.ID, f"filtre-province-{value}").is_enabled())
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            self.assertLessEqual(overflow, 0)
            driver.save_screenshot(str(CAPTURES / "telephone-filtres.png"))
        finally:
            driver.quit()

    def test_facets_narrow_update_counts_and_live_in_the_address(self):
        self.open("")
        expected = self.count("droit", "sante")
        self.assertGreater(expected, 1)
        self.driver.find_element(By.CSS_SELECTOR, "details.facette summary").click()
        self.driver.find_element(By.ID, "filtre-droit-sante").click()
        self.wait.until(lambda d: self.status().startswith(f"{expected} fiches correspondent"))
        self.assertEqual(len(self.results()), expected)
        query = parse_qs(urlparse(self.driver.current_url).query)
        self.assertEqual(query, {"droit": ["sante"]})
        # Counts of the other facets now count within the right: never more than the results.
        provinces = [self.count("province", v[0]) for v in self.facets["facettes"][1]["valeurs"]]
        self.assertLessEqual(sum(provinces), expected)
        # A query narrows further; the address keeps both; a new page restores both.
        self.search("aines")
        narrowed = self.results()
        self.assertLess(len(narrowed), expected)
        address = self.driver.current_url
        self.assertEqual(parse_qs(urlparse(address).query), {"droit": ["sante"], "q": ["aines"]})
        self.driver.get(address)
        self.assertEqual(self.results(), narrowed)
        self.assertTrue(self.driver.find_element(By.ID, "filtre-droit-sante").is_selected())
        self.assertEqual(self.driver.find_element(By.ID, "q").get_attribute("value"), "aines")
        # Clearing everything empties the address and hides the results.
        self.driver.find_element(By.ID, "tout-effacer").click()
        self.wait.until(lambda d: urlparse(d.current_url).query == "")
        self.assertFalse(self.driver.find_element(By.ID, "resultats").is_displayed())
        # Back returns to the filtered view.
        self.driver.back()
        self.wait.until(lambda d: "droit=sante" in d.current_url)
        self.assertEqual(self.results(), narrowed)

    def test_keyboard_only_search_and_filter(self):
        self.open("")
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        for _ in range(30):
            if self.driver.switch_to.active_element.get_attribute("id") == "q":
                break
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
        active = self.driver.switch_to.active_element
        self.assertEqual(active.get_attribute("id"), "q")
        outline = self.driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
        self.assertNotEqual(outline, "none")
        active.send_keys("sante")
        self.wait.until(lambda d: "« sante »" in self.status())
        # Tab to the first facet, open it, tab to its first value, check it with the space bar.
        active.send_keys(Keys.TAB)
        summary = self.driver.switch_to.active_element
        self.assertEqual(summary.tag_name, "summary")
        summary.send_keys(Keys.ENTER)
        summary.send_keys(Keys.TAB)
        box = self.driver.switch_to.active_element
        self.assertEqual(box.get_attribute("type"), "checkbox")
        box.send_keys(Keys.SPACE)
        self.wait.until(lambda d: box.get_attribute("value") in d.current_url)
        self.assertIn("et au filtre « ", self.status())
        self.assertEqual(self.driver.find_element(By.ID, "etat").get_attribute("role"), "status")

    # --- without JavaScript ---

    def test_without_javascript_there_is_no_dead_control_and_every_fiche_is_reachable(self):
        driver = browser(javascript=False)
        try:
            driver.get(self.url)
            self.assertFalse(driver.find_element(By.ID, "recherche").is_displayed())
            reached = set()
            rights = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".droits-grille a")]
            for right in rights:
                driver.get(right)
                reached |= {a.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
                            for a in driver.find_elements(By.CSS_SELECTOR, ".carte-titre a")}
            published = {p.parent.name for p in (SITE / "fiches").glob("*/index.html")}
            self.assertEqual(reached, published)
        finally:
            driver.quit()

    def test_without_javascript_an_officer_browses_by_province_and_is_told_what_search_needs(self):
        driver = browser(javascript=False)
        try:
            driver.get(self.url)
            notice = driver.find_element(By.ID, "recherche-sans-script")
            self.assertTrue(notice.is_displayed())
            self.assertIn("JavaScript", notice.text)
            # From the notice to the provinces, then to a province, then to one of its fiches.
            notice.find_element(By.PARTIAL_LINK_TEXT, "province").click()
            provinces = [a for a in driver.find_elements(By.CSS_SELECTOR, "ul.listes a[href^='provinces/']")
                         if a.find_element(By.XPATH, "..").get_attribute("class") != "sans-fiche"]
            self.assertTrue(provinces)
            name = provinces[0].text
            provinces[0].click()
            self.assertEqual(driver.find_element(By.TAG_NAME, "h1").get_attribute("textContent"), "Province\u00a0: " + name)
            cards = driver.find_elements(By.CSS_SELECTOR, ".carte")
            self.assertTrue(cards)
            for card in cards:
                self.assertIn(name, card.find_element(By.CSS_SELECTOR, ".lieu").text)
            cards[0].find_element(By.CSS_SELECTOR, ".carte-titre a").click()
            # The fiche's details lead back to its province.
            self.assertTrue(driver.find_elements(By.CSS_SELECTOR, ".fiche-infos a[href*='provinces/']"))
        finally:
            driver.quit()

    def test_the_map_links_each_province_with_the_count_of_its_page(self):
        for page in ["", "provinces/hainaut/"]:
            self.open(page)
            links = self.driver.find_elements(By.CSS_SELECTOR, ".carte-wallonie svg a")
            self.assertEqual(len(links), 5, page)
            for link in links:
                name = plain(link.find_element(By.TAG_NAME, "title").get_attribute("textContent"))
                province, said = name.split(" : ")
                count = 0 if said == "aucune fiche" else int(said.split()[0])
                self.assertEqual(link.find_element(By.TAG_NAME, "text").get_attribute("textContent"), str(count))
                href = urljoin(self.driver.current_url, link.get_dom_attribute("href"))
                self.assertRegex(href, r"/provinces/[a-z-]+/$")
                # The province's page lists as many fiches as the map says.
                driver = browser(javascript=False)
                try:
                    driver.get(href)
                    self.assertEqual(plain(driver.find_element(By.TAG_NAME, "h1").text), f"Province : {province}")
                    self.assertEqual(len(driver.find_elements(By.CSS_SELECTOR, ".cartes .carte")), count, province)
                finally:
                    driver.quit()
        # On a province's page, that province is the current one, and its communes lead to their pages.
        current = self.driver.find_element(By.CSS_SELECTOR, ".carte-wallonie svg a[aria-current='page']")
        self.assertIn("Hainaut", current.find_element(By.TAG_NAME, "title").get_attribute("textContent"))
        communes = self.driver.find_elements(By.CSS_SELECTOR, "a[href*='communes/']")
        self.assertTrue(communes)
        communes[0].click()
        self.assertTrue(plain(self.driver.find_element(By.TAG_NAME, "h1").text).startswith("Commune : "))
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "a[href$='provinces/hainaut/']"))

    def test_the_map_is_reached_by_keyboard_with_a_visible_focus(self):
        self.open("")
        first = self.driver.find_element(By.CSS_SELECTOR, ".carte-wallonie svg a")
        path = first.find_element(By.TAG_NAME, "path")
        before = path.value_of_css_property("fill")
        self.driver.execute_script("const h = document.getElementById('titre-parcourir'); h.tabIndex = -1; h.focus();")
        for _ in range(5):
            if self.driver.execute_script("return document.activeElement === arguments[0]", first):
                break
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
        self.assertTrue(self.driver.execute_script("return document.activeElement === arguments[0]", first))
        self.assertNotEqual(path.value_of_css_property("fill"), before)
        # The credit's links under the map keep the site's focus outline.
        credit = self.driver.find_element(By.CSS_SELECTOR, ".carte-wallonie figcaption a")
        for _ in range(8):
            if self.driver.execute_script("return document.activeElement === arguments[0]", credit):
                break
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
        self.assertTrue(self.driver.execute_script("return document.activeElement === arguments[0]", credit))
        self.assertNotEqual(credit.value_of_css_property("outline-style"), "none")

    def test_with_javascript_the_notice_about_javascript_is_gone(self):
        self.open("")
        self.assertFalse(self.driver.find_element(By.ID, "recherche-sans-script").is_displayed())

    # --- accessibility, layout, captures ---

    def test_axe_finds_no_violation_on_any_page_type(self):
        pages = ["", "droits/sante/", f"fiches/{self.fiche}/", "contacts/", "guide/", "accessibilite/",
                 "page-inexistante/", "?q=aines&droit=sante", "provinces/hainaut/", "porteurs/pcs/", "publics/aines/",
                 "provinces/luxembourg/", "droits/revenu-digne/", "communes/wavre/", "vie-privee/", "mentions-legales/"]
        violations = {}
        for page in pages:
            if page == "page-inexistante/":
                self.open("404.html")
            else:
                self.open(page)
            if page.startswith("?"):
                self.results()
            found = self.axe()
            if found:
                violations[page or "/"] = found
        self.assertEqual(violations, {})

    def test_text_zoomed_to_200_percent_still_fits(self):
        driver = browser(640)
        try:
            for page in ["", "?q=aines&droit=sante", f"fiches/{self.fiche}/", "contacts/", "guide/"]:
                driver.get(self.url + page)
                driver.execute_script("document.documentElement.style.fontSize = '200%'")
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                self.assertLessEqual(overflow, 0, page)
        finally:
            driver.quit()

    # --- print ---

    def test_each_fiche_prints_on_one_a4_sheet_that_names_its_source(self):
        site = None
        for slug in sorted(p.parent.name for p in (SITE / "fiches").glob("*/index.html")):
            self.open(f"fiches/{slug}/")
            site = self.driver.find_element(By.CSS_SELECTOR, "meta[property='og:site_name']").get_attribute("content")
            address = self.driver.find_element(By.CSS_SELECTOR, "link[rel='canonical']").get_attribute("href")
            date = plain(self.driver.find_element(By.CSS_SELECTOR, ".fiche-infos time").get_attribute("textContent"))
            sheets = printed_pages(print_pdf(self.driver))
            self.assertEqual(len(sheets), 1, slug)
            margins = sheets[0]["margins"]
            for expected in [plain(site), address, f"Mise à jour le {date}", "page 1 sur 1"]:
                self.assertIn(expected, margins, slug)
            # Neither the navigation nor the buttons are printed; the title comes first.
            title = plain(self.driver.find_element(By.TAG_NAME, "h1").text)
            self.assertTrue(title.startswith(sheets[0]["lines"][0]), slug)
            self.assertNotIn("Imprimer", " ".join(sheets[0]["lines"]), slug)
            self.assertNotIn("Aller au contenu", " ".join(sheets[0]["lines"]), slug)

    def test_a_fiche_longer_than_a_sheet_never_leaves_a_heading_or_its_contacts_alone(self):
        headings = {"Contexte", "Objectifs", "Mise en œuvre", "Points d'attention", "Partenaires", "Contacts"}
        long = sorted(p.parent.name for p in (LARGE / "fiches").glob("longue-*/index.html"))
        self.assertTrue(long)
        spread = set()
        for slug in long:
            self.driver.get(f"{self.large_url}fiches/{slug}/")
            sheets = printed_pages(print_pdf(self.driver))
            spread.add(len(sheets))
            for number, sheet in enumerate(sheets, 1):
                self.assertNotIn(sheet["lines"][-1], headings, f"{slug}, feuille {number}")
            if len(sheets) > 1:
                self.assertNotEqual(sheets[-1]["lines"][0], "Contacts", slug)
        self.assertGreater(len(spread), 1, "les fiches longues doivent tenir sur des nombres de feuilles différents")

    def test_the_guide_fills_its_sheets_and_starts_each_right_on_a_new_one(self):
        self.open("guide/")
        rights = [plain(h.text) for h in self.driver.find_elements(By.CSS_SELECTOR, ".guide-droit > h2")]
        address = self.driver.find_element(By.CSS_SELECTOR, "link[rel='canonical']").get_attribute("href")
        sheets = printed_pages(print_pdf(self.driver))
        starts = [sheet["lines"][0] for sheet in sheets]
        self.assertEqual([start for start in starts if start in rights], rights)
        for number, (sheet, following) in enumerate(zip(sheets, starts[1:]), 1):
            if following not in rights:
                self.assertGreaterEqual(sheet["fill"], 0.5, f"feuille {number} sur {len(sheets)}")
        for sheet in sheets:
            self.assertIn(address, sheet["margins"])
            self.assertIn("Dernière mise à jour le", sheet["margins"])
        # The printed guide gives each fiche's address, its link being of no use on paper.
        fiche = self.driver.find_element(By.CSS_SELECTOR, ".guide-fiche h3").text
        first = next(number for number, sheet in enumerate(sheets) if plain(fiche) in sheet["lines"])
        self.assertTrue(any(line.startswith("Fiche en ligne : https://") for sheet in sheets[first:first + 2]
                            for line in sheet["lines"]))

    def test_a_printed_search_keeps_its_results_and_leaves_out_the_rest(self):
        self.open("")
        titles = self.search("aînés")
        self.assertTrue(titles)
        sheets = printed_pages(print_pdf(self.driver))
        printed = " ".join(line for sheet in sheets for line in sheet["lines"])
        for title in titles:
            self.assertIn(plain(title), printed)
        # Each result with its fiche's address; each sheet with the search's address and the day.
        home = self.driver.find_element(By.CSS_SELECTOR, "link[rel='canonical']").get_attribute("href")
        self.assertEqual(printed.count(f"— {home}fiches/"), len(titles))
        for sheet in sheets:
            self.assertIn(f"{home}?q=a%C3%AEn%C3%A9s", sheet["margins"])
            self.assertIn("Recherche imprimée le ", sheet["margins"])
        self.assertIn("« aînés »", plain(self.status()))
        for absent in ["Les fiches par droit", "Mots recherchés", "Dernières mises à jour"]:
            self.assertNotIn(absent, printed)
        self.open("")
        printed = " ".join(line for sheet in printed_pages(print_pdf(self.driver)) for line in sheet["lines"])
        self.assertIn("Les fiches par droit", printed)
        self.assertNotIn("Rechercher une fiche", printed)

    def test_a_fiche_offers_print_and_share_only_with_javascript(self):
        self.open(f"fiches/{self.fiche}/")
        title = self.driver.find_element(By.TAG_NAME, "h1").get_attribute("textContent")
        address = self.driver.find_element(By.CSS_SELECTOR, "link[rel='canonical']").get_attribute("href")
        actions = self.driver.find_element(By.CSS_SELECTOR, "h1 + .actions-fiche")
        self.assertEqual(actions.find_element(By.TAG_NAME, "button").text, "Imprimer")
        # Without the Web Share API (headless Chromium on Linux): an e-mail with the title and the address.
        mail = actions.find_element(By.CSS_SELECTOR, "a[href^='mailto:']")
        self.assertEqual(mail.text, "Partager par courriel")
        query = parse_qs(urlparse(mail.get_attribute("href")).query)
        self.assertEqual(query["subject"], [title])
        self.assertEqual(query["body"], [f"{title}\n{address}"])
        # And a button that copies the address, for a computer without a mail program.
        self.driver.execute_script(
            "navigator.clipboard.writeText = text => { window.copie = text; return Promise.resolve(); };")
        actions.find_element(By.XPATH, "button[.='Copier le lien']").click()
        self.wait.until(lambda d: actions.find_element(By.CSS_SELECTOR, "[role=status]").text == "Lien copié.")
        self.assertEqual(self.driver.execute_script("return window.copie"), address)
        # With it: a "Partager" button that hands it the same title and address.
        stub = self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source":
            "navigator.share = data => { window.partage = data; return Promise.resolve(); };"})
        try:
            self.open(f"fiches/{self.fiche}/")
            share = self.driver.find_element(By.XPATH, "//p[@class='actions-fiche']/button[.='Partager']")
            share.click()
            self.assertEqual(self.driver.execute_script("return window.partage"), {"title": title, "url": address})
            self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, ".actions-fiche a"))
        finally:
            self.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", stub)
        driver = browser(javascript=False)
        try:
            driver.get(f"{self.url}fiches/{self.fiche}/")
            self.assertFalse(driver.find_elements(By.CSS_SELECTOR, ".actions-fiche"))
            self.assertFalse(driver.find_elements(By.TAG_NAME, "button"))
        finally:
            driver.quit()

    def test_pages_reflow_at_320_pixels_and_are_captured(self):
        CAPTURES.mkdir(parents=True, exist_ok=True)
        for width in [320, 375, 1280]:
            driver = browser(width)
            try:
                for name, page in [("accueil", ""), ("recherche", "?q=aines&droit=sante"),
                                   ("fiche", f"fiches/{self.fiche}/"), ("droit", "droits/sante/")]:
                    driver.get(self.url + page)
                    if page.startswith("?"):
                        WebDriverWait(driver, 15).until(
                            lambda d: d.find_elements(By.CSS_SELECTOR, "#liste-resultats h3 a"))
                    self.assertEqual(driver.execute_script("return innerWidth"), width)
                    overflow = driver.execute_script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    self.assertLessEqual(overflow, 0, f"{name} at {width}px scrolls sideways")
                    if width != 320:
                        height = driver.execute_script("return document.documentElement.scrollHeight")
                        resize(driver, width, min(height, 4000))
                        driver.save_screenshot(str(CAPTURES / f"{name}-{width}.png"))
                        resize(driver, width, 900)
            finally:
                driver.quit()


class LargeCatalogue(unittest.TestCase):
    """The pages only a large catalogue has: lists in pages, the guide in parts."""

    @classmethod
    def setUpClass(cls):
        cls.server, cls.url = serve(LARGE)
        cls.driver = browser(1280)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.shutdown()

    def open(self, page):
        self.driver.get(self.url + page)
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def test_axe_finds_no_violation_on_the_pages_of_lists_and_parts(self):
        violations = {}
        for page in ["droits/sante/2/", "guide/", "guide/sante/2/", "contacts/2/", "fiches/pratique-retiree/"]:
            self.open(page)
            found = axe_violations(self.driver)
            if found:
                violations[page] = found
        self.assertEqual(violations, {})

    def test_a_former_address_leads_to_the_fiche_and_a_retired_one_says_where_to_look(self):
        self.open("fiches/ancienne-pratique/#contexte")
        # With JavaScript, to the section the old link named.
        WebDriverWait(self.driver, 15).until(lambda d: d.current_url.endswith("/fiches/pratique-0/#contexte"))
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text, "Pratique numéro 000")
        # Without JavaScript too: the refresh is HTML's.
        driver = browser(javascript=False)
        try:
            driver.get(self.url + "fiches/ancienne-pratique/")
            WebDriverWait(driver, 15).until(lambda d: d.current_url.endswith("/fiches/pratique-0/"))
        finally:
            driver.quit()
        self.open("fiches/pratique-retiree/")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text, "Cette fiche a été retirée")
        cards = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, ".carte-titre a")]
        self.assertEqual(cards, ["Pratique numéro 001", "Pratique numéro 002"])

    def test_the_pagination_is_a_labelled_list_of_links_reached_by_keyboard(self):
        self.open("droits/sante/2/")
        nav = self.driver.find_element(By.CSS_SELECTOR, "nav.pagination[aria-label]")
        current = nav.find_element(By.CSS_SELECTOR, "a[aria-current=page]")
        self.assertEqual(current.text.split()[-1], "2")
        self.assertEqual(nav.find_element(By.CSS_SELECTOR, "a[rel=prev]").get_attribute("href"), self.url + "droits/sante/")
        following = nav.find_element(By.CSS_SELECTOR, "a[rel=next]")
        # Tab until the "next page" link has the focus, then Enter follows it.
        body = self.driver.find_element(By.TAG_NAME, "body")
        for _ in range(200):
            body.send_keys(Keys.TAB)
            if self.driver.switch_to.active_element == following:
                break
        self.assertEqual(self.driver.switch_to.active_element, following)
        self.driver.switch_to.active_element.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: d.current_url.endswith("droits/sante/3/"))
        self.assertIn("(page 3)", self.driver.title)

    def test_every_fiche_is_in_one_part_of_the_guide_and_on_one_page_of_its_right(self):
        import html.parser
        class Ids(html.parser.HTMLParser):
            def __init__(self):
                super().__init__()
                self.articles, self.cards = [], []
            def handle_starttag(self, tag, attrs):
                attrs = dict(attrs)
                if tag == "article" and "guide-fiche" in (attrs.get("class") or ""):
                    self.articles.append(attrs["id"])
                if tag == "a" and "/fiches/pratique-" in (attrs.get("href") or "") and attrs["href"].endswith("/"):
                    self.cards.append(attrs["href"].rstrip("/").rsplit("/", 1)[1])
        parts = sorted((LARGE / "guide" / "sante").glob("*/index.html"))
        articles = []
        for part in parts:
            ids = Ids(); ids.feed(part.read_text(encoding="utf-8")); articles += ids.articles
        self.assertEqual(len(parts), 5)
        self.assertEqual(sorted(articles), sorted(f"fiche-pratique-{n}" for n in range(230)))
        cards = []
        for page in [LARGE / "droits" / "sante" / "index.html"] + sorted((LARGE / "droits" / "sante").glob("*/index.html")):
            ids = Ids(); ids.feed(page.read_text(encoding="utf-8")); cards += ids.cards
        self.assertEqual(sorted(cards), sorted(f"pratique-{n}" for n in range(230)))

    def test_no_horizontal_scroll_at_320_pixels(self):
        driver = browser(320)
        try:
            for page in ["droits/sante/2/", "guide/sante/1/", "contacts/2/"]:
                driver.get(self.url + page)
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                self.assertLessEqual(overflow, 0, page)
        finally:
            driver.quit()


class OpenData(unittest.TestCase):
    """The open-data files of the same site, read as other programs read them."""

    def test_the_dcat_description_is_json_ld_with_what_dcat_ap_makes_mandatory(self):
        from pyld import jsonld
        DCAT, DCT, FOAF = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/", "http://xmlns.com/foaf/0.1/"
        document = json.loads((SITE / "dcat.jsonld").read_text(encoding="utf-8"))
        # Expanded and flattened by a JSON-LD processor: every node by its full IRIs.
        nodes = {n["@id"]: n for n in jsonld.flatten(document, options={"documentLoader": None})}
        def typed(kind):
            return [n for n in nodes.values() if kind in n.get("@type", [])]
        def values(node, prop):
            return node.get(prop, [])
        catalogues = typed(DCAT + "Catalog")
        self.assertEqual(len(catalogues), 1)
        catalogue = catalogues[0]
        # DCAT-AP 3: a catalogue has a title, a description and a publisher, an agent with a name.
        for prop in [DCT + "title", DCT + "description", DCT + "publisher", DCAT + "dataset"]:
            self.assertTrue(values(catalogue, prop), prop)
        for reference in values(catalogue, DCT + "publisher"):
            agent = nodes[reference["@id"]]
            self.assertIn(FOAF + "Agent", agent["@type"])
            self.assertTrue(values(agent, FOAF + "name"))
        datasets = [nodes[d["@id"]] for d in values(catalogue, DCAT + "dataset")]
        self.assertTrue(datasets)
        for dataset in datasets:
            self.assertIn(DCAT + "Dataset", dataset["@type"])
            for prop in [DCT + "title", DCT + "description", DCAT + "distribution"]:
                self.assertTrue(values(dataset, prop), prop)
            # A distribution has an access URL; each is a file the site publishes.
            for reference in values(dataset, DCAT + "distribution"):
                distribution = nodes[reference["@id"]]
                self.assertIn(DCAT + "Distribution", distribution["@type"])
                urls = values(distribution, DCAT + "accessURL")
                self.assertEqual(len(urls), 1)
                home = json.loads((SITE / "fiches.json").read_text(encoding="utf-8"))["site"]["url"]
                self.assertTrue(urls[0]["@id"].startswith(home))
                self.assertTrue((SITE / urls[0]["@id"][len(home):]).is_file(), urls[0]["@id"])

    def test_fiches_json_is_valid_against_its_published_schema(self):
        import jsonschema
        schema = json.loads((SITE / "fiches.schema.json").read_text(encoding="utf-8"))
        document = json.loads((SITE / "fiches.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        self.assertEqual([e.message for e in validator.iter_errors(document)], [])
        published = {p.parent.name for p in (SITE / "fiches").glob("*/index.html")}
        self.assertEqual({f["slug"] for f in document["fiches"]}, published)
        self.assertEqual(document["genere-le"], max(f["mise-a-jour"] for f in document["fiches"]))
        # Each fiche's text: its sections, in order, are its whole Markdown source.
        for fiche in document["fiches"]:
            body = fiche["corps"]
            self.assertTrue(body["sections"] and all(s["texte"] for s in body["sections"][:1]), fiche["slug"])
            # The sections are the whole source: the fiche's file ends with them.
            source = next((ROOT / "fiches").rglob(f"{fiche['slug']}.md")).read_text(encoding="utf-8")
            joined = "\n\n".join(section["markdown"] for section in body["sections"])
            self.assertEqual(joined.split(), source.split("---", 2)[2].split(), fiche["slug"])
            page = (SITE / "fiches" / fiche["slug"] / "index.html").read_text(encoding="utf-8")
            for section in body["sections"]:
                if "id" in section:
                    self.assertIn(f'id="{section["id"]}"', page, fiche["slug"])
        # The schema is not lenient: a fiche without contacts, an unknown key, are errors.
        broken = json.loads(json.dumps(document))
        broken["fiches"][0]["contacts"] = []
        broken["fiches"][1]["inconnu"] = 1
        self.assertEqual(len(list(validator.iter_errors(broken))), 2)

    def test_every_vcard_reads_back_with_an_independent_parser(self):
        import vobject
        document = json.loads((SITE / "fiches.json").read_text(encoding="utf-8"))
        cards = 0
        for fiche in document["fiches"]:
            page = (SITE / "fiches" / fiche["slug"] / "index.html").read_text(encoding="utf-8")
            for number, contact in enumerate(fiche["contacts"], start=1):
                path = SITE / "fiches" / fiche["slug"] / f"contact-{number}.vcf"
                self.assertIn(f'href="contact-{number}.vcf"', page)
                raw = path.read_bytes()
                self.assertTrue(all(len(line) <= 75 for line in raw.split(b"\r\n")), path)
                card = vobject.readOne(raw.decode("utf-8"))
                self.assertEqual(card.version.value, "4.0")
                self.assertEqual(card.org.value, [contact["organisation"]])
                self.assertEqual(card.fn.value, contact.get("nom") or contact["organisation"])
                if "fonction" in contact:
                    self.assertEqual(card.title.value, contact["fonction"])
                if "email" in contact:
                    self.assertEqual(card.email.value, contact["email"])
                if "telephone" in contact:
                    self.assertEqual(card.tel.value, "tel:" + contact["telephone-e164"])
                if "site" in contact:
                    self.assertEqual(card.url.value, contact["site"])
                if "adresse" in contact:
                    self.assertEqual(card.adr.value.street, contact["adresse"])
                self.assertIn(fiche["titre"], card.note.value)
                cards += 1
        self.assertGreater(cards, len(document["fiches"]) - 1)

    def test_both_csv_files_read_back_as_the_json(self):
        import csv
        import io
        document = json.loads((SITE / "fiches.json").read_text(encoding="utf-8"))
        plain = (SITE / "fiches.csv").read_bytes()
        excel = (SITE / "fiches-excel.csv").read_bytes()
        self.assertTrue(excel.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf"))
        for data, delimiter in [(plain.decode("utf-8"), ","), (excel.decode("utf-8-sig"), ";")]:
            rows = list(csv.DictReader(io.StringIO(data, newline=""), delimiter=delimiter, strict=True))
            self.assertEqual([r["slug"] for r in rows], [f["slug"] for f in document["fiches"]])
            for row, fiche in zip(rows, document["fiches"]):
                self.assertEqual(row["titre"], fiche["titre"])
                self.assertEqual(row["resume"], fiche["resume"])
                self.assertEqual(row["droits"].split(" | "), [d["libelle"] for d in fiche["droits"]])
                self.assertEqual(row["contacts-organisations"].split(" | "),
                                 [c["organisation"] for c in fiche["contacts"]])
                self.assertEqual(row["contacts-emails"].split(" | "), [c.get("email", "") for c in fiche["contacts"]])
                # The text, on its several lines; Excel's file marks a text that starts like a formula.
                markdown = "\n\n".join(s["markdown"] for s in fiche["corps"]["sections"])
                value = row["corps-markdown"][1:] if row["corps-markdown"].startswith("'") else row["corps-markdown"]
                self.assertEqual(value.split(), markdown.split())
                self.assertTrue(all(s["texte"] in row["corps-texte"] for s in fiche["corps"]["sections"]))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
