"""The html page and the timelinejs export, opened in a real browser.

Headless Chromium (Debian's `chromium`, driven through Debian's
`chromium-driver` by selenium) opens the pages from `file://`, as a reader
would, with the network options off. `make test` installs both packages
where they are missing and it can (root, apt-get); elsewhere these tests
skip and say so. Screenshots are kept in build/browser/ (or
$TIMELINE_BROWSER_ARTIFACTS) for people to look at.

No test waits a fixed time: each waits for what it expects, up to a limit.
"""

from __future__ import annotations

import html
import io
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, SEEDS
from tests.page_sample import SCRIPT, hostile_data, page_data
from timeline.cli import cli
from timeline.exporters import get_exporter

CHROMIUM = os.environ.get("TIMELINE_CHROMIUM") or shutil.which("chromium")
DRIVER = os.environ.get("TIMELINE_CHROMEDRIVER") or shutil.which("chromedriver")
ARTIFACTS = Path(os.environ.get("TIMELINE_BROWSER_ARTIFACTS") or ROOT / "build" / "browser")
TIMELINEJS = ROOT / "tests" / "vendor" / "timelinejs"
WAIT = 20  # seconds, at most, for what a test expects to appear

if not (CHROMIUM and DRIVER):
    pytest.skip(
        "browser tests skipped: chromium and chromedriver not found "
        "(Debian: apt-get install chromium chromium-driver; `make test` does it as root)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

Driver = Any


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for argument in (
        "--headless",
        "--no-sandbox",  # we run as root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1300,1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The driver named outright: selenium then never looks for (or downloads) one.
    service = webdriver.ChromeService(executable_path=DRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def until(driver: Driver, what: Callable[[Driver], Any], message: str) -> Any:
    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(what)
    except TimeoutException:
        raise AssertionError(f"gave up waiting: {message}") from None


def errors(driver: Driver) -> list[str]:
    """The console's errors since the last call (reading the log empties it)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def open_page(driver: Driver, path: Path) -> None:
    errors(driver)  # what earlier pages left
    driver.get(path.as_uri())
    until(
        driver,
        lambda d: d.execute_script("return document.documentElement.dataset.ready"),
        "the chart",
    )


def write_page(tmp_path: Path, data: dict[str, Any], name: str = "page.html") -> Path:
    out = io.StringIO()
    get_exporter("html").write(data, out)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def texts(driver: Driver, selector: str) -> list[str]:
    """The text of every element `selector` finds, seen or not, read in one go
    (vis-timeline redraws as it zooms: elements found one call earlier go stale)."""
    script = "return [...document.querySelectorAll(arguments[0])].map(n => n.textContent)"
    found: list[str] = driver.execute_script(script, selector)
    return found


def drawn(driver: Driver) -> list[str]:
    """The texts of the items vis-timeline has drawn, boxes and spans (a week's span
    is a pixel wide, its text hidden, when the axis spans years)."""
    return texts(driver, "#chart .vis-item.vis-box, #chart .vis-item.vis-range")


def lanes(driver: Driver) -> list[str]:
    return texts(driver, ".vis-labelset .vis-label")


def settled(driver: Driver, expected: int) -> list[str]:
    """The drawn items once there are `expected` of them, the same at two reads in a
    row (the chart moves to its new window in steps)."""
    last: list[list[str]] = [[]]

    def ready(d: Driver) -> list[str] | None:
        now = sorted(drawn(d))
        same, last[0] = now == last[0], now
        return now if same and len(now) == expected else None

    found: list[str] = until(driver, ready, f"{expected} items drawn")
    return found


def show_all(driver: Driver, expected: int) -> list[str]:
    driver.find_element(By.ID, "fit").click()
    return settled(driver, expected)


def rows(driver: Driver) -> list[str]:
    """The summaries of the table rows that are shown."""
    return texts(driver, "#events tbody tr:not([hidden]) button")


def screenshot(driver: Driver, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    assert driver.save_screenshot(str(path)), path
    return path


def _short(text: str, size: int = 40) -> str:
    """A summary as an item shows it (page.js, `shorten`)."""
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


# --- the html page ------------------------------------------------------------------


def test_the_chart_draws_every_dated_event_and_loads_nothing(
    browser: Driver, tmp_path: Path
) -> None:
    data = page_data()
    open_page(browser, write_page(tmp_path, data))
    records = browser.execute_script(
        "return JSON.parse(document.getElementById('timeline-data').textContent).events"
    )
    dated = [r for r in records if r["start"]]
    assert len(dated) == len(data["events"]) - 1  # the undated statement is in the table only
    texts = show_all(browser, len(dated))
    assert sorted(texts) == sorted(_short(r["summary"]) for r in dated)
    assert lanes(browser) == ["talks", "meeting", "phone call", "military"]
    assert rows(browser) == [event["summary"] for event in data["events"]]
    assert browser.find_element(By.ID, "count").text.startswith("Showing 9 of 9 events (1 undated")
    # Nothing was fetched, nothing went wrong.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert errors(browser) == []


def test_clicking_an_event_shows_all_it_says(browser: Driver, tmp_path: Path) -> None:
    data = page_data()
    open_page(browser, write_page(tmp_path, data))
    show_all(browser, 8)
    talks = next(
        item
        for item in browser.find_elements(By.CSS_SELECTOR, "#chart .vis-item.vis-box")
        if item.text.startswith("Russian and American officials")
    )
    talks.click()
    detail = browser.find_element(By.ID, "detail")
    until(browser, lambda d: detail.find_elements(By.TAG_NAME, "h2"), "the detail")
    assert detail.find_element(By.TAG_NAME, "h2").text == (
        "Russian and American officials held “frank and direct” talks"
    )
    facts = dict(
        zip(
            [dt.text for dt in detail.find_elements(By.TAG_NAME, "dt")],
            [dd.text for dd in detail.find_elements(By.TAG_NAME, "dd")],
            strict=True,
        )
    )
    assert facts == {
        "When": "2022-01-10",
        "As written": "“Monday”",
        "Type": "talks",
        "PLOVER": "CONSULT",
        "Status": "occurred",
        "Where": "Geneva, CHE (46.20, 6.14)",
        "Who": "Russia (source, RUS, NORP)\nUnited States (target, USA, NORP)\n"
        "Wendy R. Sherman (source, PERSON)",
        "Reported": "Wendy R. Sherman, on 2022-01-10 (“Monday”)",
        "Sources disagree": "the place: Geneva (000_12fa4de552d0c0ef); "
        "Genève (Sanctions, “Kyiv” | Ünal; a <test> & more)",
    }
    evidence = detail.find_element(By.CSS_SELECTOR, ".evidence")
    assert [m.text for m in evidence.find_elements(By.TAG_NAME, "mark")] == ["Monday"]
    assert evidence.find_element(By.TAG_NAME, "strong").text == "talks"
    sources = detail.find_elements(By.CSS_SELECTOR, ".sources > li")
    assert len(sources) == 2 and "dated 2022-01-11" in sources[1].text
    assert [m.text for m in sources[1].find_elements(By.TAG_NAME, "mark")] == ["Monday"]
    chosen = browser.find_elements(By.CSS_SELECTOR, "#events tr.chosen button")
    assert [row.text for row in chosen] == [
        "Russian and American officials held “frank and direct” talks"
    ]
    screenshot(browser, "sample-detail.png")
    assert errors(browser) == []


def test_a_row_of_the_table_opens_its_event_too(browser: Driver, tmp_path: Path) -> None:
    open_page(browser, write_page(tmp_path, page_data()))
    browser.find_element(By.CSS_SELECTOR, "#events button[data-i='8']").click()
    detail = browser.find_element(By.ID, "detail")
    heading = until(browser, lambda d: detail.find_elements(By.TAG_NAME, "h2"), "the detail")
    assert heading[0].text.startswith("Zelenskyy | “Kyiv”, Ünal")
    facts = [dt.text for dt in detail.find_elements(By.TAG_NAME, "dt")]
    assert facts == ["When", "Type", "Status", "Who"]  # undated: no date written, no axis
    assert "undated" in detail.find_element(By.TAG_NAME, "dd").text
    assert errors(browser) == []


def test_filters_and_search_narrow_chart_and_table(browser: Driver, tmp_path: Path) -> None:
    data = page_data()
    open_page(browser, write_page(tmp_path, data))
    show_all(browser, 8)
    for kind in ("talks", "phone_call", "military", "statement"):
        browser.find_element(By.CSS_SELECTOR, f"input[name='type'][value='{kind}']").click()
    meetings = [e["summary"] for e in data["events"] if e["type"] == "meeting"]
    settled(browser, len(meetings))
    assert rows(browser) == meetings
    browser.find_element(By.CSS_SELECTOR, "input[name='status'][value='planned']").click()
    until(browser, lambda d: rows(d) == [], "no occurred meeting")
    assert drawn(browser) == [] and not browser.find_element(By.ID, "chart").is_displayed()
    browser.find_element(By.CSS_SELECTOR, "input[name='status'][value='planned']").click()
    search = browser.find_element(By.ID, "search")
    search.send_keys("VIENNA")
    until(browser, lambda d: len(rows(d)) == 2, "the meetings in Vienna's sentence")
    assert rows(browser) == [
        "Russia-NATO Council session",
        "57-member meeting of the OSCE Permanent Council",
    ]
    assert browser.find_element(By.ID, "count").text.startswith("Showing 2 of 9 events")
    assert errors(browser) == []


def test_lanes_by_actor_and_by_document(browser: Driver, tmp_path: Path) -> None:
    data = page_data()
    open_page(browser, write_page(tmp_path, data))
    choose = browser.find_element(By.ID, "lanes")
    choose.find_element(By.CSS_SELECTOR, "option[value='actor']").click()
    names = {e["id"]: {a["name"] for a in e["actors"]} for e in data["events"] if e["date"]}
    settled(browser, sum(len(n) for n in names.values()))  # an item an actor
    assert lanes(browser)[:3] == ["Russia", "Ünal Çelik", "United States"]
    choose.find_element(By.CSS_SELECTOR, "option[value='document']").click()
    # The Geneva talks are merged across both documents: drawn in each lane.
    settled(browser, 9)  # an item a source document
    assert lanes(browser) == ["000_12fa4de552d0c0ef", "Sanctions, “Kyiv” | Ünal; a <test> & more"]
    assert errors(browser) == []


def test_markup_in_the_articles_is_shown_as_text(browser: Driver, tmp_path: Path) -> None:
    open_page(browser, write_page(tmp_path, hostile_data()))
    assert browser.title == f"Timeline: Talks {SCRIPT} end"
    browser.find_element(By.CSS_SELECTOR, "#events button[data-i='1']").click()
    heading = until(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#detail h2"), "the detail")
    assert (
        heading[0].text
        == 'Officials <script>window.pwned = 1</script> met <img src="x" onerror="window.pwned = 2">'
    )
    assert (
        "</script><script>window.pwned = 3</script>" in browser.find_element(By.ID, "detail").text
    )
    assert browser.execute_script("return window.pwned") is None
    assert browser.find_elements(By.CSS_SELECTOR, "img") == []
    assert len(browser.find_elements(By.CSS_SELECTOR, "script")) == 3
    assert browser.find_elements(By.CSS_SELECTOR, "#detail a") == []  # javascript: is no link
    assert errors(browser) == []


def test_the_seed_page(browser: Driver, tmp_path: Path) -> None:
    target = tmp_path / "seed.html"
    result = CliRunner().invoke(cli, ["extract", str(SEEDS), "-o", str(target), "--quiet"])
    assert result.exit_code == 0, result.stderr
    open_page(browser, target)
    # It opens on the week of talks; the invasion of 2014 is one "Show all" away.
    settled(browser, 4)  # the four days of talks
    assert "in view: 4 of the 5 drawn" in browser.find_element(By.ID, "count").text
    screenshot(browser, "seed.png")
    assert len(show_all(browser, 5)) == 5
    assert errors(browser) == []


# --- the timelinejs export in TimelineJS 3 ------------------------------------------

TIMELINEJS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
<style>html, body, #timeline {{ height: 100%; margin: 0; }}</style>
</head><body><div id="timeline"></div>
<script>
// font: null, or TimelineJS fetches its web fonts from its CDN.
window.timeline = new TL.Timeline("timeline", {data}, {{ hash_bookmark: false, font: null }});
window.timeline.on("loaded", function () {{ document.documentElement.dataset.ready = "true"; }});
</script></body></html>
"""


def open_timelinejs(driver: Driver, tmp_path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """Export `data` as timelinejs and open it in TimelineJS; the export."""
    out = io.StringIO()
    get_exporter("timelinejs").write(data, out)
    page = tmp_path / "timelinejs.html"
    page.write_text(
        TIMELINEJS_PAGE.format(
            css=(TIMELINEJS / "css" / "timeline.css").as_uri(),
            js=(TIMELINEJS / "js" / "timeline.js").as_uri(),
            data=out.getvalue().translate({ord("<"): "\\u003c"}),
        ),
        encoding="utf-8",
    )
    open_page(driver, page)
    export: dict[str, Any] = json.loads(out.getvalue())
    return export


def test_the_timelinejs_export_opens_in_timelinejs(browser: Driver, tmp_path: Path) -> None:
    export = open_timelinejs(browser, tmp_path, page_data())
    slides = browser.execute_script("return window.timeline._storyslider._slides.length")
    assert slides == len(export["events"]) + 1  # and the title slide
    markers = texts(browser, ".tl-timemarker .tl-headline")
    assert markers == [html.unescape(e["text"]["headline"]) for e in export["events"]]
    assert texts(browser, ".tl-slide .tl-headline")[1:] == markers
    # One row a document, labelled with its title as written.
    assert texts(browser, ".tl-timegroup-message") == [
        "000_12fa4de552d0c0ef",
        "Sanctions, “Kyiv” | Ünal; a <test> & more",
    ]
    screenshot(browser, "timelinejs.png")
    assert errors(browser) == []


def test_markup_in_the_articles_is_text_in_timelinejs_too(browser: Driver, tmp_path: Path) -> None:
    data = page_data()
    data["documents"][0]["title"] = '<img src="x" onerror="window.pwned = 1">'
    data["documents"][1]["title"] = '&lt;img src="x" onerror="window.pwned = 2"&gt;'
    data["events"][1]["summary"] = f"Officials {SCRIPT} met"
    data["events"][1]["sentence"] += ' <img src="x" onerror="window.pwned = 3">'
    open_timelinejs(browser, tmp_path, data)
    assert texts(browser, ".tl-timegroup-message") == [
        data["documents"][0]["title"],
        data["documents"][1]["title"],
    ]
    assert f"Officials {SCRIPT} met" in texts(browser, ".tl-slide .tl-headline")
    assert browser.execute_script("return window.pwned") is None
    assert browser.find_elements(By.CSS_SELECTOR, "img[onerror]") == []
    assert errors(browser) == []
