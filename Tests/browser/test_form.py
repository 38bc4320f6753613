"""The preview's form in a real browser, as an editor uses it.

Run by `make test-browser` (and so by .ci/run):
    python3 Tests/browser/test_form.py FICHES_BINARY CAPTURES_FOLDER
A copy of the repository's fiches is previewed by `fiches serve` on a free
port of 127.0.0.1; each test creates or edits fiches through the form, then
`fiches check` checks the files. Screenshots go to CAPTURES_FOLDER.
"""
import base64
import io
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from navigateur import axe_violations, browser, resize

FICHES = pathlib.Path(sys.argv[1]).resolve()
CAPTURES = pathlib.Path(sys.argv[2]).resolve()
ROOT = pathlib.Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Form(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = pathlib.Path(tempfile.mkdtemp(prefix="fiches-formulaire-"))
        shutil.copytree(ROOT / "fiches", cls.folder / "fiches")
        port = free_port()
        cls.url = f"http://127.0.0.1:{port}/"
        cls.server = subprocess.Popen([str(FICHES), "serve", "--port", str(port)], cwd=cls.folder,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(cls.url, timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or cls.server.poll() is not None:
                    raise
                time.sleep(0.1)
        cls.driver = browser()
        cls.wait = WebDriverWait(cls.driver, 15)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.terminate()
        cls.server.wait(10)
        shutil.rmtree(cls.folder)

    # --- helpers ---

    def open(self, path, driver=None):
        driver = driver or self.driver
        driver.get(self.url + path)
        WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def field(self, id, driver=None):
        return (driver or self.driver).find_element(By.ID, id)

    def type(self, id, text, driver=None):
        element = self.field(id, driver)
        element.clear()
        element.send_keys(text)

    def save(self, driver=None, button="button.principal"):
        """Clicks a button of the form and waits for the page the server answers."""
        driver = driver or self.driver
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.CSS_SELECTOR, button).click()
        WebDriverWait(driver, 15).until(lambda d: old != d.find_element(By.TAG_NAME, "html"))
        WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def check(self):
        """`fiches check` on the copy: its exit status and what it says."""
        run = subprocess.run([str(FICHES), "check"], cwd=self.folder, capture_output=True, text=True)
        return run.returncode, run.stdout + run.stderr

    def fill_new(self, titre, email, driver=None):
        self.type("champ-titre", titre, driver)
        self.type("champ-resume", "Un café où les aidants se retrouvent, une fois par mois, avec un psychologue.",
                  driver)
        Select(self.field("champ-droit-principal", driver)).select_by_visible_text("Droit à la santé")
        self.field("champ-droits-famille", driver).click()
        self.type("champ-publics", "aidants proches\npersonnes âgées", driver)
        Select(self.field("champ-province", driver)).select_by_value("hainaut")
        self.type("champ-communes", "Mons", driver)
        self.type("champ-contacts-0-organisation", "PCS de Mons", driver)
        self.type("champ-contacts-0-email", email, driver)
        self.type("champ-contacts-0-telephone", "065 40 58 00", driver)
        self.field("champ-statut-publie", driver).click()
        self.type("champ-corps", "## Contexte\n\nLes aidants « s'épuisent » : un lieu pour souffler.\n", driver)

    def front_matter_layout(self, text):
        """The guidance comments and the keys of a front matter, in order."""
        lines = text.split("\n---\n")[0].split("\n")[1:]
        # Each key's guidance to its first full stop: what follows says how to use an example.
        return [line.split(".")[0] if line.startswith("#") else line.split(":")[0] for line in lines
                if line.startswith("# Obligatoire") or line.startswith("# Facultatif") or line[:1].isalpha()]

    # --- tests ---

    def test_an_editor_creates_a_fiche_fixes_the_error_shown_and_sees_it(self):
        self.open("")
        self.driver.find_element(By.LINK_TEXT, "Nouvelle fiche").click()
        self.wait.until(lambda d: d.find_elements(By.ID, "champ-titre"))
        self.assertEqual(self.field("champ-mise-a-jour").get_attribute("value"), time.strftime("%Y-%m-%d"))
        self.fill_new("Un café des aidants à Mons", "accueil@pcs-mons")
        self.save()

        # The summary has the focus and names the problem; its link leads to the field.
        summary = self.driver.find_element(By.CSS_SELECTOR, ".resume-erreurs")
        self.assertEqual(self.driver.switch_to.active_element, summary)
        self.assertIn("courriel invalide « accueil@pcs-mons »", summary.text.replace("\u00a0", " "))
        self.assertTrue(self.driver.title.replace("\u00a0", " ").startswith("Erreur : "))
        summary.find_element(By.PARTIAL_LINK_TEXT, "Contact 1, courriel").click()
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "champ-contacts-0-email")
        message = " ".join(self.field("champ-contacts-0-email-message").get_attribute("textContent").split())
        self.assertEqual(message, "Erreur : courriel invalide « accueil@pcs-mons »")
        # What was typed is all still there.
        self.assertEqual(self.field("champ-communes").get_attribute("value"), "Mons")
        self.assertEqual(self.field("champ-corps").get_attribute("value"),
                         "## Contexte\n\nLes aidants « s'épuisent » : un lieu pour souffler.\n")
        self.assertFalse((self.folder / "fiches/sante/un-cafe-des-aidants-a-mons.md").exists())

        self.type("champ-contacts-0-email", "accueil@pcs-mons.be")
        self.save()
        # Said once: the address loses its « ?enregistree=1 », so a reload does not say it again.
        self.assertTrue(self.driver.current_url.endswith("/fiches/un-cafe-des-aidants-a-mons/"))
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text, "Un café des aidants à Mons")
        self.assertIn("Fiche enregistrée", self.driver.find_element(By.CSS_SELECTOR, ".apercu-outils").text)
        # Printed from the preview, the page is the site's: the preview's bar is not on paper.
        pdf = base64.b64decode(self.driver.execute_cdp_cmd("Page.printToPDF", {})["data"])
        printed = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        self.assertIn("Un café des aidants à Mons", printed)
        self.assertNotIn("Modifier cette fiche", printed)

        path = self.folder / "fiches/sante/un-cafe-des-aidants-a-mons.md"
        text = path.read_text(encoding="utf-8")
        # As `fiches new` writes it: a blank line between the front matter and the text.
        self.assertTrue(text.endswith("---\n\n## Contexte\n\nLes aidants « s'épuisent » : un lieu pour souffler.\n"))
        status, output = self.check()
        self.assertEqual(status, 0, output)
        # Laid out as `fiches new` writes a fiche.
        other = pathlib.Path(tempfile.mkdtemp(prefix="fiches-new-"))
        try:
            shutil.copytree(ROOT / "fiches", other / "fiches")
            subprocess.run([str(FICHES), "new", "Un café des aidants", "--droit", "sante"], cwd=other,
                           check=True, capture_output=True)
            scaffold = (other / "fiches/sante/un-cafe-des-aidants.md").read_text(encoding="utf-8")
        finally:
            shutil.rmtree(other)
        expected = [line for line in self.front_matter_layout(scaffold) if line != "statut"]
        expected.insert(expected.index("# Facultatif : qui porte la pratique : pouvoir-local, cpas, pcs, plan-hp, "
                                       "association, autre"), "publics")
        expected.insert(expected.index("# Obligatoire : au moins un contact, avec son organisation et au moins un "
                                       "courriel,"), "territoire")
        self.assertEqual(self.front_matter_layout(text), expected)

    def test_an_editor_edits_a_fiche_and_only_what_changed_is_written(self):
        path = self.folder / "fiches/sante/maison-medicale.md"
        before = path.read_text(encoding="utf-8")
        self.open("fiches/maison-medicale/")
        self.driver.find_element(By.LINK_TEXT, "Modifier cette fiche").click()
        self.wait.until(lambda d: d.find_elements(By.ID, "champ-resume"))
        resume = self.field("champ-resume").get_attribute("value")
        self.type("champ-resume", resume + " Sans rendez-vous le matin.")
        # Live: the count follows, and the fiche is rendered again beside its text.
        count = self.field("resume-compte")
        self.wait.until(lambda d: str(len(resume) + 27) in count.text)
        corps = self.field("champ-corps")
        corps.send_keys(Keys.CONTROL, Keys.END)
        corps.send_keys("\n## Horaires\n\nDu lundi au vendredi.\n")
        self.wait.until(lambda d: "Du lundi au vendredi." in (self.field("rendu").get_attribute("srcdoc") or ""))
        self.save(button="button[value=ajouter-lien]")
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "champ-liens-0-titre")
        # What was typed before the block was added is still there.
        self.assertIn("Sans rendez-vous le matin.", self.field("champ-resume").get_attribute("value"))
        self.type("champ-liens-0-titre", "Fédération des maisons médicales")
        self.type("champ-liens-0-url", "https://www.maisonmedicale.org")
        self.save()
        self.assertIn("/fiches/maison-medicale/", self.driver.current_url)
        self.assertIn("Sans rendez-vous le matin.", self.driver.find_element(By.TAG_NAME, "main").text)
        after = path.read_text(encoding="utf-8")
        lines, old = after.split("\n"), before.split("\n")
        # The summary, folded as `fiches new` writes it (on lines of 80 characters at most).
        start = lines.index("resume: >-") + 1
        end = next(i for i in range(start, len(lines)) if not lines[i].startswith("  "))
        self.assertEqual(" ".join(line.strip() for line in lines[start:end]), resume + " Sans rendez-vous le matin.")
        self.assertTrue(all(len(line) <= 80 for line in lines[start:end]))
        # Everything else of the front matter is as it was.
        self.assertEqual([line for line in old if line not in lines], [line for line in old[3:6] if line not in lines])
        added = [line for line in lines if line not in old]
        self.assertIn("liens:", added)
        self.assertTrue(after.endswith("Du lundi au vendredi.\n"))
        status, output = self.check()
        self.assertEqual(status, 0, output)

    def test_without_javascript_the_form_is_a_plain_form(self):
        driver = browser(javascript=False)
        try:
            self.open("_fiches/nouvelle-fiche", driver)
            # Refused: the summary of the problems has the focus, without a script.
            self.save(driver)
            self.assertEqual(driver.switch_to.active_element.get_attribute("class"), "resume-erreurs")
            self.fill_new("Une donnerie de quartier", "donnerie@exemple-mons.be", driver)
            Select(self.field("champ-droit-principal", driver)).select_by_value("alimentation")
            self.save(driver, "button[value=ajouter-contact]")
            self.type("champ-contacts-1-organisation", "CPAS de Mons", driver)
            self.type("champ-contacts-1-telephone", "065 41 22 11", driver)
            self.save(driver, "button[value=apercu]")
            self.assertIn("Les aidants", self.field("rendu", driver).get_attribute("srcdoc"))
            self.save(driver)
            self.assertTrue(driver.current_url.endswith("/fiches/une-donnerie-de-quartier/?enregistree=1"))
        finally:
            driver.quit()
        text = (self.folder / "fiches/alimentation/une-donnerie-de-quartier.md").read_text(encoding="utf-8")
        self.assertIn("  - organisation: PCS de Mons\n    email: donnerie@exemple-mons.be\n    telephone: 065 40 58 00\n"
                      "  - organisation: CPAS de Mons\n    telephone: 065 41 22 11\n\n", text)

    def test_enter_in_a_field_saves_and_the_keyboard_reaches_every_control(self):
        self.open("_fiches/nouvelle-fiche")
        self.field("champ-titre").send_keys("Un potager partagé", Keys.ENTER)
        self.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".resume-erreurs"))
        # Enter saved (and was refused), it did not add a contact.
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "[id$=-organisation]")), 1)
        controls = self.driver.find_elements(
            By.CSS_SELECTOR, "form input:not([type=hidden]), form select, form textarea, form button:not([tabindex])")
        reached = set()
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        for _ in range(300):
            active = self.driver.switch_to.active_element
            reached.add(active.id)
            if all(c.id in reached for c in controls):
                break
            active.send_keys(Keys.TAB)
        # A group of radio buttons is one stop: the arrows choose within it.
        groups = {c.get_attribute("name") for c in controls if c.id in reached and c.get_attribute("type") == "radio"}
        missing = [c.get_attribute("id") or c.text for c in controls if c.id not in reached
                   and not (c.get_attribute("type") == "radio" and c.get_attribute("name") in groups)]
        self.assertEqual(missing, [])

    def test_axe_finds_no_violation_on_the_form(self):
        for path in ["_fiches/nouvelle-fiche", "_fiches/modifier/alzheimer-cafe"]:
            self.open(path)
            self.assertEqual(axe_violations(self.driver), [], path)
        # With its messages.
        self.open("_fiches/nouvelle-fiche")
        self.save()
        self.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".resume-erreurs"))
        self.assertEqual(axe_violations(self.driver), [], "erreurs")

    def test_the_form_fits_320_pixels_and_is_captured(self):
        CAPTURES.mkdir(parents=True, exist_ok=True)
        for width in [320, 375, 1280]:
            driver = browser(width)
            try:
                for name, path in [("formulaire", "_fiches/modifier/alzheimer-cafe"),
                                   ("formulaire-nouveau", "_fiches/nouvelle-fiche"),
                                   ("formulaire-conflit", "_fiches/modifier/prevenir-le-suicide")]:
                    self.open(path, driver)
                    if name == "formulaire-nouveau":
                        self.save(driver)
                        name += "-erreurs"
                    if name == "formulaire-conflit":
                        # The title changed in the form and, meanwhile, in the file.
                        file = self.folder / "fiches/sante/prevenir-le-suicide.md"
                        text = file.read_text(encoding="utf-8")
                        title = self.field("champ-titre", driver).get_attribute("value")
                        self.type("champ-titre", title + " dans les quartiers", driver)
                        file.write_text(text.replace(title, title + " en Wallonie", 1), encoding="utf-8")
                        self.save(driver)
                        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, ".conflit del, .conflit ins"))
                        file.write_text(text, encoding="utf-8")
                    self.assertEqual(driver.execute_script("return innerWidth"), width)
                    overflow = driver.execute_script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    self.assertLessEqual(overflow, 0, f"{name} at {width}px scrolls sideways")
                    self.assertEqual(axe_violations(driver), [], f"{name} at {width}px")
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    resize(driver, width, min(height, 6000))
                    driver.save_screenshot(str(CAPTURES / f"{name}-{width}.png"))
                    resize(driver, width, 900)
            finally:
                driver.quit()


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
