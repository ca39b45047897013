#!/usr/bin/env python3
"""Hallmark's browser suite: run against a server that is already running with the demo county.

    Tests/Browser/run.py BASE_URL

For each demo role it signs in, crawls every page reachable by links from the start page
(same-origin GETs only; no CSV or JSON, never sign-out), groups the URLs by template (numeric ids,
GSS codes and tokens replaced) and then, in headless Chromium at 1280x900 and at 390x844:

  * http-5xx          any 5xx answer met while crawling (plain HTTP, with the role's session);
  * broken-link       a link shown to a role that answers 4xx or sends it to sign in;
  * axe:<rule>        axe-core violations, tags wcag2a wcag2aa wcag21a wcag21aa wcag22aa,
                      one failure per rule and template;
  * overflow-390      the page scrolls sideways at 390 px (documentElement.scrollWidth > clientWidth);
  * viewport-meta     the document has no <meta name="viewport" content="width=device-width…">;
  * csp-console       the browser console reports a Content Security Policy violation;
  * console-error     any other console error (a failed resource, a script error);
  * pdf-*             the strategic assessment printed through Page.printToPDF (preferCSSPageSize):
                      A4, page numbers, no download links, no caption or heading parted from its table
                      is A4, shows no "Download" (CSV) links, and numbers its pages;
  * public-published  the public site, walked as a resident, against the published set the staff
                      API gives (see public_site.py): everything published found, nothing else.

Screenshots, the PDF, its text and results.json go to $HALLMARK_BROWSER_ARTEFACTS (default: a new
folder under /tmp). Exits 1 when any check fails, 2 when the suite itself could not run.

Environment (all optional):
  HALLMARK_BROWSER_ARTEFACTS       where to write screenshots, the PDF and results.json
  HALLMARK_DEMO_PASSWORD           the demo accounts' password (default: the demo county's)
  HALLMARK_BROWSER_ROLES           comma-separated subset of: administrator,county_officer,
                                   coordinator,analyst,board_member (default: all five)
  HALLMARK_BROWSER_CRAWL_PER_TEMPLATE   URLs fetched per template while crawling (default 40: enough to reach sub-groups and the county)
  HALLMARK_BROWSER_PAGES_PER_TEMPLATE   2 (default): the first role to reach a template audits the
                                   first URL found and the largest; 1: the first only. Later roles
                                   audit their first URL, unless another role saw the same <main>
  HALLMARK_BROWSER_PDF_PARTNERSHIP the partnership id whose assessment is printed (default: the
                                   demo's Charnwood CSP, found by name)
  HALLMARK_BROWSER_API_TOKEN       an administrator's API token: without it the public site is not
                                   compared with the published set
  CHROMIUM / CHROMEDRIVER          binaries (default /usr/bin/chromium, /usr/bin/chromedriver)
"""
from __future__ import annotations

import base64
import collections
import hashlib
import html
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import public_site

HERE = Path(__file__).resolve().parent

DEMO_PASSWORD = "hallmark-demo-2026"
ROLES = [  # (role, e-mail) as `hallmark serve --demo` prints them
    ("administrator", "admin@demo.hallmark.test"),
    ("county_officer", "county@demo.hallmark.test"),
    ("coordinator", "coordinator@demo.hallmark.test"),
    ("analyst", "analyst@demo.hallmark.test"),
    ("board_member", "board@demo.hallmark.test"),
]
VIEWPORTS = [(1280, 900, False), (390, 844, True)]  # width, height, mobile emulation
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SKIP_PATH = re.compile(r"(\.(csv|json|js|css|png|svg|ico|pdf|zip)$)|(^/api/)|(^/assets/)|(sign-out)|(^/metrics$)|(^/healthz$)")
PDF_CSP_NAME = "Charnwood Community Safety Partnership"
NOT_FOUND_PATH = "/no-such-page-browser-test"
NOT_FOUND_TEMPLATE = "(not found page)"


def log(msg: str) -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------------
# URL templates


def template_of(path: str) -> str:
    """/partnerships/5/crime/lsoas/E01025627?from=… → /partnerships/{id}/crime/lsoas/{code}"""
    parts = []
    for seg in urllib.parse.urlsplit(path).path.split("/"):
        if re.fullmatch(r"\d+", seg):
            seg = "{id}"
        elif re.fullmatch(r"[EWSN]\d{8}", seg):
            seg = "{code}"
        elif re.fullmatch(r"\d{4}-\d{2}(\.\.\d{4}-\d{2})?", seg):
            seg = "{month}"
        elif re.fullmatch(r"[0-9A-Za-z_-]{20,}", seg) and re.search(r"\d", seg):
            seg = "{token}"
        parts.append(seg)
    return "/".join(parts) or "/"


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class Failure:
    check: str       # e.g. "axe:target-size", "overflow-390"
    template: str
    message: str
    detail: dict = field(default_factory=dict)


