"""The site at scale: N generated posts, the build's cost beside a vanilla Material blog, what a
reader downloads to open a post, how fast search answers, and how fast `mkdocs serve` reloads.

    python bench/scale.py [--posts 250 1000] [--runs 3] [--no-browser] [--base REV]

For each N it prints the median wall time and peak memory of `mkdocs build --strict` for this site
and for a vanilla Material blog (search and blog plugins only, no hooks, feeds or overrides) on the
same posts, their ratio, and the growth from the smallest to the largest N; with --base, the site as
it was at a git revision too, on the same posts, interleaved. On the largest site it
opens a post in Chromium, served gzip from 127.0.0.1, and prints the gzip bytes of every request the
page makes, and the time from typing a query to the first search result. On the smallest site it
measures `mkdocs serve`: from saving a post to the reloaded page showing the change.
A measurement, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from common import copy_project, files_at, median, serve_gzip, write_vanilla_config

CATEGORIES = ("Ketamine", "Trauma", "Depression", "Psychedelic medicine", "Integration")
WORDS = (
    "healing trauma memory nervous system sleep grief body therapy integration session clinician "
    "research evidence depression anxiety support safety setting intention change pattern relief "
    "neuroplasticity glutamate serotonin habit emotion learning care plan recovery"
).split()
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def generated_post(number: int, rng: random.Random) -> str:
    """A post that follows the front-matter contract, about 600 words in four sections."""
    created = date(2020, 1, 1) + timedelta(days=number)
    title = f"Generated article {number}: {rng.choice(WORDS)} and {rng.choice(WORDS)}"
    sections = "\n\n".join(
        f"## Section {section} on {rng.choice(WORDS)}\n\n{paragraph(rng)}\n\n{paragraph(rng)}"
        for section in range(1, 5)
    )
    return (
        "---\n"
        f"title: \"{title}\"\n"
        f"description: \"A generated article for the scale benchmark, number {number}, about {rng.choice(WORDS)} and care.\"\n"
        f"date:\n  created: {created.isoformat()}\n"
        "authors:\n  - modern-mindwork\n"
        f"categories:\n  - {rng.choice(CATEGORIES)}\n"
        "---\n\n"
        f"{paragraph(rng)}\n\n<!-- more -->\n\n"
        f"{sections}\n\n"
        "Things that help:\n\n- Rest\n- Routine\n- Support\n\n"
        f"!!! note \"A note\"\n\n    {sentence(rng)}\n"
    )


def make_project(where: Path, posts: int) -> Path:
    project = copy_project(where)
    rng = random.Random(posts)
    folder = project / "docs" / "blog" / "posts"
    for number in range(posts):
        (folder / f"generated-{number:04d}.md").write_text(generated_post(number, rng), encoding="utf-8")
    write_vanilla_config(project)
    return project


def base_project(project: Path, revision: str, where: Path) -> Path:
    """The same posts with the site's code (hooks/, overrides/, mkdocs.yml) as it was at ``revision``."""
    shutil.copytree(project, where)
    for part in ("hooks", "overrides"):
        shutil.rmtree(where / part)
    return files_at(revision, where, "hooks", "overrides", "mkdocs.yml")


def timed_build(project: Path, config: str, site: Path) -> tuple[float, float]:
    """One `mkdocs build --strict`: wall seconds and peak memory (MiB) of its process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config, "--site-dir", str(site)],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{config}: the build failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def measure_builds(project: Path, runs: int, scratch: Path, base: Path | None = None) -> dict[str, tuple[float, float]]:
    """Median wall time and peak memory of each build (the site, the site at --base, vanilla), runs
    interleaved so that noise hits them all alike."""
    builds = [("site", project, "mkdocs.yml"), ("vanilla", project, "vanilla.yml")]
    builds += [("base", base, "mkdocs.yml")] if base is not None else []
    found: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in builds}
    for _ in range(runs):
        for name, where, config in builds:
            found[name].append(timed_build(where, config, scratch / f"{name}-site"))
    return {name: (median([t for t, _ in values]), median([m for _, m in values])) for name, values in found.items()}


@dataclass(frozen=True)
class ReaderFigures:
    """Medians over several page loads of one post."""

    page_kb: float  # gzip bytes (headers included) to open the post
    requests: list[str]  # what it asked for, with bytes, on the last load
    search_ms: float  # from the query's last key to its first result
    search_first_key_ms: float  # from the query's first key to its first result
    search_kb: float  # what the first search downloaded


def reader_transfer(site: Path, runs: int, number: int) -> ReaderFigures:
    """What a reader's browser transfers to open one post (generated post ``number``), and what a
    first search costs them in time and bytes."""
    from playwright.sync_api import sync_playwright

    totals, searches, from_first_key, search_bytes, seen = [], [], [], [], []
    with serve_gzip(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("requestfinished", lambda request: responses.append(request))
            page.goto(base + f"blog/generated-article-{number}-" + post_slug(site, number))
            page.wait_for_load_state("networkidle")
            sizes = [(request.url, transferred(request)) for request in responses]
            totals.append(sum(size for _, size in sizes))
            seen = [f"{url.removeprefix(base)} {size}" for url, size in sizes]
            loaded = len(responses)
            after_query, after_first_key = search_time(page)
            page.wait_for_timeout(1_000)  # the rest of the first page of results arrives
            searches.append(after_query)
            from_first_key.append(after_first_key)
            search_bytes.append(sum(transferred(request) for request in responses[loaded:]))
            context.close()
        browser.close()
    return ReaderFigures(
        median(totals) / 1024, seen, median(searches), median(from_first_key), median(search_bytes) / 1024
    )


def transferred(request) -> int:  # type: ignore[no-untyped-def]
    """Bytes on the wire for one request: body as sent (gzip) and headers. Chromium reports no body
    size for a worker's script, so the server's Content-Length stands in for it."""
    sizes = request.sizes()
    body = max(sizes["responseBodySize"], 0)
    response = request.response()
    if body == 0 and response is not None and response.status == 200:
        body = int(response.headers.get("content-length", 0))
    return body + max(sizes["responseHeadersSize"], 0)


def post_slug(site: Path, number: int) -> str:
    found = next((site / "blog").glob(f"generated-article-{number}-*"))
    return found.name.removeprefix(f"generated-article-{number}-") + "/"


# Watches the page itself, so that the browser's own clock times search, not the round trips of the
# test driver: when the field last changed (the query complete) and when the first result for the
# complete query was added to the results list.
SEARCH_PROBE = """(query) => {
  const field = document.querySelector('.md-search__input');
  const typed = {first: null, last: null};
  field.addEventListener('input', () => { const now = performance.now(); typed.first ??= now; typed.last = now; });
  window.mmFirstResult = new Promise((resolve) => {
    new MutationObserver((changes, observer) => {
      const added = changes.some((change) => [...change.addedNodes].some(
        (node) => node.nodeType === 1 && node.matches('.md-search-result__item')));
      if (added && typed.last !== null && field.value.trim() === query) {
        const now = performance.now();
        observer.disconnect();
        window.mmSearchTimes = {afterQuery: now - typed.last, afterFirstKey: now - typed.first};
        resolve(window.mmSearchTimes);
      }
    }).observe(document.body, {childList: true, subtree: true});
  });
}"""


def search_time(page, query: str = "grief") -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Open search as a reader would, type a word, and time its first result: from the query being
    complete (its last key) and from its first key, in ms."""
    search = page.locator(".md-search__input").first  # in the header of both: focusing it opens search
    search.focus()
    page.evaluate(SEARCH_PROBE, query)
    search.type(query, delay=0)
    page.wait_for_function("() => window.mmSearchTimes !== undefined", timeout=30_000)
    found = page.evaluate("window.mmSearchTimes")
    return found["afterQuery"], found["afterFirstKey"]


