"""Whatever a writer types in front matter, the result is a passing build or one line per problem."""

from __future__ import annotations

import functools
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from mindwork_site import post_fields
from mkdocs.config import load_config

from conftest import ROOT, build_variant

FIELDS = sorted(post_fields.KNOWN_FIELDS) + ["categroies", "Title", "date.created", ""]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.text(min_size=150, max_size=170),
    st.text(min_size=5_000, max_size=20_000),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["modern-mindwork", "Trauma", "Ketamine", "2025-06-01", "../../assets/images/logo-144.png"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=6,
)
VALID_DATES = st.fixed_dictionaries(
    {"created": st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31))},
    optional={"updated": st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31))},
)
FRONT_MATTER = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), VALUES, max_size=8)
# Mostly-valid front matter with one or two fields gone wrong: closer to what writers really type.
NEARLY_VALID = st.fixed_dictionaries(
    {
        "title": st.text(min_size=1, max_size=80) | VALUES,
        "description": st.text(min_size=50, max_size=160) | VALUES,
        "date": VALID_DATES | VALUES,
        "authors": st.just(["modern-mindwork"]) | VALUES,
        "categories": st.just(["Trauma"]) | VALUES,
    },
    optional={field: VALUES for field in ("draft", "newsletter", "slug", "links", "pin", "readtime", "image", "hide")},
)
LINE = re.compile(r"^\S.*?: .+$")
LOG_LINE = re.compile(r"^WARNING -  docs/blog/posts/generated\.md:\d+: \S.*$")


def as_post(front_matter: dict) -> str:
    return "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\n\nThe summary.\n\n<!-- more -->\n\nThe post's text.\n"


def check(text: str) -> list[str]:
    """Every problem of a post's front matter, each pointing at one of the post's lines."""
    allowed = post_fields.Contract({"modern-mindwork": "Modern Mindwork"}, ("Ketamine", "Trauma"), frozenset({"home.html"}))
    posts = ROOT / "docs" / "blog" / "posts"
    problems = post_fields.check_post(text, posts, ROOT / "docs", allowed).problems
    for problem in problems:
        assert 1 <= problem.line <= text.count("\n") + 1, problem
    return [problem.text for problem in problems]


# Derandomized: the same examples on every run, so CI never fails by chance; explore locally with more.
@settings(max_examples=300, deadline=None, derandomize=True)
@given(FRONT_MATTER | NEARLY_VALID)
@example({"authors": {"\n": None}})  # YAML writes that key on three lines
def test_any_front_matter_gives_one_line_per_problem(front_matter: dict) -> None:
    for problem in check(as_post(front_matter)):
        assert "\n" not in problem and "\r" not in problem
        assert LINE.match(problem), problem
        assert len(problem) < 400


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_any_text_between_the_markers_gives_one_line_per_problem(text: str) -> None:
    for problem in check(f"---\n{text}\n---\n\nText.\n"):
        assert "\n" not in problem and LINE.match(problem), problem


# Pieces of YAML, the everyday and the odd, including those libyaml and PyYAML's reader read differently.
YAML_PIECES = st.sampled_from([
    "title", "a", "é", "2025-01-01", "0x1", "1e3", "~", "null", "...", "---", "\n", "\n", "  ", " ", ": ", "- ", "- - a",
    "'", '"', "'it''s'", '"\\x41"', '"\\u2028"', "[", "]", "{", "}", ",", "#", "&a ", "*a", "!", "!!str ", "?", "%", "@",
    "`", "\\", "=", "<<: ", "|", ">", "|-\n  x", ">\n  x\n\n  y", "key:value", "[a, b]: c", "? a\n: b", "\t", "\r",
    "\ufeff", "\u2028", "\x85", "\x00", "\x07", "\x1b", "\u00a0", "\u200b", "\u202e", "\U0001F600",
])