class Results:
    def __init__(self) -> None:
        self.failures: list[Failure] = []
        self.passed: list[tuple[str, str]] = []

    def fail(self, check: str, template: str, message: str, **detail) -> None:
        self.failures.append(Failure(check, template, message, detail))

    def ok(self, check: str, template: str) -> None:
        self.passed.append((check, template))


# ---------------------------------------------------------------------------------------------
# Phase 1: crawl over plain HTTP, per role


class HTTPSession:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str):
        try:
            r = self.opener.open(self.base + path, timeout=60)
            return r.status, r.headers.get("Content-Type", ""), r.read(), r.geturl()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", "") if e.headers else "", e.read(), self.base + path

    def sign_in(self, email: str, password: str) -> bool:
        _, _, body, _ = self.get("/sign-in")
        m = re.search(rb'name="csrf_token" value="([^"]*)"', body)
        data = urllib.parse.urlencode({"csrf_token": m.group(1).decode() if m else "", "email": email,
                                       "password": password, "next": ""}).encode()
        try:
            r = self.opener.open(self.base + "/sign-in", data, timeout=60)
            return "/sign-in" not in urllib.parse.urlsplit(r.geturl()).path
        except urllib.error.HTTPError:
            return False


@dataclass
class Page:
    path: str
    status: int
    size: int
    fingerprint: str  # <main> less its CSRF tokens, hashed: another role that saw the same is not audited again


def links_in(base: str, current: str, body: str) -> list[str]:
    out = []
    origin = urllib.parse.urlsplit(base)
    for href in re.findall(r'<a\b[^>]*?\bhref="([^"]*)"', body):
        href = html.unescape(href)
        url = urllib.parse.urljoin(base + current, href)
        s = urllib.parse.urlsplit(url)
        if (s.scheme, s.netloc) != (origin.scheme, origin.netloc):
            continue
        if SKIP_PATH.search(s.path):
            continue
        out.append(s.path + ("?" + s.query if s.query else ""))
    return out


def fingerprint(body: bytes) -> str:
    m = re.search(rb"<main\b.*</main>", body, re.S)
    part = re.sub(rb'name="csrf_token" value="[^"]*"', b"", m.group(0) if m else body)
    return hashlib.sha256(part).hexdigest()


@dataclass
class Crawl:
    pages: dict  # template → [Page] (HTML answers below 400)
    errors: list  # (status, path, linked from) for answers of 400 or more


def crawl(base: str, session: HTTPSession, per_template: int) -> Crawl:
    seen = {"/"}
    queue = collections.deque([("/", None)])
    result = Crawl(collections.defaultdict(list), [])
    fetched = collections.Counter()
    while queue:
        path, parent = queue.popleft()
        t = template_of(path)
        if fetched[t] >= per_template:
            continue
        fetched[t] += 1
        status, ctype, body, final = session.get(path)
        if status >= 400:
            result.errors.append((status, path, parent))
            continue
        if "text/html" not in ctype:
            continue
        final_path = urllib.parse.urlsplit(final).path
        if final_path == "/sign-in" and path != "/sign-in":
            result.errors.append((302, path, parent))  # sent to sign in: a link this role may not follow
            continue
        result.pages[t].append(Page(path, status, len(body), fingerprint(body)))
        for link in links_in(base, path, body.decode("utf-8", "replace")):
            if link not in seen:
                seen.add(link)
                queue.append((link, path))
    return result


# ---------------------------------------------------------------------------------------------
# Phase 2: the browser

OVERFLOW_JS = r"""
const de = document.documentElement;
const cw = de.clientWidth, sw = de.scrollWidth;
function sel(el) {
  const parts = [];
  while (el && el.nodeType === 1 && parts.length < 5) {
    let s = el.localName;
    if (el.id) { parts.unshift(s + '#' + el.id); break; }
    const cls = [...el.classList].slice(0, 2);
    if (cls.length) s += '.' + cls.join('.');
    const p = el.parentElement;
    if (p) { const same = [...p.children].filter(c => c.localName === el.localName);
             if (same.length > 1) s += ':nth-of-type(' + (same.indexOf(el) + 1) + ')'; }
    parts.unshift(s); el = p;
  }
  return parts.join(' > ');
}
function clipped(el) {  // inside something that scrolls or clips sideways; an absolutely positioned
  // element escapes every scroller between it and its containing block (its nearest positioned ancestor)
  let pos = getComputedStyle(el).position;
  if (pos === 'fixed') return false;
  let needPositioned = pos === 'absolute';
  for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    const cs = getComputedStyle(p);
    if (needPositioned && cs.position === 'static') continue;
    needPositioned = false;
    const ox = cs.overflowX;
    if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
    if (cs.position === 'fixed') return false;
    if (cs.position === 'absolute') needPositioned = true;
  }
  return false;
}
const culprits = [];
if (sw > cw) {
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > cw + 1 && r.width > 0 && !clipped(el)) {
      // only the outermost offender of a subtree
      if (culprits.some(c => c.el.contains(el))) continue;
      culprits.push({el, right: Math.round(r.right), width: Math.round(r.width)});
    }
  }
}
const vp = document.querySelector('meta[name="viewport"]');
return {clientWidth: cw, scrollWidth: sw, scrollHeight: de.scrollHeight,
        viewport: vp ? vp.getAttribute('content') : null,
        title: document.title,
        culprits: culprits.sort((a, b) => b.right - a.right).slice(0, 5)
                          .map(c => ({selector: sel(c.el), right: c.right, width: c.width}))};
"""