def serve_reload(project: Path) -> float:
    """`mkdocs serve` on the project: seconds from saving a post to the page showing the change."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            deadline = time.monotonic() + 600
            while True:
                try:
                    page.goto(f"http://127.0.0.1:{port}/blog/ketamine-for-trauma-and-depression-a-guide/")
                    break
                except Exception:  # noqa: BLE001 - the server is still building
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            post = project / "docs" / "blog" / "posts" / "ketamine-guide.md"
            marker = f"Reload marker {time.time_ns()}"
            start = time.perf_counter()
            post.write_text(post.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            page.wait_for_function(f"() => document.body && document.body.innerText.includes({marker!r})", timeout=600_000)
            elapsed = time.perf_counter() - start
            browser.close()
        return elapsed
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, nargs="+", default=[250, 1000], help="numbers of generated posts")
    parser.add_argument("--runs", type=int, default=3, help="builds per site and config (the median is printed)")
    parser.add_argument("--no-browser", action="store_true", help="measure the builds only")
    parser.add_argument("--base", help="a git revision whose site (hooks/, overrides/, mkdocs.yml) to build too, interleaved")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        results = {}
        based = f"{'base s':>9}{'site/base':>11}{'base MiB':>10}" if args.base else ""
        print(f"{'posts':>6}{'site s':>9}{'vanilla s':>11}{'ratio':>7}{'site MiB':>10}{'vanilla MiB':>13}{based}")
        for posts in args.posts:
            project = make_project(scratch / f"project-{posts}", posts)
            base = base_project(project, args.base, scratch / f"base-{posts}") if args.base else None
            results[posts] = measure_builds(project, args.runs, scratch / f"sites-{posts}", base)
            (site_s, site_mb), (vanilla_s, vanilla_mb) = results[posts]["site"], results[posts]["vanilla"]
            line = f"{posts:>6}{site_s:>9.2f}{vanilla_s:>11.2f}{site_s / vanilla_s:>7.2f}{site_mb:>10.0f}{vanilla_mb:>13.0f}"
            if base is not None:
                base_s, base_mb = results[posts]["base"]
                line += f"{base_s:>9.2f}{site_s / base_s:>11.2f}{base_mb:>10.0f}"
            print(line)
        low, high = min(args.posts), max(args.posts)
        if low != high:
            growth = {name: results[high][name][0] / results[low][name][0] for name in ("site", "vanilla")}
            print(f"growth {low} -> {high} posts: site {growth['site']:.2f}x, vanilla {growth['vanilla']:.2f}x "
                  f"(linear is {high / low:.1f}x)")
        if not args.no_browser:
            for name in ("site", "vanilla"):
                found = reader_transfer(scratch / f"sites-{high}" / f"{name}-site", args.runs, high // 2)
                print(f"{name}: a reader opening a post of the {high}-post site transfers {found.page_kb:.1f} KB "
                      f"(gzip, headers included) in {len(found.requests)} requests; search shows its first results "
                      f"{found.search_ms:.0f} ms after the query is typed ({found.search_first_key_ms:.0f} ms after "
                      f"its first key), having downloaded {found.search_kb:.1f} KB")
                for request in found.requests:
                    print(f"    {request}")
            reload_s = serve_reload(scratch / f"project-{low}")
            print(f"mkdocs serve on the {low}-post site: saved post shown again after {reload_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