@settings(max_examples=2_000, deadline=None, derandomize=True)
@given(st.lists(YAML_PIECES, min_size=1, max_size=14).map("".join))
@example("|#")  # libyaml reads an empty text; PyYAML's reader wants a space before the comment
@example("title: Breathe!")
def test_front_matter_read_quickly_is_what_materials_blog_reads(text: str) -> None:
    """libyaml reads front matter ten times faster; where it would read a text otherwise than Material's
    blog (PyYAML's reader), the contract reads it as Material's blog does."""
    from mindwork_site.front_matter import field_lines, parse_front_matter, parse_quickly

    def read(parse):
        try:
            node, data = parse([text])
        except Exception:  # noqa: BLE001 - both must refuse it, whatever the error
            return "refused"
        return repr(data), node is not None and field_lines(node)

    assert read(parse_quickly) == read(parse_front_matter), repr(text)


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(FRONT_MATTER | NEARLY_VALID)
def test_any_front_matter_gives_a_passing_build_or_one_line_per_problem(tmp_path: Path, front_matter: dict) -> None:
    where = Path(tempfile.mkdtemp(dir=tmp_path))
    build = build_variant(where, posts={"generated.md": as_post(front_matter)})
    assert "Traceback" not in build.log, build.log
    problems = [line for line in build.log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    if build.returncode == 0:
        assert problems == [], build.log
    else:
        assert build.returncode == 1, build.log
        assert problems, build.log
        assert all(LOG_LINE.match(line) for line in problems), build.log
        assert f"Aborted with {len(problems)} warnings in strict mode!" in build.log


def test_the_strategies_reach_both_outcomes() -> None:
    valid = {
        "title": "A title",
        "description": "d" * 60,
        "date": {"created": datetime(2025, 1, 1)},
        "authors": ["modern-mindwork"],
        "categories": ["Trauma"],
    }
    assert check(as_post(valid)) == []
    assert check(as_post({**valid, "draft": "no"})) == ["draft: must be true or false, got 'no'"]


AUTHOR_VALUES = SCALARS | st.sampled_from([
    "<img src=x onerror=alert(1)>", 'a" onerror="alert(1).png', "javascript:alert(1)", "https://example.org/",
    "team/", "assets/images/avatar-modern-mindwork.svg", "Jane \u202eDoe", "&x *y", "x" * 300,
])
AUTHORS_FILE = st.dictionaries(
    st.sampled_from(["modern-mindwork", "jane", "Jane Doe", ""]) | st.text(max_size=8),
    st.dictionaries(st.sampled_from(["name", "description", "avatar", "url", "slug", "photo"]), AUTHOR_VALUES, max_size=6)
    | AUTHOR_VALUES,
    max_size=3,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(AUTHORS_FILE)
def test_any_authors_file_gives_one_line_per_problem(authors: dict) -> None:
    from mindwork_site.authors_file import check_authors_file

    text = yaml.safe_dump({"authors": authors}, allow_unicode=True)
    for problem in check_authors_file(text):
        assert 1 <= problem.line <= text.count("\n") + 1, problem
        assert "\n" not in problem.text and LINE.match(problem.text) and len(problem.text) < 400, problem


TAGS = st.sampled_from(["p", "a", "img", "span", "div", "svg", "math", "video", "script", "details", "table", "td", "x-y"])
ATTRIBUTES = st.sampled_from(["href", "src", "srcset", "style", "onclick", "title", "id", "class", "data-x", "xlink:href"])
ATTRIBUTE_VALUES = st.sampled_from([
    "https://example.org/", "../about.md", "#top", "JaVa&#09;script:alert(1)", "data:text/html,x", "//evil.example/",
    "tel:+15551234", "vbscript:x", "position: fixed; inset: 0", "text-align: left", "url(https://x.example/a.png)",
    '"><script>alert(1)</script>', "<!-- more -->",
]) | st.text(max_size=12)
ELEMENTS = st.tuples(TAGS, st.lists(st.tuples(ATTRIBUTES, ATTRIBUTE_VALUES), max_size=3), st.text(max_size=10))


def as_html(elements: list[tuple[str, list[tuple[str, str]], str]]) -> str:
    def quoted(value: str) -> str:
        return value.replace("&", "&amp;").replace('"', "&quot;") if "&#" not in value else value.replace('"', "&quot;")
    def attributes(attrs: list[tuple[str, str]]) -> str:
        return "".join(f' {name}="{quoted(value)}"' for name, value in attrs)
    return "".join(f"<{tag}{attributes(attrs)}>{text}</{tag}>" for tag, attrs, text in elements)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(ELEMENTS, min_size=1, max_size=4))
def test_html_the_allowlist_passes_holds_only_what_it_allows(elements: list) -> None:
    """Any HTML a post may contain is made only of allowed tags, attributes and link schemes, read by
    another parser than the checker's (BeautifulSoup's)."""
    from bs4 import BeautifulSoup
    from mindwork_site import content_policy

    html = as_html(elements)
    if content_policy.check_content(html):
        return
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        assert element.name in content_policy.ALLOWED_TAGS, html
        for name, value in element.attrs.items():
            assert name in content_policy.ALLOWED_ATTRIBUTES[element.name] and not name.startswith("on"), html
            value = " ".join(value) if isinstance(value, list) else value
            if name in content_policy.URL_ATTRIBUTES:
                assert content_policy.scheme(value) in content_policy.ALLOWED_SCHEMES | {None}, html
            if name == "style":
                assert "position" not in value and "url" not in value.lower(), html


@functools.cache
def listing_markdown() -> markdown.Markdown:
    """Python-Markdown with the site's extensions and their settings, as Material's excerpts convert a post."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


# Titles as writers type them, and the characters Markdown reads in a heading.
TITLES = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("[]()!{}:*_`\\&#;<>= "), min_size=1, max_size=120)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TITLES)
def test_a_title_the_contract_accepts_is_plain_text_in_the_listings(title: str) -> None:
    """Material puts "# {title}" above each excerpt in the blog's listings: an accepted title must come
    out there as exactly its text, with no link, image, emphasis, code or attribute."""
    assume(post_fields.check_title(title) is None)
    converter = listing_markdown()
    converter.reset()
    html = BeautifulSoup(converter.convert(f"# {title}\n\nThe post's opening."), "html.parser")
    heading = html.find("h1")
    assert heading is not None, html
    for permalink in heading.select("a.headerlink"):
        permalink.decompose()
    assert heading.find(True) is None, heading
    assert set(heading.attrs) <= {"id"}, heading
    assert heading.get_text().split() == title.split()  # spacing aside: Markdown expands tabs