AXE_RUN_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({ok: true, violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, tags: v.tags,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: (n.html || '').slice(0, 160),
                           summary: (n.failureSummary || '').slice(0, 300)}))}))}))
  .catch(e => done({ok: false, error: String(e)}));
"""


def axe_source() -> str:
    explicit = os.environ.get("HALLMARK_AXE_JS")
    candidates = [Path(explicit)] if explicit else []
    candidates += sorted(Path(sys.prefix).glob("lib/python*/site-packages/axe_playwright_python/axe.min.js"))
    for c in candidates:
        if c.is_file():
            src = c.read_text()
            m = re.search(r"axe v(\d+)\.(\d+)\.(\d+)", src[:200])
            if not m or (int(m.group(1)), int(m.group(2))) < (4, 10):
                raise SystemExit(f"axe-core at {c} is {m.group(0) if m else 'unknown'}; 4.10 or later is needed")
            return src
    raise SystemExit("axe.min.js not found: install axe-playwright-python (scripts/browser-test does)")


def make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              "--disable-extensions", "--no-first-run", "--window-size=1280,900",
              "--force-device-scale-factor=1", "--lang=en-GB"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    d = webdriver.Chrome(options=opts, service=service)
    d.set_page_load_timeout(60)
    d.set_script_timeout(60)
    return d


def set_viewport(driver, width: int, height: int, mobile: bool) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def browser_sign_in(driver, base: str, email: str, password: str) -> bool:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(base + "/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button[type=submit]").click()
    for _ in range(100):
        if urllib.parse.urlsplit(driver.current_url).path != "/sign-in":
            return True
        time.sleep(0.05)
    return False


def wait_loaded(driver) -> None:
    for _ in range(200):
        if driver.execute_script("return document.readyState") == "complete":
            return
        time.sleep(0.05)


def screenshot(driver, path: Path, width: int, height: int) -> None:
    h = min(max(height, 1), 8000)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": h, "scale": 1}})
    path.write_bytes(base64.b64decode(shot["data"]))


def slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_") or "root"


STAGES: collections.Counter = collections.Counter()  # seconds spent per step, for keeping the suite fast


@dataclass
class Audit:
    role: str
    template: str
    url: str
    width: int
    violations: list
    overflow: dict
    console: list


def audit_page(driver, base: str, path: str, template: str, role: str, axe_js: str, shots: Path) -> list[Audit]:
    name = slug(path) if path != "/" else "root"
    out = []
    for width, height, mobile in VIEWPORTS:
        set_viewport(driver, width, height, mobile)
        t = time.monotonic()
        driver.get(base + path)
        wait_loaded(driver)
        STAGES["load"] += time.monotonic() - t
        t = time.monotonic()
        layout = driver.execute_script(OVERFLOW_JS)
        STAGES["layout"] += time.monotonic() - t
        t = time.monotonic()
        driver.execute_script(axe_js)
        res = driver.execute_async_script(AXE_RUN_JS, AXE_TAGS)
        STAGES["axe"] += time.monotonic() - t
        if not res.get("ok"):
            res = {"violations": [{"id": "axe-error", "impact": "critical", "help": res.get("error"), "tags": [],
                                   "nodes": [{"target": "document", "summary": res.get("error")}]}]}
        t = time.monotonic()
        screenshot(driver, shots / f"{slug(role)}__{name}__{width}.png",
                   max(layout["scrollWidth"], width), layout["scrollHeight"])
        STAGES["screenshot"] += time.monotonic() - t
        console = driver.get_log("browser")
        out.append(Audit(role, template, path, width, res["violations"], layout, console))
    return out


# ---------------------------------------------------------------------------------------------
# The strategic assessment as PDF


def check_pdf(driver, base: str, path: str, art: Path, results: Results) -> dict:
    template = template_of(path)
    set_viewport(driver, 1280, 900, False)
    driver.get(base + path)
    wait_loaded(driver)
    driver.get_log("browser")
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                     "displayHeaderFooter": False})
    pdf_path = art / "assessment.pdf"
    pdf_path.write_bytes(base64.b64decode(pdf["data"]))
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True).stdout
    (art / "assessment.txt").write_text(text)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", str(pdf_path), str(art / "assessment-page")],
                   capture_output=True)
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts(.*)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1)) if "Pages:" in info else 0
    summary = {"url": path, "pdf": str(pdf_path), "pages": pages, "page_size": m.group(0).strip() if m else None}

    if not m:
        results.fail("pdf-page-size", template, "pdfinfo gave no page size", info=info)
    else:
        w, h = float(m.group(1)), float(m.group(2))
        if abs(w - 595.28) <= 1.5 and abs(h - 841.89) <= 1.5:
            results.ok("pdf-page-size", template)
        else:
            results.fail("pdf-page-size", template,
                         f"page size is {w:g}×{h:g} pt{m.group(3).rstrip()}, not A4 (595×842 pt)", size=[w, h])

    hits = [ln.strip() for ln in text.splitlines() if re.search(r"\bDownload\b|\.csv\b", ln)]
    summary["download_lines"] = len(hits)
    if hits:
        results.fail("pdf-no-download-links", template,
                     f"{len(hits)} printed line(s) mention Download/CSV, e.g. “{hits[0][:120]}”", lines=hits[:10])
    else:
        results.ok("pdf-no-download-links", template)

    page_texts = text.split("\f")
    if page_texts and not page_texts[-1].strip():
        page_texts = page_texts[:-1]
    numbered, missing = 0, []
    n = len(page_texts)
    for i, pt in enumerate(page_texts, start=1):
        lines = [ln.strip() for ln in pt.splitlines() if ln.strip()]
        edge = lines[:2] + lines[-2:]
        pat = re.compile(rf"(^|\s)(page\s+)?{i}(\s*(of|/)\s*{n})?$|\bpage\s+{i}\b|\b{i}\s+of\s+{n}\b", re.I)
        if any(pat.search(ln) for ln in edge):
            numbered += 1
        else:
            missing.append(i)
    summary["numbered_pages"] = numbered
    if n and not missing:
        results.ok("pdf-page-numbers", template)
    else:
        results.fail("pdf-page-numbers", template,
                     f"{len(missing)} of {n} printed pages carry no page number in their first or last lines"
                     f" (pages {compact(missing)})", missing=missing)

    # A caption or heading must stay with the table or text it introduces: no page may end on
    # one (the last line above the page number). Their texts are read from the page itself; a
    # figure's caption comes after the figure, so it may end a page.
    leads = driver.execute_script(
        "return Array.from(document.querySelectorAll('caption, h2, h3'))"
        ".map(e => e.innerText.trim()).filter(t => t.length > 0);")
    parted = []
    for i, pt in enumerate(page_texts[:-1], start=1):
        lines = [ln.strip() for ln in pt.splitlines() if ln.strip()]
        body = [ln for ln in lines if not re.fullmatch(rf"page\s+{i}\s+of\s+{n}", ln, re.I)]
        if body and any(lead.startswith(body[-1]) or body[-1].startswith(lead) for lead in leads if len(body[-1]) >= 4):
            parted.append((i, body[-1][:80]))
    summary["parted_leads"] = parted
    if parted:
        results.fail("pdf-captions-kept", template,
                     f"{len(parted)} page(s) end on a caption or heading parted from what follows, e.g. page {parted[0][0]}: “{parted[0][1]}”",
                     pages=parted)
    else:
        results.ok("pdf-captions-kept", template)

    console = [e for e in driver.get_log("browser")]
    summary["console_after_print"] = [e["message"] for e in console]
    return summary


# ---------------------------------------------------------------------------------------------
# Pages printed as they are (not the documents): what is there to change the page stays off paper


PRINTED_CONTROLS_JS = """
const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
const found = [];
for (const e of document.querySelectorAll('main form, main .related a, main details summary, main h2, main h3')) {
  if (!shown(e)) continue;
  if ((e.tagName === 'H2' || e.tagName === 'H3') && !(e.nextElementSibling && e.nextElementSibling.tagName === 'FORM')) continue;
  if (e.tagName === 'SUMMARY' && !e.parentElement.querySelector('form')) continue;
  found.push(e.tagName.toLowerCase() + ': ' + e.innerText.trim().slice(0, 60));
}
return found;
"""


def check_printed_controls(driver, base: str, paths: list[str], results: Results) -> None:
    set_viewport(driver, 1280, 900, False)
    for path in paths:
        template = template_of(path)
        driver.get(base + path)
        wait_loaded(driver)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            shown = driver.execute_script(PRINTED_CONTROLS_JS)
        finally:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        if shown:
            results.fail("print-no-controls", template, f"{len(shown)} control(s) print on {path}, e.g. {shown[0]}", controls=shown[:10])
        else:
            results.ok("print-no-controls", template)


def check_error_focus(driver, base: str, path: str, results: Results) -> None:
    """A form sent with a mistake comes back with the list of problems focused, so that a
    keyboard or screen reader user starts there rather than at the top of the page."""
    from selenium.webdriver.common.by import By
    template = template_of(path)
    driver.get(base + path)
    wait_loaded(driver)
    driver.find_element(By.CSS_SELECTOR, "main form[method=post] button[type=submit], main form[method=post] button:not([type])").click()
    # The answer is a new page: wait for it, not for the one the button was on.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not driver.execute_script("return !!document.querySelector('.error-summary')"):
        time.sleep(0.1)
    wait_loaded(driver)
    focused = driver.execute_script("const e = document.activeElement; return e ? (e.className || e.tagName) : '';")
    if "error-summary" in focused:
        results.ok("error-summary-focused", template)
    else:
        results.fail("error-summary-focused", template, f"after a refused form on {path}, the focus is on {focused or 'nothing'}, not the error summary")


CONFIRMATION = "(the question before a removal)"


def audit_confirmations(driver, base: str, paths: list[str], axe_js: str, shots: Path, results: Results) -> list[Audit]:
    """The page that asks before something is removed or withdrawn is the answer to a form, so
    no crawl reaches it: press the first page's removal button at each width, audit the question
    as any page is audited, and check that "No, go back" goes back with the record still there."""
    from selenium.webdriver.common.by import By
    button = "main form[method=post][action$='/remove'] button[type=submit], main form[method=post][action$='/withdraw'] button[type=submit]"
    for path in paths:
        driver.get(base + path)
        wait_loaded(driver)
        if driver.find_elements(By.CSS_SELECTOR, button):
            break
    else:
        results.fail("confirmation", CONFIRMATION, f"none of {paths} offers a removal to ask about")
        return []
    driver.get_log("browser")  # what the pages before it logged (a refused form's 422) is theirs
    out = []
    for width, height, mobile in VIEWPORTS:
        set_viewport(driver, width, height, mobile)
        driver.get(base + path)
        wait_loaded(driver)
        driver.find_element(By.CSS_SELECTOR, button).click()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not driver.execute_script("return !!document.querySelector('input[name=confirmed]')"):
            time.sleep(0.1)
        wait_loaded(driver)
        layout = driver.execute_script(OVERFLOW_JS)
        driver.execute_script(axe_js)
        res = driver.execute_async_script(AXE_RUN_JS, AXE_TAGS)
        if not res.get("ok"):
            res = {"violations": [{"id": "axe-error", "impact": "critical", "help": res.get("error"), "tags": [],
                                   "nodes": [{"target": "document", "summary": res.get("error")}]}]}
        screenshot(driver, shots / f"confirmation__{slug(path)}__{width}.png", max(layout["scrollWidth"], width), layout["scrollHeight"])
        out.append(Audit("administrator", CONFIRMATION, path, width, res["violations"], layout, driver.get_log("browser")))
    driver.find_element(By.LINK_TEXT, "No, go back").click()
    wait_loaded(driver)
    if driver.current_url.split("#")[0] == base + path and driver.find_elements(By.CSS_SELECTOR, button):
        results.ok("confirmation-back", CONFIRMATION)
    else:
        results.fail("confirmation-back", CONFIRMATION, f"“No, go back” from {path} led to {driver.current_url}, or the record had gone")
    return out


UNSENT = "(a form refused for its token)"


def audit_unsent(driver, base: str, axe_js: str, shots: Path, results: Results) -> list[Audit]:
    """A form whose page is older than the session comes back with what was typed and a way to
    send it again: make one (the page's token spoiled, as an old tab's would be), audit the
    answer as any page is audited, and check it holds what was typed."""
    from selenium.webdriver.common.by import By
    driver.get_log("browser")
    out = []
    typed = "Typed before the session changed"
    for width, height, mobile in VIEWPORTS:
        set_viewport(driver, width, height, mobile)
        driver.get(base + "/organisations/new")
        wait_loaded(driver)
        driver.find_element(By.ID, "name").send_keys(typed)
        driver.execute_script("document.querySelector('main form input[name=csrf_token]').value = 'from-an-older-page'")
        driver.find_element(By.CSS_SELECTOR, "main form[method=post] button[type=submit]").click()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "not sent" not in driver.title:
            time.sleep(0.1)
        wait_loaded(driver)
        layout = driver.execute_script(OVERFLOW_JS)
        driver.execute_script(axe_js)
        res = driver.execute_async_script(AXE_RUN_JS, AXE_TAGS)
        if not res.get("ok"):
            res = {"violations": [{"id": "axe-error", "impact": "critical", "help": res.get("error"), "tags": [],
                                   "nodes": [{"target": "document", "summary": res.get("error")}]}]}
        screenshot(driver, shots / f"unsent__{width}.png", max(layout["scrollWidth"], width), layout["scrollHeight"])
        # The refusal's own status is logged by the browser as a console error; it is the point here.
        console = [e for e in driver.get_log("browser") if "status of 403" not in e.get("message", "")]
        out.append(Audit("administrator", UNSENT, "/organisations", width, res["violations"], layout, console))
    page = driver.page_source
    if typed in page and driver.find_elements(By.XPATH, "//button[normalize-space()='Send it again']"):
        results.ok("unsent-given-back", UNSENT)
    else:
        results.fail("unsent-given-back", UNSENT, "the refused form's page did not hold what was typed, or offered no way to send it again")
    return out


def compact(nums: list[int]) -> str:
    if not nums:
        return "none"
    out, start, prev = [], nums[0], nums[0]
    for x in nums[1:] + [None]:
        if x is not None and x == prev + 1:
            prev = x
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        if x is not None:
            start = prev = x
    return ", ".join(out)


# ---------------------------------------------------------------------------------------------


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    started = time.monotonic()
    base = sys.argv[1].rstrip("/")
    password = os.environ.get("HALLMARK_DEMO_PASSWORD", DEMO_PASSWORD)
    wanted = os.environ.get("HALLMARK_BROWSER_ROLES")
    roles = [r for r in ROLES if not wanted or r[0] in wanted.split(",")]
    crawl_cap = int(os.environ.get("HALLMARK_BROWSER_CRAWL_PER_TEMPLATE", "40"))
    audit_cap = int(os.environ.get("HALLMARK_BROWSER_PAGES_PER_TEMPLATE", "2"))
    art = Path(os.environ.get("HALLMARK_BROWSER_ARTEFACTS") or tempfile.mkdtemp(prefix="hallmark-browser-"))
    shots = art / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    results = Results()
    axe_js = axe_source()
    log(f"Browser suite against {base}; artefacts in {art}")
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=10) as r:
            r.read()
    except Exception as e:  # noqa: BLE001
        log(f"No Hallmark server answers at {base}/healthz ({e}); start one with `hallmark serve --demo` first")
        return 2

    # Phase 1: crawl per role over HTTP.
    crawled: dict[str, Crawl] = {}
    crawled["public"] = crawl(base, HTTPSession(base), crawl_cap)
    for role, email in roles:
        s = HTTPSession(base)
        if not s.sign_in(email, password):
            results.fail("sign-in", "/sign-in", f"{role} ({email}) could not sign in over HTTP")
            continue
        crawled[role] = crawl(base, s, crawl_cap)
    all_templates = sorted({t for c in crawled.values() for t in c.pages})
    log(f"Crawled in {time.monotonic() - started:.1f} s: {len(all_templates)} templates, "
        f"{sum(len(p) for c in crawled.values() for p in c.pages.values())} HTML pages over {len(crawled)} roles")

    errors: dict[tuple[str, str], list] = collections.defaultdict(list)  # (check, template) → [(role, status, path, from)]
    for role, c in crawled.items():
        for status, path, parent in c.errors:
            check = "http-5xx" if status >= 500 else "broken-link"
            errors[(check, template_of(path))].append((role, status, path, parent))
    for t in sorted(set(all_templates) | {t for _, t in errors}):
        for check in ("http-5xx", "broken-link"):
            ex = errors.get((check, t))
            if ex:
                role, status, path, parent = ex[0]
                what = "answered ≥ 500" if check == "http-5xx" else "linked but answered 4xx or sent to sign in"
                results.fail(check, t, f"{len(ex)} URL(s) {what}, e.g. {status} for {path} as {role}"
                             f" (linked from {parent}); roles {', '.join(sorted({e[0] for e in ex}))}",
                             examples=ex[:10])
            else:
                results.ok(check, t)

    # Phase 2: audit in the browser, per role. The first role to reach a template audits the first
    # page found and the largest; later roles the first they found, unless another role already
    # audited the same URL with the same <main>. The "not found" page is audited too.
    crawled["public"].pages[NOT_FOUND_TEMPLATE] = [Page(NOT_FOUND_PATH, 404, 0, "")]
    audits: list[Audit] = []
    audited: set[tuple[str, str]] = set()
    templates_done: set[str] = set()
    driver = make_driver()
    pdf_summary = None
    try:
        for role in ["public"] + [r for r, _ in roles]:
            if role not in crawled:
                continue
            t0 = time.monotonic()
            if role != "public":
                email = dict(ROLES)[role]
                if not browser_sign_in(driver, base, email, password):
                    results.fail("sign-in", "/sign-in", f"{role} ({email}) could not sign in through the form")
                    continue
            else:
                driver.delete_all_cookies()
            driver.get_log("browser")
            n = 0
            for t in sorted(crawled[role].pages):
                pages = crawled[role].pages[t]
                picks = [pages[0]]
                largest = max(pages, key=lambda p: p.size)
                if t not in templates_done and audit_cap > 1 and largest.path != pages[0].path:
                    picks.append(largest)
                templates_done.add(t)
                for p in picks:
                    key = (p.path, p.fingerprint)
                    if p.fingerprint and key in audited:
                        continue
                    audited.add(key)
                    audits.extend(audit_page(driver, base, p.path, t, role, axe_js, shots))
                    n += 1
            log(f"  {role}: audited {n} pages at {len(VIEWPORTS)} widths in {time.monotonic() - t0:.1f} s")

        # The strategic assessment, printed, as the administrator.
        pdf_path = os.environ.get("HALLMARK_BROWSER_PDF_PARTNERSHIP")
        admin = next((r for r in roles if r[0] == "administrator"), roles[0] if roles else None)
        if admin and browser_sign_in(driver, base, admin[1], password):
            if pdf_path:
                target = f"/partnerships/{pdf_path}/assessment"
            else:
                driver.get(base + "/partnerships")
                src = driver.page_source
                m = re.search(r'href="/partnerships/(\d+)"[^>]*>\s*' + re.escape(PDF_CSP_NAME), src)
                if m:
                    target = f"/partnerships/{m.group(1)}/assessment"
                else:
                    cands = [p.path for c in crawled.values() for t, ps in c.pages.items()
                             if t == "/partnerships/{id}/assessment" for p in ps]
                    target = cands[0] if cands else None
            if target:
                pdf_summary = check_pdf(driver, base, target, art, results)
            else:
                results.fail("pdf-print", "/partnerships/{id}/assessment", "no strategic assessment page was found")
            # A meeting and a budget as a secretary prints them, the pages that change engagement's
            # records and a consultation, and a refused form.
            printed = [ps[0].path for c in crawled.values() for t, ps in sorted(c.pages.items())
                       if t in ("/partnerships/{id}/meetings/{id}", "/partnerships/{id}/budget",
                                "/partnerships/{id}/engagement/events/{id}", "/partnerships/{id}/engagement/you-said-we-did/{id}",
                                "/partnerships/{id}/consultations/{id}/edit", "/partnerships/{id}/consultations/{id}/questions/{id}")]
            check_printed_controls(driver, base, sorted(set(printed)), results)
            check_error_focus(driver, base, "/organisations/new", results)
            audits.extend(audit_confirmations(driver, base, sorted(set(printed)), axe_js, shots, results))
            audits.extend(audit_unsent(driver, base, axe_js, shots, results))
        else:
            results.fail("pdf-print", "/partnerships/{id}/assessment", "could not sign in to print the assessment")

        # The public site, walked as a resident, against the published set from the staff API.
        token = os.environ.get("HALLMARK_BROWSER_API_TOKEN")
        if token:
            driver.delete_all_cookies()
            t0 = time.monotonic()
            walked = public_site.check(driver, base, token, results)
            log(f"  public site: {walked} pages walked and compared with the published set in {time.monotonic() - t0:.1f} s")
        else:
            log("  public site: not compared with the published set (no HALLMARK_BROWSER_API_TOKEN)")
    finally:
        driver.quit()

    # Turn the audits into checks, grouped by template.
    by_template: dict[str, list[Audit]] = collections.defaultdict(list)
    for a in audits:
        by_template[a.template].append(a)
    overflow_report, csp_report = [], []
    favicon = []  # the browser asks for /favicon.ico once, on whichever page comes first
    for t in sorted(by_template):
        aus = by_template[t]
        # axe, one failure per rule
        rules: dict[str, dict] = {}
        for a in aus:
            for v in a.violations:
                r = rules.setdefault(v["id"], {"help": v["help"], "impact": v["impact"], "targets": {},
                                               "widths": set(), "roles": set(), "urls": set()})
                r["widths"].add(a.width)
                r["roles"].add(a.role)
                r["urls"].add(a.url)
                for node in v["nodes"]:
                    r["targets"].setdefault(node["target"], {"html": node.get("html", ""), "summary": node["summary"],
                                                             "url": a.url, "width": a.width})
        if not rules:
            results.ok("axe", t)
        for rid in sorted(rules):
            r = rules[rid]
            ex = next(iter(r["targets"]))
            results.fail(f"axe:{rid}", t,
                         f"{len(r['targets'])} node(s), {r['impact']}: {r['help']}; at "
                         f"{'/'.join(str(w) for w in sorted(r['widths']))} px; roles {', '.join(sorted(r['roles']))};"
                         f" e.g. {ex}",
                         rule=rid, nodes=len(r["targets"]), impact=r["impact"], widths=sorted(r["widths"]),
                         roles=sorted(r["roles"]), example=ex, example_html=r["targets"][ex]["html"],
                         nodes_detail=[{"target": k, **v} for k, v in list(r["targets"].items())[:30]],
                         urls=sorted(r["urls"])[:10])
        # overflow at 390
        narrow = [a for a in aus if a.width == 390]
        over = [a for a in narrow if a.overflow["scrollWidth"] > a.overflow["clientWidth"]]
        if over:
            worst = max(over, key=lambda a: a.overflow["scrollWidth"] - a.overflow["clientWidth"])
            by = worst.overflow["scrollWidth"] - worst.overflow["clientWidth"]
            culprits = worst.overflow["culprits"]
            results.fail("overflow-390", t,
                         f"scrolls sideways at 390 px by up to {by} px (scrollWidth {worst.overflow['scrollWidth']} >"
                         f" clientWidth {worst.overflow['clientWidth']}) on {worst.url} as {worst.role}"
                         + (f"; widest: {culprits[0]['selector']} (right edge {culprits[0]['right']} px)" if culprits else "")
                         + f"; {len(over)} of {len(narrow)} audited page(s)",
                         by=by, url=worst.url, culprits=culprits,
                         pages=[(a.url, a.role, a.overflow["scrollWidth"] - a.overflow["clientWidth"]) for a in over])
            overflow_report.append((t, by, worst.url))
        elif narrow:
            results.ok("overflow-390", t)
        # viewport meta
        vps = {a.overflow["viewport"] for a in aus}
        if any(not v or "width=device-width" not in v for v in vps):
            bad = next(a for a in aus if not a.overflow["viewport"] or "width=device-width" not in a.overflow["viewport"])
            results.fail("viewport-meta", t, f"no <meta name=\"viewport\" content=\"width=device-width…\"> on {bad.url}"
                         f" (found: {bad.overflow['viewport']!r})")
        else:
            results.ok("viewport-meta", t)
        # console
        csp, other = {}, {}
        for a in aus:
            for e in a.console:
                msg = e.get("message", "")
                if "Content Security Policy" in msg or "Content-Security-Policy" in msg:
                    csp.setdefault(re.sub(r"^\S+ (\d+(:\d+)? )?", "", msg)[:400], a.url)
                elif a.url == NOT_FOUND_PATH and NOT_FOUND_PATH in msg and "404" in msg:
                    pass  # the not-found page's own answer
                elif "/favicon.ico" in msg:
                    favicon.append(msg)
                elif e.get("level") == "SEVERE":
                    other.setdefault(msg[:300], a.url)
        if csp:
            first = next(iter(csp))
            results.fail("csp-console", t, f"{len(csp)} distinct CSP violation(s) in the console, e.g. {first} (on {csp[first]})",
                         messages=list(csp)[:10])
            csp_report.append((t, list(csp)))
        else:
            results.ok("csp-console", t)
        if other:
            first = next(iter(other))
            results.fail("console-error", t, f"{len(other)} console error(s), e.g. {first} (on {other[first]})",
                         messages=list(other)[:10])
        else:
            results.ok("console-error", t)

    if favicon:
        results.fail("console-error", "/favicon.ico", f"the browser's own request for /favicon.ico failed: {favicon[0][:200]}")
    elif audits:
        results.ok("console-error", "/favicon.ico")

    elapsed = time.monotonic() - started
    report = {
        "base_url": base, "seconds": round(elapsed, 1), "artefacts": str(art),
        "templates": all_templates,
        "crawled": {r: {t: [p.path for p in ps] for t, ps in c.pages.items()} for r, c in crawled.items()},
        "crawl_errors": {r: c.errors for r, c in crawled.items()},
        "failures": [f.__dict__ for f in results.failures],
        "passed": results.passed,
        "pdf": pdf_summary,
        "audits": [{"role": a.role, "template": a.template, "url": a.url, "width": a.width,
                    "scrollWidth": a.overflow["scrollWidth"], "clientWidth": a.overflow["clientWidth"],
                    "violations": [(v["id"], len(v["nodes"])) for v in a.violations]} for a in audits],
    }
    (art / "results.json").write_text(json.dumps(report, indent=2, default=list))

    log("")
    if pdf_summary:
        log(f"PDF: {pdf_summary['url']} → {pdf_summary['pdf']}: {pdf_summary['pages']} pages, {pdf_summary['page_size']}")
    for f in sorted(results.failures, key=lambda f: (f.check.split(":")[0], f.template, f.check)):
        log(f"FAIL {f.check} {f.template}: {f.message}")
    log("")
    log("time per step: " + ", ".join(f"{k} {v:.0f} s" for k, v in STAGES.most_common()))
    log(f"{len(all_templates)} templates, {len(audits)} page audits, {elapsed:.0f} s; results in {art / 'results.json'}")
    log(f"browser: {len(results.passed)} passed, {len(results.failures)} failed")
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
