"""The public site against the published set: Chromium walks every public page a resident can
reach from the list of partnerships, and what it finds is compared with what the staff API says
is published. Every published priority's summary, meeting, open consultation and "you said, we
did" answer must be found where a resident looks for it; nothing unpublished (a priority with no
summary or withdrawn, a meeting not published, a consultation before its first day, an answer
not published) may be found anywhere, and the address of an unpublished one must answer 404.
"""

from __future__ import annotations

import collections
import datetime
import json
import re
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By

# Files, not pages: papers, packs, calendars and tables.
NOT_A_PAGE = re.compile(r"(/papers/\d+$)|(\.(pdf|ics|csv)$)")


def api(base: str, token: str, path: str):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return json.load(r)


def status(base: str, path: str) -> int:
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def walk(driver, base: str) -> dict[str, str]:
    """Every public page reachable from the list of partnerships: path → the text a reader sees."""
    pages: dict[str, str] = {}
    queue = collections.deque(["/public/partnerships"])
    seen = set(queue)
    while queue:
        path = queue.popleft()
        driver.get(base + path)
        pages[path] = driver.find_element(By.TAG_NAME, "body").text
        for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            s = urllib.parse.urlsplit(a.get_attribute("href") or "")
            if s.netloc != urllib.parse.urlsplit(base).netloc or not s.path.startswith("/public/") or NOT_A_PAGE.search(s.path):
                continue
            if s.path not in seen:
                seen.add(s.path)
                queue.append(s.path)
    return pages


def published_set(base: str, token: str, today: str):
    """What the staff API says is and is not on the public site, per partnership listed there."""
    shown, hidden, pages_of = [], [], {}
    for p in api(base, token, "/api/v1/partnerships"):
        if p["kind"] not in ("csp", "county_group", "county_strategy_group"):
            continue
        pid = p["id"]
        home, plan = f"/public/partnerships/{pid}", f"/public/partnerships/{pid}/plan"
        for pr in api(base, token, f"/api/v1/partnerships/{pid}/plan")["priorities"]:
            withdrawn = bool(pr.get("withdrawn_reason"))
            if pr["public_summary"] and not withdrawn:
                shown.append(("priority", pr["public_summary"], [home, plan]))
            elif pr["public_summary"]:
                hidden.append(("withdrawn priority", pr["public_summary"], None))
            else:
                hidden.append(("unpublished priority", pr["title"], plan))
        for m in api(base, token, f"/api/v1/partnerships/{pid}/meetings"):
            path = f"/public/partnerships/{pid}/meetings/{m['id']}"
            (shown if m["published"] else hidden).append(("meeting", path, path))
        engagement = api(base, token, f"/api/v1/partnerships/{pid}/engagement")
        for c in engagement["consultations"]:
            c = c["consultation"]
            path = f"/public/partnerships/{pid}/consultations/{c['id']}"
            if c["opens_on"] > today:
                hidden.append(("consultation before its first day", c["title"], path))
            elif not c["closed"] and c["closes_on"] >= today:
                shown.append(("open consultation", c["title"], [home, path]))
        for item in engagement["you_said_we_did"]:
            if item["published"]:
                shown.append(("you said, we did", item["said"], [f"/public/partnerships/{pid}/you-said-we-did"]))
            else:
                hidden.append(("unpublished you said, we did", item["said"], None))
    return shown, hidden


def check(driver, base: str, token: str, results, template: str = "/public (published set)") -> int:
    """Records one result per kind of item; returns how many pages were walked."""
    today = datetime.date.today().isoformat()
    pages = walk(driver, base)
    shown, hidden = published_set(base, token, today)
    failures = collections.defaultdict(list)
    checked = collections.Counter()
    for kind, what, where in shown:
        checked[kind] += 1
        if kind == "meeting":
            if what not in pages:
                failures[kind].append(f"published meeting {what} is not linked from the public site")
            continue
        for path in where:
            if what not in pages.get(path, ""):
                failures[kind].append(f"“{what[:60]}” is not on {path}")
    for kind, what, path in hidden:
        checked[kind] += 1
        if kind == "meeting" or kind.startswith("consultation"):
            if what in pages or path in pages:
                failures[kind].append(f"{path} is linked from the public site")
            if status(base, path) != 404:
                failures[kind].append(f"{path} answers {status(base, path)}, not 404")
            if kind.startswith("consultation") and any(what in text for text in pages.values()):
                failures[kind].append(f"“{what[:60]}” is on the public site")
        elif kind == "unpublished priority":
            # Its title may name a theme the assessment ranked, but never a priority of the plan page.
            if path in pages and re.search(rf"^{re.escape(what)}$", pages[path], re.M):
                failures[kind].append(f"“{what}” is a priority on {path}")
        else:
            found = [p for p, text in pages.items() if what in text]
            if found:
                failures[kind].append(f"“{what[:60]}” is on {found[0]}")
    for kind in sorted(checked):
        if failures[kind]:
            results.fail("public-published", template, f"{kind}: {len(failures[kind])} problem(s), e.g. {failures[kind][0]}",
                         examples=failures[kind][:10])
        else:
            results.ok("public-published", f"{template}: {kind} ({checked[kind]} checked)")
    if not checked:
        results.fail("public-published", template, "the staff API listed nothing to compare the public site with")
    return len(pages)
