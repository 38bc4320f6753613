"""Headless Chromium for the browser tests, and axe-core to run in it."""
import importlib.resources

from selenium import webdriver
from selenium.webdriver.chrome.options import Options

AXE = (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(driver):
    """axe-core's violations on the page open in `driver`, one line each."""
    driver.execute_script(AXE)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(r.violations)).catch(e => done([{id: 'axe', help: String(e), nodes: []}]));")
    return [f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})" for v in result]


def browser(width=1280, javascript=True):
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument(f"--window-size={width},900")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    if width < 500:
        # Headless Chromium's windows are at least 500 pixels wide: a phone's width is emulated.
        resize(driver, width, 900)
    return driver


def resize(driver, width, height):
    """The page's viewport at `width` × `height` pixels, a phone's too."""
    if width < 500:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    else:
        driver.set_window_size(width, height)
