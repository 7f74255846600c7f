"""The post contract: each rule broken by a fixture post, and the exact line a writer sees for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Build, build_variant, copy_project, post, run_build

PREFIX = "WARNING -  docs/blog/posts/"
VALID = dict(
    title="title: A valid title",
    description="description: A description that is long enough to pass the contract's lower bound.",
    date="date:\n  created: 2025-02-01",
    authors="authors:\n  - modern-mindwork",
    categories="categories:\n  - Trauma",
)


def front_matter(extra: str | None = None, **fields: str | None) -> str:
    """A post whose front matter is VALID with some fields replaced (a value) or left out (None)."""
    lines = [line for line in {**VALID, **fields, "extra": extra}.values() if line is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\nThe post's text.\n"


# Each fixture post breaks one rule; the lines are exactly what the build prints for it.
BROKEN: dict[str, tuple[str, list[str]]] = {
    "no-title.md": (front_matter(title=None), ["title: required, a line of text like 'title: My post', got None"]),
    "empty-title.md": (front_matter(title='title: "  "'), ["title: required, a line of text like 'title: My post', got '  '"]),
    "short-description.md": (
        front_matter(description="description: Too short."),
        ["description: must be 50 to 160 characters (it is the search snippet and feed summary), got 10"],
    ),
    "long-description.md": (
        front_matter(description="description: " + "x" * 161),
        ["description: must be 50 to 160 characters (it is the search snippet and feed summary), got 161"],
    ),
    "no-description.md": (front_matter(description=None), ["description: required, 50 to 160 characters of text, got None"]),
    "no-date.md": (front_matter(date=None), ["date: required, with 'created:' under it (a date like 2025-06-01 or a date-time like 2025-06-01 09:30:00)"]),
    "flat-date.md": (
        front_matter(date="date: 2025-02-01"),
        ["date: write the date under 'created:', e.g. 'date:' then '  created: 2025-06-01', got 2025-02-01"],
    ),
    "text-date.md": (
        front_matter(date="date:\n  created: June 2025"),
        ["date.created: required, a date like 2025-06-01 or a date-time like 2025-06-01 09:30:00, got 'June 2025'"],
    ),
    "updated-before-created.md": (
        front_matter(date="date:\n  created: 2025-02-01\n  updated: 2025-01-01"),
        ["date.updated: 2025-01-01 is before date.created 2025-02-01"],
    ),
    "unknown-author.md": (
        front_matter(authors="authors:\n  - dr-nobody"),
        ["authors: 'dr-nobody' is not in docs/blog/.authors.yml; choose from: modern-mindwork"],
    ),
    "no-authors.md": (front_matter(authors=None), ["authors: required, a list of one or more of: modern-mindwork, got None"]),
    "unknown-category.md": (
        front_matter(categories="categories:\n  - Ketamin"),
        ["categories: 'Ketamin' is not in the categories allowed in mkdocs.yml; choose from: "
         "Ketamine, Trauma, Depression, Psychedelic medicine, Integration"],
    ),
    "no-categories.md": (
        front_matter(categories=None),
        ["categories: required, a list of one or more of: Ketamine, Trauma, Depression, Psychedelic medicine, "
         "Integration, got None"],
    ),
    "draft-text.md": (front_matter(extra='draft: "yes"'), ["draft: must be true or false, got 'yes'"]),
    "newsletter-text.md": (front_matter(extra="newsletter: off please"), ["newsletter: must be true or false, got 'off please'"]),
    "missing-image.md": (
        front_matter(extra="image: ../../assets/images/missing.png\nimage_alt: A calm room"),
        ["image: no file at '../../assets/images/missing.png'; give its path relative to this post"],
    ),
    "remote-image.md": (
        front_matter(extra="image: https://images.example/x.png\nimage_alt: A calm room"),
        ["image: must be a file in docs/, not a web address (the build would fetch it), got 'https://images.example/x.png'"],
    ),
    "image-without-alt.md": (
        front_matter(extra="image: ../../assets/images/logo-144.png"),
        ["image_alt: required with image; describe what the image shows"],
    ),
    "unknown-reviewer.md": (
        front_matter(extra="reviewed_by: dr-nobody\nlast_reviewed: 2025-03-01"),
        ["reviewed_by: 'dr-nobody' is not in docs/blog/.authors.yml; choose from: modern-mindwork"],
    ),
    "review-without-date.md": (
        front_matter(extra="reviewed_by: modern-mindwork"),
        ["last_reviewed: required with reviewed_by"],
    ),
    "review-date-text.md": (
        front_matter(extra="reviewed_by: modern-mindwork\nlast_reviewed: last week"),
        ["last_reviewed: expected a date like 2025-06-01, got 'last week'"],
    ),
    "html-title.md": (
        front_matter(title="title: Healing <script>alert(1)</script>"),
        ["title: plain text only; remove the HTML tag (a title is shown as it is, in pages and feeds)"],
    ),
    "control-character.md": (
        front_matter(title='title: "Grief\\vand the body"'),
        ["title: contains an invisible control character (U+000B); retype the text"],
    ),
    "crisis-text.md": (front_matter(extra="crisis: sometimes"), ["crisis: must be true or false, got 'sometimes'"]),
    "updated-text.md": (
        front_matter(date="date:\n  created: 2025-02-01\n  updated: soon"),
        ["date.updated: expected a date like 2025-06-01 or a date-time like 2025-06-01 09:30:00, got 'soon'"],
    ),
    "date-extra-key.md": (
        front_matter(date="date:\n  created: 2025-02-01\n  published: 2025-02-02"),
        ["date.published: not a field; use 'created' and, after a revision, 'updated'"],
    ),
    "impossible-date.md": (
        front_matter(date="date:\n  created: 2025-02-30"),
        ["front matter: a date that does not exist (day is out of range for month); check the day and the month"],
    ),
    "review-without-reviewer.md": (front_matter(extra="last_reviewed: 2025-03-01"), ["reviewed_by: required with last_reviewed"]),
    "alt-without-image.md": (
        front_matter(extra="image_alt: A calm room"),
        ["image_alt: only used with image; add the image or remove this line"],
    ),
    "image-outside-docs.md": (
        front_matter(extra="image: ../../../mkdocs.yml\nimage_alt: Not an image"),
        ["image: no file at '../../../mkdocs.yml'; give its path relative to this post"],
    ),
    "authors-as-text.md": (
        front_matter(authors="authors: modern-mindwork"),
        ["authors: write a list, e.g. 'authors:' then '  - modern-mindwork'"],
    ),
    "categories-empty.md": (
        front_matter(categories="categories: []"),
        ["categories: required, a list of one or more of: Ketamine, Trauma, Depression, Psychedelic medicine, "
         "Integration, got []"],
    ),
    "category-twice.md": (front_matter(categories="categories: [Trauma, Trauma]"), ["categories: lists an entry twice"]),
    "description-control.md": (
        front_matter(description='description: "A description long enough for the contract, with a bell\\a in it."'),
        ["description: contains an invisible control character (U+0007); retype the text"],
    ),
    "bad-material-fields.md": (
        front_matter(extra="pin: yes please\nreadtime: -3\nlinks: 7\nhide: [everything]\nsearch: [nothing]\nrss: off"),
        [
            "pin: expected true or false, got 'yes please'",
            "readtime: expected a whole number of minutes, got -3",
            "links: expected a list of paths or 'Title: path' lines, got 7",
            "hide: expected a list of: feedback, footer, navigation, path, tags, toc, got ['everything']",
            "search: expected 'exclude: true', got ['nothing']",
            "rss: expected settings of the feed plugin, got False",
        ],
    ),
    "published-early.md": (
        front_matter(date="date:\n  created: 2099-01-01", extra="draft: false"),
        ["draft: 'false' publishes this post now, before its date; remove the line to schedule it for its date"],
    ),
    "typo.md": (front_matter(extra="categroies:\n  - Trauma"), ["categroies: not a field of a post; did you mean 'categories'?"]),
    "bad-slug.md": (front_matter(extra="slug: My Post"), ["slug: expected lowercase words joined by '-', like 'my-post', got 'My Post'"]),
    "bad-template.md": (
        front_matter(extra="template: nowhere.html"),
        ["template: expected the name of a template in overrides/, got 'nowhere.html'"],
    ),
    "invalid-yaml.md": (
        front_matter(description='description: "an unclosed quote'),
        ["line 3: front matter is not valid YAML: found unexpected end of stream; check the indentation and quotes"],
    ),
    # libyaml would read this; Material's blog reads posts with PyYAML's reader, which refuses it.
    "tab-in-yaml.md": (front_matter(title="title:\tA tab after the colon"), ["line 2: front matter has a tab character; use spaces instead"]),
    "no-front-matter.md": (
        "Just text, no front matter.\n",
        ["front matter: missing; start the file with a line '---', the fields, then '---'"],
    ),
    "not-a-mapping.md": ("---\n- a list\n---\n\nText.\n", ["front matter: expected 'field: value' lines, like 'title: My post'"]),
    "several-problems.md": (
        front_matter(title=None, categories="categories: [Nope]"),
        [
            "title: required, a line of text like 'title: My post', got None",
            "categories: 'Nope' is not in the categories allowed in mkdocs.yml; choose from: "
            "Ketamine, Trauma, Depression, Psychedelic medicine, Integration",
        ],
    ),
}

# Content rules: the front matter is valid, the text is not.
UNSAFE: dict[str, tuple[str, list[str]]] = {
    "script.md": (post("Script", "Hello <script>alert(1)</script>"), ["raw <script> is not allowed in a post; remove it"]),
    "iframe.md": (post("Iframe", '<iframe src="https://video.example/x"></iframe>'), ["raw <iframe> is not allowed in a post; remove it"]),
    "object.md": (post("Object", '<object data="x.swf"></object>'), ["raw <object> is not allowed in a post; remove it"]),
    "embed.md": (post("Embed", '<embed src="x.swf">'), ["raw <embed> is not allowed in a post; remove it"]),
    "handler.md": (
        post("Handler", '<b onclick="steal()">bold</b>'),
        ["the attribute onclick= (a script) is not allowed in a post; remove it"],
    ),
    "javascript-link.md": (
        post("Javascript link", "[click](javascript:alert(1))"),
        ["a javascript: link is not allowed in a post: 'javascript:alert(1)'"],
    ),
    "svg-handler.md": (
        post("Svg handler", "<svg/onload=alert(1)></svg>"),
        ["the attribute onload= (a script) is not allowed in a post; remove it"],
    ),
    "encoded-javascript.md": (
        post("Encoded javascript", '<a href="&#106;avascript:alert(1)">click</a>'),
        ["a javascript: link is not allowed in a post: 'javascript:alert(1)'"],
    ),
    "base.md": (post("Base", '<base href="https://elsewhere.example/">'), ["raw <base> is not allowed in a post; remove it"]),
    "remote-image-in-text.md": (
        post("Remote image", "![A chart](https://images.example/chart.png)"),
        ["'https://images.example/chart.png' would be loaded from another website; store the file in docs/assets/ "
         "and use its path"],
    ),
    "comment-trick.md": (
        post("Comment trick", "<!--><img src=x onerror=alert(2)>-->"),
        ["an HTML comment with markup in it is not allowed in a post; remove it"],
    ),
    "cdata.md": (
        post("Cdata", "Text <![CDATA[><img src=x onerror=alert(3)>]]>"),
        ["a <![...]> section is not allowed in a post; remove it"],
    ),
    "noscript.md": (
        post("Noscript", '<noscript><p title="</noscript><img src=x onerror=alert(4)>"></noscript>'),
        ["raw <noscript> is not allowed in a post; remove it"],
    ),
    "svg-image.md": (
        post("Svg image", '<svg><image href="https://images.example/a.png"></image></svg>'),
        ["'https://images.example/a.png' would be loaded from another website; store the file in docs/assets/ "
         "and use its path"],
    ),
    "srcset.md": (
        post("Srcset", '<img alt="A chart" src="../../assets/images/logo-144.png" srcset="a.png 1x, https://images.example/b.png 2x">'),
        ["'a.png 1x, https://images.example/b.png 2x' would be loaded from another website; store the file in "
         "docs/assets/ and use its path"],
    ),
    "style-escape.md": (
        post("Style escape", '<p style="background: u\\72 l(https://images.example/a.png)">x</p>'),
        ["a style with url(...) is not allowed in a post; remove it"],
    ),
    "ping.md": (
        post("Ping", '<a href="https://example.org/" ping="https://tracker.example/">x</a>'),
        ["the attribute ping= (it reports clicks to another website) is not allowed in a post; remove it"],
    ),
    "no-alt.md": (
        post("No alt", "![](../../assets/images/logo-144.png)"),
        ["image '../../assets/images/logo-144.png' has no alt text; describe it in the brackets: "
         "![what it shows](../../assets/images/logo-144.png)"],
    ),
}


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    posts = {name: markdown for name, (markdown, _) in {**BROKEN, **UNSAFE}.items()}
    return build_variant(tmp_path_factory.mktemp("contract"), posts=posts)


def warnings(build: Build) -> list[str]:
    return [line for line in build.log.splitlines() if line.startswith("WARNING")]


def test_a_broken_post_fails_the_strict_build_without_a_traceback(broken_site: Build) -> None:
    assert broken_site.returncode == 1
    assert "Traceback" not in broken_site.log
    assert "Aborted with" in broken_site.log and "warnings in strict mode!" in broken_site.log


@pytest.mark.parametrize("name", sorted({**BROKEN, **UNSAFE}))
def test_each_rule_gets_its_exact_line(broken_site: Build, name: str) -> None:
    expected = {**BROKEN, **UNSAFE}[name][1]
    found = [line.removeprefix(f"{PREFIX}{name}: ") for line in warnings(broken_site) if line.startswith(f"{PREFIX}{name}: ")]
    assert found == expected


def test_every_problem_of_the_build_is_reported_once(broken_site: Build) -> None:
    expected = sum(len(lines) for _, lines in {**BROKEN, **UNSAFE}.values())
    assert len(warnings(broken_site)) == expected, "\n".join(warnings(broken_site))


def test_a_post_with_a_front_matter_problem_is_left_out_and_the_rest_is_built(broken_site: Build) -> None:
    assert not (broken_site.site / "blog" / "no-title").exists()
    assert (broken_site.site / "blog" / "ketamine-for-trauma-and-depression-a-guide" / "index.html").is_file()


def test_code_blocks_may_show_what_posts_may_not_contain(tmp_path: Path) -> None:
    body = """
    In HTML, `<script>` and `onclick=` would run code:

    ```html
    <script>alert(1)</script>
    <a href="javascript:alert(1)" onclick="x()">x</a>
    <iframe src="https://video.example/"></iframe>
    ```
    """
    build = build_variant(tmp_path, posts={"explains-html.md": post("Explains HTML", body)})
    assert build.returncode == 0, build.log
    assert warnings(build) == []


def test_broken_internal_links_and_anchors_fail(tmp_path: Path) -> None:
    body = "See [a missing post](missing.md) and [a missing section](../../about.md#no-such-section)."
    build = build_variant(tmp_path, posts={"links.md": post("Links", body)})
    assert build.returncode == 1
    assert warnings(build) == [
        "WARNING -  Doc file 'blog/posts/links.md' contains a link 'missing.md', but the target "
        "'blog/posts/missing.md' is not found among documentation files.",
        "WARNING -  Doc file 'blog/posts/links.md' contains a link '../../about.md#no-such-section', but the doc "
        "'about.md' does not contain an anchor '#no-such-section'.",
    ]


def test_a_post_written_from_the_template_builds_without_a_warning(tmp_path: Path) -> None:
    template = (ROOT / "post-template.md").read_text(encoding="utf-8")
    published = template.replace("draft: true\n", "")
    assert published != template
    build = build_variant(tmp_path, posts={"from-template.md": published})
    assert build.returncode == 0, build.log
    assert warnings(build) == []
    page = build.page("blog/the-title-readers-see")
    assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == "The title readers see"


def test_the_template_itself_is_a_draft_that_passes_the_contract(tmp_path: Path) -> None:
    build = build_variant(tmp_path, posts={"template.md": (ROOT / "post-template.md").read_text(encoding="utf-8")})
    assert build.returncode == 0, build.log
    assert warnings(build) == []
    assert not (build.site / "blog" / "the-title-readers-see").exists()


def test_the_pull_request_preview_shows_drafts(tmp_path: Path) -> None:
    template = (ROOT / "post-template.md").read_text(encoding="utf-8")
    build = build_variant(tmp_path, posts={"template.md": template}, env={"BLOG_SHOW_DRAFTS": "true"})
    assert build.returncode == 0, build.log
    assert (build.site / "blog" / "the-title-readers-see" / "index.html").is_file()


def test_the_downloaded_preview_links_work_without_directory_urls(tmp_path: Path) -> None:
    """The pull-request preview opens from a folder: every link to a page of the site names a file."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    build = run_build(project, tmp_path / "site", env={"BLOG_SHOW_DRAFTS": "true"}, extra_args=["--no-directory-urls"])
    assert build.returncode == 0, build.log
    home = build.page("index.html")
    hrefs = [a["href"] for a in home.select(".mm-footer-links a, .mm-latest a, #newsletter-consent a")]
    assert "privacy.html" in hrefs and "blog/index.html" in hrefs
    for href in hrefs:
        assert (build.site / href.split("#")[0]).is_file(), href
    related = build.page("blog/ketamine-for-trauma-and-depression-a-guide.html").select("#related a")
    assert [a["href"] for a in related] == ["index.html"]
