"""The Content-Security-Policy in every page's head: read from the built pages, and enforced in the real
Chromium. Every kind of page runs its scripts with no violation, search answers, the newsletter form
posts to its provider and nowhere else, `mkdocs serve` still reloads, and a script that reaches a
page, after the build or past the content rules, is blocked."""

from __future__ import annotations

import base64
import hashlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from mindwork_site.csp import PENDING
from playwright.sync_api import Browser, Page

from conftest import SOURCES, Build, build_variant, copy_project, post, serve, serve_site
from local_server import StandInProvider
from sources import category_url
from test_readers_browser import PAGE_KINDS
from test_search import SEARCHED, WORD
from test_serve import serving

# Runs before any of the page's own scripts, and is no script of the page: the policy does not govern it.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(
  {directive: event.effectiveDirective, blocked: event.blockedURI}));"""
# A browser that cannot start Pagefind's worker: Pagefind then searches in the page itself.
NO_WORKER = 'Object.defineProperty(window, "Worker", {value: undefined});'
# What the theme's scripts leave behind: Material's bundle, its first inline script, and the site's own
# (partials/no-sitemap-requests.html wraps XMLHttpRequest).
SCRIPTS_RAN = """() => typeof document$ === "object" && typeof __md_get === "function"
  && !String(XMLHttpRequest.prototype.open).includes("[native code]")"""
# Directives a <meta> policy cannot carry: Chromium ignores them and says so in the console.
HEADER_ONLY = {"frame-ancestors", "report-uri", "sandbox"}


def about_the_policy(messages: list[str]) -> list[str]:
    return [message for message in messages if "content security policy" in message.lower().replace("-", " ")]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def script_source(text: str) -> str:
    """An inline script as a policy allows it: the base64 of the sha256 of its text."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def expected_policy(soup: BeautifulSoup, newsletter_action: str) -> dict[str, set[str]]:
    """The policy a page must carry: the site's own files, data: images, the inline scripts' hashes,
    style attributes only where the page has them, and the newsletter's provider as the one form target."""
    inline = [
        script.string or "" for script in soup.find_all("script")
        if not script.get("src") and not (script.get("type") or "").lower().endswith("json")
    ]
    expected = {
        "default-src": {"'none'"},
        "script-src": {"'self'", "'wasm-unsafe-eval'", *map(script_source, inline)},
        "style-src": {"'self'"},
        "img-src": {"'self'", "data:"},
        "font-src": {"'self'"},
        "connect-src": {"'self'"},
        "form-action": {origin(newsletter_action)},
        "base-uri": {"'none'"},
        "object-src": {"'none'"},
    }
    if soup.select("[style]"):
        expected["style-src-attr"] = {"'unsafe-inline'"}
    return expected


def policy_meta(soup: BeautifulSoup) -> Tag:
    """The page's one policy, which must be the first element after its charset."""
    metas = [meta for meta in soup.find_all("meta") if str(meta.get("http-equiv")).lower() == "content-security-policy"]
    assert len(metas) == 1
    first, second = soup.head.find_all(True, recursive=False)[:2]
    assert first.name == "meta" and first.get("charset") == "utf-8"
    assert second is metas[0]
    return metas[0]


def directives(policy: str) -> dict[str, set[str]]:
    found = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        assert name not in found, f"{name} twice"
        found[name] = set(sources)
    return found


def test_every_page_has_one_policy_first_in_its_head_that_allows_its_own_scripts(built: Build) -> None:
    action = SOURCES.config["extra"]["newsletter"]["action"]
    pages = built.pages()
    assert {"404.html", "index.html", SOURCES.newest.url + "index.html"} <= set(pages)
    for path, soup in pages.items():
        policy = directives(policy_meta(soup)["content"])
        assert policy == expected_policy(soup, action), path
        assert not HEADER_ONLY & set(policy), path


@contextmanager
def watched(browser: Browser, url: str, *, worker: bool = True) -> Iterator[tuple[Page, list[str]]]:
    """A page loaded in a fresh context that records the policy's violations (``window.__violations``),
    and the console's messages as they come (``"error: ..."``)."""
    context = browser.new_context()
    context.add_init_script(LISTEN if worker else LISTEN + NO_WORKER)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        yield page, messages
    finally:
        context.close()


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_kind_of_page_runs_its_scripts_with_no_violation(browser: Browser, served: str, kind: str) -> None:
    with watched(browser, served + PAGE_KINDS[kind]) as (page, messages):
        page.mouse.wheel(0, 20_000)  # the back-to-top button, the header's shadow: Material's scrolling code
        page.wait_for_load_state("networkidle")
        assert page.evaluate(SCRIPTS_RAN)
        assert page.evaluate("window.__violations") == []
        assert about_the_policy(messages) == []
        # Lighthouse's best practices count every error in the console.
        assert [message for message in messages if message.startswith("error:")] == []


@pytest.mark.parametrize("worker", [True, False], ids=["in Pagefind's worker", "in the page"])
def test_search_answers_with_no_violation(browser: Browser, served: str, worker: bool) -> None:
    with watched(browser, served + PAGE_KINDS["about"], worker=worker) as (page, messages):
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.locator(".md-search__input").click()
        page.keyboard.type(WORD)
        first = page.locator(".md-search-result__item").first
        first.wait_for(timeout=10_000)
        assert first.locator("a").get_attribute("href") == SEARCHED
        # In the page, Pagefind fetches its index and compiles its WebAssembly under the page's policy.
        assert any(url.endswith("/pagefind-worker.js") for url in requests) is worker
        assert page.evaluate("window.__violations") == []
        assert about_the_policy(messages) == []


