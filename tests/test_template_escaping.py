"""Every value a writer supplies reaches readers as text, through every template of overrides/.

First the templates as written: every `{{ ... }}` in overrides/ stands inside `{% autoescape true %}`,
and `| safe` marks only the HTML the site makes itself (read from each template's syntax tree, so a new
template is held to it from its first line). Then the site as built, from a copy in which every value
a writer controls is hostile: as hostile as the writers' checks let through, in the authors file, a
post's front matter and mkdocs.yml; and as hostile as they refuse, written past them into the build
by tests/hostile_hook.py. Every page is read with an HTML parser: no value added an element or an
attribute, and each value reads as the very text it is, where the page shows it. That build must
render every template of overrides/.
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jinja2 import nodes
from mkdocs.theme import Theme

import hostile_hook as refused
from conftest import ROOT, SOURCES, Build, build_variant, text

SITE_URL = SOURCES.site_url
SITE_NAME = SOURCES.config["site_name"]
OVERRIDES = ROOT / "overrides"
# Templates that are text, not HTML: nothing in them is escaped.
TEXT_TEMPLATES = {"robots.txt"}
# What `| safe` may mark, and why: HTML the site makes itself.
SAFE = {
    "page.content": "a page's Markdown, rendered by the site and held to the content rules",
    "post.content": "a post's excerpt, rendered the same way",
    "csp_pending": "the hook's placeholder for the page's Content-Security-Policy",
}

# As hostile as the writers' checks allow: quotes that would end an attribute and add a handler,
# an entity (read as "&amp;" only if escaped once), and "<" and ">" that open no tag.
ALLOWED = "\" onmouseover=\"alert(1)\" ' onfocus='alert(2)' &amp; & a < b >"
# Titles and names without the entity: Material also writes them as Markdown ("# {title}" above each
# excerpt, "# {name}" on an author's page), where the writers' checks refuse entities.
PLAIN = ALLOWED.replace("&amp; ", "")
ATTACK = refused.ATTACK
HOSTILE_URL = 'https://x.example/"onmouseover="alert(1)"'

AUTHOR, REVIEWER = "allowed-author", "allowed-reviewer"
AUTHOR_NAME, AUTHOR_DESCRIPTION = f"Allowed name {PLAIN}", f"Allowed description {ALLOWED}"
REVIEWER_NAME = f"Allowed reviewer {PLAIN}"
AVATAR = "assets/images/avatar-modern-mindwork.svg"
POST_URL, REFUSED_URL = "blog/allowed-values/", "blog/refused-values/"
REFUSED_POST_TITLE = "Refused values"  # in the file; the hook changes it on the post's own page
# The newest posts, whatever the blog holds: first on every listing, on the home page and in the feeds.
TODAY = datetime.now(timezone.utc).date()
CREATED = {POST_URL: TODAY - timedelta(days=2), REFUSED_URL: TODAY - timedelta(days=3)}
POST_TITLE, POST_DESCRIPTION = f"Allowed title {PLAIN}", f"Allowed post description {ALLOWED}"
IMAGE_ALT, LINK_TITLE = f"Image alt {ATTACK}", f"Link title {ATTACK}"
DISCLAIMER, SHARE_IMAGE_ALT = f"Disclaimer {ATTACK}", f"Share image alt {ATTACK}"
NEWSLETTER = {name: f"Newsletter {name} {ATTACK}" for name in ("heading", "text", "label", "button", "consent", "privacy_link")}
HIDDEN_VALUE = f"Hidden {ATTACK}"
FOOTER_LINK = {"title": f"Footer link {ATTACK}", "url": ATTACK}


def yaml_value(value: object) -> str:
    """A value as YAML in one line: texts quoted as JSON (which YAML reads), character for character."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_value(key)}: {yaml_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(yaml_value, value)) + "]"
    return json.dumps(value)