def test_a_script_added_to_a_built_page_is_blocked(browser: Browser, built: Build, tmp_path: Path) -> None:
    site = Path(shutil.copytree(built.site, tmp_path / "site"))
    page_file = site / SOURCES.newest.url / "index.html"
    html = page_file.read_text(encoding="utf-8")
    article = '<article class="md-content__inner md-typeset">'
    assert html.count(article) == 1
    page_file.write_text(html.replace(article, article + "<script>window.__injected = 1</script>"), encoding="utf-8")
    with serve_site(site) as base, watched(browser, f"{base}/{SOURCES.newest.url}") as (page, messages):
        assert page.evaluate("typeof window.__injected") == "undefined"
        assert page.evaluate("window.__violations") == [{"directive": "script-src-elem", "blocked": "inline"}]
        assert page.evaluate(SCRIPTS_RAN)  # the page's own scripts still ran
        assert len(about_the_policy(messages)) == 1


@pytest.fixture(scope="module")
def smuggled(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A site with a post the content rules refuse (a script) that also has an aligned table and, in its
    text, what main.html prints until the hook fills in the policy."""
    body = f"""
        The words `{PENDING}` are this post's own.

        | Left | Centre |
        |:-----|:------:|
        | a    | b      |

        <script>window.__smuggled = 1</script>
        """
    source = post("A smuggled script", body)
    build = build_variant(tmp_path_factory.mktemp("smuggled"), posts={"smuggled.md": source})
    line = source.splitlines().index("<script>window.__smuggled = 1</script>") + 1
    assert build.returncode != 0
    assert f"docs/blog/posts/smuggled.md:{line}: raw <script> is not allowed in a post; remove it" in build.log
    return build


def test_a_script_past_the_content_rules_is_not_allowed_by_the_policy(smuggled: Build) -> None:
    action = SOURCES.config["extra"]["newsletter"]["action"]
    smuggled_script = script_source("window.__smuggled = 1")
    # The post, and the listings that show its opening: each allows the theme's scripts, not the post's.
    for path in ("blog/a-smuggled-script", "blog", category_url("Trauma")):
        soup = smuggled.page(path)
        expected = expected_policy(soup, action)
        expected["script-src"].remove(smuggled_script)
        assert directives(policy_meta(soup)["content"]) == expected, path
        assert "style-src-attr" in expected, path  # the table's alignment
    # A writer's copy of what main.html prints until the hook fills it in stays text.
    assert smuggled.page("blog/a-smuggled-script").select_one("article p code").get_text() == PENDING


def test_a_script_past_the_content_rules_is_blocked_and_a_table_keeps_its_alignment(
    browser: Browser, smuggled: Build,
) -> None:
    with serve_site(smuggled.site) as base, watched(browser, f"{base}/blog/a-smuggled-script/") as (page, _):
        assert page.evaluate("typeof window.__smuggled") == "undefined"
        assert page.evaluate("window.__violations") == [{"directive": "script-src-elem", "blocked": "inline"}]
        assert page.evaluate(SCRIPTS_RAN)
        assert page.locator("article td").nth(1).evaluate("cell => getComputedStyle(cell).textAlign") == "center"


# Sends the newsletter form to another address: a click would wait for the navigation the policy stops.
SUBMIT_TO = """url => { const form = document.querySelector("#newsletter form");
  form.action = url; form.requestSubmit(); }"""


def test_the_newsletter_form_posts_to_its_provider_and_nowhere_else(browser: Browser, tmp_path: Path) -> None:
    with serve(StandInProvider) as provider:
        build = build_variant(tmp_path, settings=f"extra:\n  newsletter:\n    action: {provider}/subscribe\n")
        assert build.returncode == 0, build.log
        with serve_site(build.site) as base:
            url = f"{base}/{next(source for source in SOURCES.published_posts if source.newsletter).url}"
            with watched(browser, url) as (page, messages):
                page.locator("#newsletter-email").fill("reader@example.org")
                with page.expect_navigation():
                    page.locator("#newsletter button[type=submit]").click()
                assert page.url == f"{provider}/subscribe"
                assert about_the_policy(messages) == []
            # Anywhere else, the site itself included, is refused.
            with watched(browser, url) as (page, _):
                page.locator("#newsletter-email").fill("reader@example.org")
                with page.expect_console_message(lambda message: "form-action" in message.text):
                    page.evaluate(SUBMIT_TO, f"{base}/subscribe")
                page.wait_for_timeout(200)
                assert page.url == url
                refused = {"directive": "form-action", "blocked": f"{base}/subscribe"}
                assert page.evaluate("window.__violations") == [refused]


def test_mkdocs_serve_still_reloads(browser: Browser, tmp_path: Path) -> None:
    """livereload adds an inline script to each page it serves, new for every request: in `mkdocs serve`
    the policy lets inline scripts run (what the build publishes hashes them)."""
    project = copy_project(tmp_path / "project")
    with serving(project, "--livereload") as base:
        context = browser.new_context()
        context.add_init_script(LISTEN)
        page = context.new_page()
        with page.expect_console_message(lambda message: message.text == "Enabled live reload"):
            page.goto(base + SOURCES.newest.url, wait_until="load")
        assert page.evaluate(SCRIPTS_RAN)
        assert page.evaluate("window.__violations") == []
        policy = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
        assert "'unsafe-inline'" in directives(policy)["script-src"]
        context.close()