def author_entry(author_id: str, name: str, description: str, url: str | None = None) -> str:
    lines = [f"  {author_id}:", f"    name: {yaml_value(name)}", f"    description: {yaml_value(description)}", f"    avatar: {AVATAR}"]
    return "\n".join(lines + ([f"    url: {yaml_value(url)}"] if url else [])) + "\n"


AUTHORS = (ROOT / "docs/blog/.authors.yml").read_text(encoding="utf-8") + "".join([
    author_entry(AUTHOR, AUTHOR_NAME, AUTHOR_DESCRIPTION),
    author_entry(REVIEWER, REVIEWER_NAME, f"Allowed reviewer description {ALLOWED}", HOSTILE_URL),
    # Plain in the file, so the checks pass them; the hook makes them hostile afterwards.
    author_entry(refused.REFUSED_AUTHOR, "Refused Author", "Made hostile by the hook"),
    author_entry(refused.REFUSED_REVIEWER, "Refused Reviewer", "Made hostile by the hook"),
])


def fixture_post(front_matter: dict[str, object]) -> str:
    lines = [f"{field}: {yaml_value(value)}" for field, value in front_matter.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\nThe post's summary.\n\n<!-- more -->\n\nThe post's text.\n"


POSTS = {
    "allowed.md": fixture_post({
        "title": POST_TITLE, "slug": "allowed-values", "description": POST_DESCRIPTION,
        "date": {"created": CREATED[POST_URL]}, "authors": [AUTHOR], "categories": ["Trauma"],
        "image": "../../assets/images/share.png", "image_alt": IMAGE_ALT,
        "reviewed_by": REVIEWER, "last_reviewed": CREATED[POST_URL] + timedelta(days=1),
        "links": [{LINK_TITLE: HOSTILE_URL}, "editorial-policy.md"],
    }),
    Path(refused.REFUSED_POST).name: fixture_post({
        "title": REFUSED_POST_TITLE, "slug": "refused-values",
        "description": "A post whose title and description the hook makes hostile after the checks.",
        "date": {"created": CREATED[REFUSED_URL]}, "authors": [refused.REFUSED_AUTHOR], "categories": ["Trauma"],
        "reviewed_by": refused.REFUSED_REVIEWER, "last_reviewed": CREATED[REFUSED_URL] + timedelta(days=1),
    }),
}
EXTRA = {
    "disclaimer": DISCLAIMER,
    "newsletter": {**NEWSLETTER, "hidden_fields": {"embed": HIDDEN_VALUE}},
    "footer_links": [FOOTER_LINK],
    # "Report an error" names the hostile post's title in its e-mail subject.
    "corrections": "o'hara+errors@example.org",
    "seo": {"share_image_alt": SHARE_IMAGE_ALT},
}
SETTINGS = (
    f"hooks: {yaml_value(['hooks/modern_mindwork.py', str(Path(refused.__file__).resolve())])}\n"
    f"extra: {yaml_value(EXTRA)}\n"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_variant(tmp_path_factory.mktemp("hostile"), settings=SETTINGS, posts=POSTS, pages={"blog/.authors.yml": AUTHORS})
    assert build.returncode == 0, build.log
    return build


def html_templates() -> list[str]:
    return sorted(path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html"))


def resolved(page: str, href: str) -> str:
    """A link's target below the site root, from the page it is on (``blog/x/`` or ``blog/x/index.html``)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href)).lstrip("/")


def injected(page: BeautifulSoup) -> list[str]:
    """What on a page a value made: an event-handler attribute, an image of ``src=x``, a script that alerts."""
    found = [f"<{tag.name} {name}=...>" for tag in page.find_all(True) for name in tag.attrs if name.lower().startswith("on")]
    found += [str(image) for image in page.find_all("img", src="x")]
    for script in page.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # one whole JSON value: nothing ended it early
        elif "alert(" in script.get_text():
            found.append(str(script)[:120])
    return found


def json_ld(page: BeautifulSoup) -> dict[str, dict]:
    return {data["@type"]: data for data in (json.loads(s.string) for s in page.find_all("script", type="application/ld+json"))}


def meta(page: BeautifulSoup, key: str) -> str:
    return page.select_one(f'meta[property="{key}"], meta[name="{key}"]')["content"]


# The templates as written.


def unescaped_outputs(node: nodes.Node, escaped: bool = False) -> list[int]:
    """The lines of each ``{{ ... }}`` below ``node`` printed with autoescape off. A block is rendered
    on its own, with the environment's setting (off in MkDocs): it does not inherit an enclosing one."""
    if isinstance(node, nodes.Block):
        escaped = False
    elif isinstance(node, nodes.ScopedEvalContextModifier):
        for option in node.options:
            if option.key == "autoescape":
                escaped = option.value.as_const() is True
    found = []
    if isinstance(node, nodes.Output) and not escaped:
        found += [child.lineno for child in node.nodes if not isinstance(child, nodes.TemplateData)]
    for child in node.iter_child_nodes():
        found += unescaped_outputs(child, escaped)
    return found


def dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{dotted(node.node)}.{node.attr}"
    return type(node).__name__


@pytest.fixture(scope="module")
def syntax_trees() -> dict[str, nodes.Template]:
    env = Theme(name="material", custom_dir=str(OVERRIDES)).get_env()
    return {name: env.parse((OVERRIDES / name).read_text(encoding="utf-8")) for name in html_templates()}


def test_every_value_in_overrides_is_printed_inside_autoescape(syntax_trees: dict[str, nodes.Template]) -> None:
    problems = [
        f"overrides/{name}, line {', '.join(map(str, lines))}: values printed with autoescape off; put the "
        "template's markup (in a template that extends another, each block's) inside "
        "{% autoescape true %} ... {% endautoescape %}"
        for name, tree in syntax_trees.items()
        if (lines := sorted(set(unescaped_outputs(tree))))
    ]
    assert not problems, "\n".join(problems)


def test_only_html_the_site_makes_is_marked_safe(syntax_trees: dict[str, nodes.Template]) -> None:
    problems = [
        f"overrides/{name}:{found.lineno}: '{dotted(found.node)} | safe' prints a value as HTML; only {', '.join(SAFE)} may be"
        for name, tree in syntax_trees.items()
        for found in tree.find_all(nodes.Filter)
        if found.name == "safe" and dotted(found.node) not in SAFE
    ]
    assert not problems, "\n".join(problems)


def test_every_template_of_overrides_is_html_or_a_known_text_file() -> None:
    others = {
        path.relative_to(OVERRIDES).as_posix()
        for path in OVERRIDES.rglob("*")
        if path.is_file() and path.suffix != ".html" and "assets" not in path.relative_to(OVERRIDES).parts
    }
    assert others == TEXT_TEMPLATES


def test_the_hostile_build_renders_every_template_of_overrides(hostile_site: Build) -> None:
    rendered = json.loads((hostile_site.site.parent / "project" / refused.RENDERED).read_text(encoding="utf-8"))
    assert sorted(set(html_templates()) - set(rendered)) == [], "add to the hostile build what makes these render"


# The site as built.


def test_no_value_adds_an_element_or_an_attribute_to_any_page(hostile_site: Build) -> None:
    pages = hostile_site.pages()
    for path in (f"{POST_URL}index.html", f"{REFUSED_URL}index.html", "team/index.html", "blog/index.html"):
        assert path in pages
    problems = [f"{path}: {found}" for path, page in pages.items() for found in injected(page)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("url", "name", "description", "avatar"),
    [
        (POST_URL, AUTHOR_NAME, AUTHOR_DESCRIPTION, AVATAR),
        (REFUSED_URL, refused.REFUSED_NAME, refused.REFUSED_DESCRIPTION, refused.REFUSED_AVATAR),
    ],
    ids=["allowed", "refused"],
)
def test_a_post_shows_its_author_as_text(hostile_site: Build, url: str, name: str, description: str, avatar: str) -> None:
    page = hostile_site.page(url)
    assert page.select_one(".mm-byline a").get_text() == name
    profile_url = resolved(url, page.select_one(".mm-byline a")["href"]) + "/"
    # The byline names the author as text and links to their page, which shows who they are.
    assert profile_url.startswith("blog/author/")
    profile = hostile_site.page(profile_url).select_one(".mm-author-profile")
    assert (text(profile.p), resolved(profile_url, profile.img["src"])) == (description, avatar)
    assert json_ld(page)["BlogPosting"]["author"][0]["name"] == name


@pytest.mark.parametrize(
    ("url", "name", "href"),
    [(POST_URL, REVIEWER_NAME, HOSTILE_URL), (REFUSED_URL, refused.REFUSED_NAME, refused.REFUSED_URL)],
    ids=["allowed", "refused"],
)
def test_a_post_shows_its_reviewer_as_text(hostile_site: Build, url: str, name: str, href: str) -> None:
    page = hostile_site.page(url)
    link = page.select_one(".mm-review a")
    assert (link.get_text(), link["href"]) == (name, href)
    assert json_ld(page)["MedicalWebPage"]["reviewedBy"] == {"@type": "Person", "name": name, "url": href}


@pytest.mark.parametrize(
    ("url", "title", "description"),
    [(POST_URL, POST_TITLE, POST_DESCRIPTION), (REFUSED_URL, refused.REFUSED_TITLE, refused.REFUSED_POST_DESCRIPTION)],
    ids=["allowed", "refused"],
)
def test_a_post_shows_its_title_and_description_as_text(hostile_site: Build, url: str, title: str, description: str) -> None:
    page = hostile_site.page(url)
    assert page.title.get_text() == f"{title} - {SITE_NAME}"
    assert text(page.select_one("article h1")) == title
    assert text(page.select_one('[data-md-component="header-topic"]')) == title
    for key in ("og:title", "twitter:title"):
        assert meta(page, key) == title
    for key in ("description", "og:description", "twitter:description"):
        assert meta(page, key) == description
    posting = json_ld(page)["BlogPosting"]
    assert (posting["headline"], posting["description"]) == (title, description)
    assert hostile_site.search_records()[f"/{url}"]["meta"]["title"] == title


def test_a_post_shows_its_image_description_and_links_as_text(hostile_site: Build) -> None:
    page = hostile_site.page(POST_URL)
    for key in ("og:image:alt", "twitter:image:alt"):
        assert meta(page, key) == IMAGE_ALT
    assert json_ld(page)["BlogPosting"]["image"]["description"] == IMAGE_ALT
    links = page.select("#related .mm-further a")
    assert [(text(link), link["href"]) for link in links[:1]] == [(LINK_TITLE, HOSTILE_URL)]
    assert resolved(POST_URL, links[1]["href"]) == "editorial-policy"
    assert text(links[1]) == "Editorial policy"


def test_other_pages_show_posts_and_authors_as_text(hostile_site: Build) -> None:
    home = hostile_site.page("")
    latest = {text(card.h3): text(card.select_one(".mm-card__summary")) for card in home.select(".mm-card")}
    assert latest[POST_TITLE] == POST_DESCRIPTION
    assert latest[REFUSED_POST_TITLE] == refused.REFUSED_POST_DESCRIPTION
    assert POST_TITLE in [link.get_text() for link in hostile_site.page(REFUSED_URL).select("#related .mm-related__posts a")]
    archive = f"blog/archive/{CREATED[REFUSED_URL].year}/"
    for listing in ("blog/", "blog/category/trauma/", archive, f"blog/author/{refused.REFUSED_AUTHOR}/"):
        images = hostile_site.page(listing).select(".md-post--excerpt .md-post__authors img")
        assert (refused.REFUSED_NAME, refused.REFUSED_AVATAR) in [(image["alt"], resolved(listing, image["src"])) for image in images], listing
    profile_url = f"blog/author/{refused.REFUSED_AUTHOR}/"
    profile = hostile_site.page(profile_url).select_one(".mm-author-profile")
    assert (text(profile.p), resolved(profile_url, profile.img["src"])) == (refused.REFUSED_DESCRIPTION, refused.REFUSED_AVATAR)


@pytest.mark.parametrize(
    ("author_id", "name", "description", "avatar", "href"),
    [
        (AUTHOR, AUTHOR_NAME, AUTHOR_DESCRIPTION, AVATAR, f"../blog/author/{AUTHOR}/"),
        (refused.REFUSED_REVIEWER, refused.REFUSED_NAME, refused.REFUSED_DESCRIPTION, refused.REFUSED_AVATAR, refused.REFUSED_URL),
    ],
    ids=["allowed", "refused"],
)
def test_the_team_page_shows_authors_as_text(
    hostile_site: Build, author_id: str, name: str, description: str, avatar: str, href: str
) -> None:
    member = hostile_site.page("team").select_one(f"#{author_id}")
    assert (member.h2.get_text(), member.p.get_text(), resolved("team/", member.img["src"])) == (name, description, avatar)
    assert (text(member.a), member.a["href"]) == (f"Articles by {name}", href)


def footer_values(page: BeautifulSoup) -> dict[str, object]:
    form = page.select_one("#newsletter")
    return {
        "copyright": text(page.select_one(".md-copyright__highlight")),
        "footer link": [(link.get_text(), link["href"]) for link in page.select(".mm-footer-links a")],
        "disclaimer": text(page.select_one("#disclaimer p")),
        "newsletter": form and {
            "heading": form.h2.get_text(), "text": form.select_one("h2 + p").get_text(),
            "label": form.label.get_text(), "button": form.button.get_text(),
            "consent": text(form.select_one("#newsletter-consent")).removesuffix(" " + NEWSLETTER["privacy_link"]),
            "privacy_link": form.select_one("#newsletter-consent a").get_text(),
        },
        "hidden": form and [field["value"] for field in form.select('input[type="hidden"]')],
    }


def test_every_page_shows_the_site_s_settings_as_text(hostile_site: Build) -> None:
    for path, page in hostile_site.pages().items():
        found = footer_values(page)
        links = [(title, resolved(path, href)) for title, href in found["footer link"]]
        assert (found["copyright"], links, found["disclaimer"]) == (refused.REFUSED_COPYRIGHT, [tuple(FOOTER_LINK.values())], DISCLAIMER), path
        if found["newsletter"] is not None:
            assert (found["newsletter"], found["hidden"]) == (NEWSLETTER, [HIDDEN_VALUE]), path
    assert meta(hostile_site.page("about"), "og:image:alt") == SHARE_IMAGE_ALT


def test_the_writer_s_problems_show_as_text(hostile_site: Build) -> None:
    box = hostile_site.page(REFUSED_URL).select_one(".mm-writer-problems")
    assert text(box.select_one(".admonition-title")) == f"1 problem to fix in {refused.PROBLEM_FILE}"
    assert [item.get_text() for item in box.select("li")] == [f"Line 3: {refused.PROBLEM}"]


def test_every_feed_item_ends_with_the_disclaimer_as_text(hostile_site: Build) -> None:
    # Read as written, not through feedparser, which would clean the HTML of what the test looks for.
    rss = ET.parse(hostile_site.site / "feed_rss_created.xml").getroot().iter("item")
    json_feed = json.loads((hostile_site.site / "feed_json_created.json").read_text(encoding="utf-8"))["items"]
    items = [(item.findtext("link"), item.findtext("description")) for item in rss]
    items += [(item["url"], item["content_html"]) for item in json_feed]
    assert {link for link, _ in items} >= {SITE_URL + POST_URL, SITE_URL + REFUSED_URL}
    for link, html in items:
        content = BeautifulSoup(html, "html.parser")
        assert not injected(content), link
        assert text(content.select("p")[-2]) == DISCLAIMER, link
