"""The post contract: each rule broken by a fixture post, and the exact line a writer sees for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SOURCES, Build, build_variant, copy_project, post, run_build

PREFIX = "WARNING -  docs/blog/posts/"
# What the messages list as choices: the authors in docs/blog/.authors.yml and the categories in mkdocs.yml.
AUTHORS = ", ".join(sorted(SOURCES.authors))
CATEGORIES = ", ".join(SOURCES.categories)
NO_SEPARATOR = (
    "no '<!-- more -->' line; put one on a line of its own after the summary paragraph (the blog index shows what is above it)"
)
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
    return "---\n" + "\n".join(lines) + "\n---\n\nThe post's summary.\n\n<!-- more -->\n\nThe post's text.\n"


# Each fixture post breaks one rule; the lines are exactly what the build prints for it.
BROKEN: dict[str, tuple[str, list[str]]] = {
    "no-title.md": (front_matter(title=None), ["title: required, a line of text like 'title: My post'"]),
    "empty-title.md": (front_matter(title='title: "  "'), ["title: required, a line of text like 'title: My post', got '  '"]),
    "short-description.md": (
        front_matter(description="description: Too short."),
        ["description: must be 50 to 160 characters (it is the search snippet and feed summary), got 10"],
    ),
    "long-description.md": (
        front_matter(description="description: " + "x" * 161),
        ["description: must be 50 to 160 characters (it is the search snippet and feed summary), got 161"],
    ),
    "no-description.md": (front_matter(description=None), ["description: required, 50 to 160 characters of text"]),
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
        [f"authors: 'dr-nobody' is not in docs/blog/.authors.yml; choose from: {AUTHORS}"],
    ),
    "no-authors.md": (front_matter(authors=None), [f"authors: required, a list of one or more of: {AUTHORS}"]),
    "unknown-category.md": (
        front_matter(categories="categories:\n  - Ketamin"),
        [f"categories: 'Ketamin' is not in the categories allowed in mkdocs.yml; did you mean 'Ketamine'? "
         f"choose from: {CATEGORIES}"],
    ),
    "no-categories.md": (
        front_matter(categories=None),
        [f"categories: required, a list of one or more of: {CATEGORIES}"],
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
        [f"reviewed_by: 'dr-nobody' is not in docs/blog/.authors.yml; choose from: {AUTHORS}"],
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
        [f"categories: required, a list of one or more of: {CATEGORIES}, got []"],
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
            "links: expected a list of pages or https addresses, got 7",
            "hide: expected a list of: feedback, footer, navigation, path, tags, toc, got [everything]",
            "search: expected 'exclude: true', got [nothing]",
            "rss: expected settings of the feed plugin, got false",
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
        ["front matter: not valid YAML: a quote is opened and never closed; close it at the end of the text"],
    ),
    # libyaml would read this; Material's blog reads posts with PyYAML's reader, which refuses it.
    "tab-in-yaml.md": (front_matter(title="title:\tA tab after the colon"), ["front matter: a tab character on this line; use spaces instead"]),
    "no-front-matter.md": (
        "Just text, no front matter.\n",
        ["front matter: missing; start the file with a line '---', the fields, then '---'", NO_SEPARATOR],
    ),
    "not-a-mapping.md": ("---\n- a list\n---\n\nText.\n", ["front matter: expected 'field: value' lines, like 'title: My post'", NO_SEPARATOR]),
    "several-problems.md": (
        front_matter(title=None, categories="categories: [Nope]"),
        [
            "title: required, a line of text like 'title: My post'",
            f"categories: 'Nope' is not in the categories allowed in mkdocs.yml; choose from: {CATEGORIES}",
        ],
    ),
    "colon-in-title.md": (
        front_matter(title="title: Grief: what helps"),
        ["front matter: not valid YAML: a text with ': ' in it must be in quotes, like title: \"Grief: what helps\""],
    ),
    "category-case.md": (
        front_matter(categories="categories:\n  - trauma"),
        [f"categories: 'trauma' is not in the categories allowed in mkdocs.yml; did you mean 'Trauma'? "
         f"choose from: {CATEGORIES}"],
    ),
    "author-by-name.md": (
        front_matter(authors="authors:\n  - Modern Mindwork"),
        [f"authors: 'Modern Mindwork' is not in docs/blog/.authors.yml; did you mean 'modern-mindwork'? "
         f"choose from: {AUTHORS}"],
    ),
    "written-date.md": (
        front_matter(date="date:\n  created: 12/03/2025"),
        ["date.created: required, a date like 2025-06-01 or a date-time like 2025-06-01 09:30:00, got '12/03/2025'; "
         "write year-month-day: 2025-03-12 for 12 March 2025 or 2025-12-03 for 3 December 2025"],
    ),
    "unambiguous-date.md": (
        front_matter(date="date:\n  created: 25/03/2025"),
        ["date.created: required, a date like 2025-06-01 or a date-time like 2025-06-01 09:30:00, got '25/03/2025'; "
         "did you mean 2025-03-25?"],
    ),
    "key-twice.md": (
        front_matter(extra="title: Another title"),
        ["title: written twice (lines 2 and 10); keep one"],
    ),
    # One build reports every problem of a post: a YAML slip hides neither the other fields nor the text.
    "eight-mistakes.md": (
        "---\ntitle:\tGrief and sleep\ndescription: Too short.\ndate:\n  created: 2025-02-30\nauthors:\n  - Jane\n"
        "categories:\n  - Sleep\ndraft: maybe\n---\n\n# Grief and sleep\n\nWhat helps:\n- rest\n\n<script>x()</script>\n",
        [
            "front matter: a tab character on this line; use spaces instead",
            "description: must be 50 to 160 characters (it is the search snippet and feed summary), got 10",
            "front matter: a date that does not exist (day is out of range for month); check the day and the month",
            f"authors: 'Jane' is not in docs/blog/.authors.yml; choose from: {AUTHORS}",
            f"categories: 'Sleep' is not in the categories allowed in mkdocs.yml; choose from: {CATEGORIES}",
            "draft: must be true or false, got 'maybe'",
            "a '# ' heading in the text: the title comes from 'title:', so start sections with '## '",
            "no '<!-- more -->' line; put one on a line of its own after the summary paragraph "
            "(the blog index shows what is above it)",
            "this list needs an empty line before it; without one it shows as a paragraph of '- ' lines",
            "raw <script> is not allowed in a post; remove it",
        ],
    ),
}

# Slips that pasting and hurried typing bring: each is told once, and the rest is still read.
BROKEN |= {
    "no-space-after-colon.md": (
        front_matter(title='title:"Sleep after loss"'),
        ["front matter: put a space after 'title:'"],
    ),
    "non-breaking-space.md": (
        front_matter(categories="categories:\n  - Trauma\u00a0care"),
        [f"categories: 'Trauma\u00a0care' is not in the categories allowed in mkdocs.yml; it has a non-breaking "
         f"space (often pasted); retype its spaces. choose from: {CATEGORIES}"],
    ),
    "curly-quotes.md": (
        front_matter(title="title: “Sleep after loss: what helps”"),
        ["front matter: curly quotes around a value; type straight quotes (\") instead"],
    ),
    "apostrophe.md": (
        front_matter(title="title: 'A clinician's view'"),
        ["front matter: not valid YAML: a quote ends the text early (an apostrophe inside '...'?); "
         "put the whole text in double quotes"],
    ),
    "date-in-words.md": (
        front_matter(date="date:\n  created: 20 November 2025"),
        ["date.created: required, a date like 2025-06-01 or a date-time like 2025-06-01 09:30:00, "
         "got '20 November 2025'; did you mean 2025-11-20?"],
    ),
    "title-a-number.md": (front_matter(title="title: 2026"), ['title: must be text; put it in double quotes, like title: "2026"']),
    "unclosed.md": ("---\ntitle: Unclosed\n\nThe text, and a list:\n\n- one\n", ["front matter: no closing '---' line after the fields; add one"]),
    "impossible-time.md": (
        front_matter(title='title: "Sleep on 2025-02-30, a title"', date="date:\n  created: 2025-02-01 25:00:00"),
        ["front matter: a date that does not exist (hour must be in 0..23); check the time"],
    ),
    "non-breaking-after-colon.md": (
        front_matter(title="title:\u00a0Sleep after loss"),
        ["front matter: a non-breaking space on this line (often pasted); type an ordinary space"],
    ),
    "valid-typography.md": (
        front_matter(title="title: “It gets better”", description="description: >-\n  Note:this folded text is a "
                     "description long enough to pass,\n  with Dr.\u00a0Smith in it."),
        [],
    ),
    "blank-first-line.md": (
        "\n" + front_matter(),
        ["front matter: the file must start with its '---' line; remove the empty lines above it"],
    ),
    "required-misspelt.md": (
        front_matter(categories="categroies:\n  - Trauma"),
        ["categroies: not a field of a post; did you mean 'categories'?"],
    ),
    "alt-alone-line.md": (
        front_matter(extra="image_alt: A picture"),
        ["image_alt: only used with image; add the image or remove this line"],
    ),
    "emoji-title.md": (
        front_matter(title='title: "🌱"'),
        ["title: gives the post no address (it has no letters or digits); add a line like slug: my-post"],
    ),
    "long-title.md": (
        front_matter(title="title: " + "word " * 30),
        ["title: at most 120 characters (it is the page's heading and the tab's name), got 149"],
    ),
    "z-same-address.md": (
        front_matter(),
        ["title: gives the same address (blog/a-valid-title/) as docs/blog/posts/no-separator.md; change the "
         "title or add a line like slug: a-valid-title-2"],
    ),
    "Upper-Case.md": (
        post("Upper case name"),
        ["file name: name the file in lowercase words joined by '-', like grief-and-the-body.md"],
    ),
}

# Slips in the text that render wrongly without any error: the front matter is valid.
TEXT: dict[str, tuple[str, list[str]]] = {
    # Markdown would fail with a traceback, or read for minutes: the post is not built at all.
    "deep-list.md": (
        post("Deep list", "\n".join("    " * level + "- item" for level in range(40))),
        ["a line indented by 124 spaces: lists and notes may nest at most 30 levels deep; indent it less"],
    ),
    "bracket-flood.md": (
        post("Bracket flood", "Opening.\n\n" + "[x](" * 1200),
        ["this paragraph has 1200 '[', more than Markdown can read in good time (at most 1000); split it, or put "
         "it in a code block between lines of ```",
         "this paragraph has 1200 '(', more than Markdown can read in good time (at most 1000); split it, or put "
         "it in a code block between lines of ```"],
    ),
    "list-without-blank.md": (
        post("List without blank", "What helps:\n- rest\n- food\n\n1. one\n2. two\n\nSteps:\n1. first"),
        [
            "this list needs an empty line before it; without one it shows as a paragraph of '- ' lines",
            "this list needs an empty line before it; without one it shows as a paragraph of '1. ' lines",
        ],
    ),
    "own-site-link.md": (
        post("Own site link", f"Read [about us]({SOURCES.site_url}about/)."),
        [f"the link {SOURCES.site_url}about/ is the live site's own address, which the build cannot check and "
         "previews cannot follow; link to the page's .md file instead, like [our editorial policy](../../editorial-policy.md)"],
    ),
    "local-link.md": (
        post("Local link", "Read [this](http://127.0.0.1:8000/blog/) and <http://localhost:8000/about/>."),
        [
            "the link http://127.0.0.1:8000/blog/ works only on your own computer; link to the page's .md file "
            "instead, like [our editorial policy](../../editorial-policy.md)",
            "the link http://localhost:8000/about/ works only on your own computer; link to the page's .md file "
            "instead, like [our editorial policy](../../editorial-policy.md)",
        ],
    ),
    "title-heading.md": (
        post("Title heading", "# Title heading\n\nText.\n\n```text\n# a comment in code is fine\n```"),
        ["a '# ' heading in the text: the title comes from 'title:', so start sections with '## '"],
    ),
    "no-separator.md": (
        front_matter().replace("\n\n<!-- more -->\n", "\n"),
        ["no '<!-- more -->' line; put one on a line of its own after the summary paragraph "
         "(the blog index shows what is above it)"],
    ),
    "committed-suicide.md": (
        post("Wording", "A friend committed suicide.\n\nHer brother committed\nsuicide in 2019."),
        ["write 'died by suicide', not 'committed suicide' (safe-messaging guidance, see CONTRIBUTING.md)"] * 2,
    ),
    "more-headings.md": (
        post("More headings", "#No space\n\nUnderlined\n==========\n\nText."),
        ["a '# ' heading in the text: the title comes from 'title:', so start sections with '## '"] * 2,
    ),
    "quoted-list.md": (
        post("Quoted list", "> A reader wrote:\n> - one\n> - two"),
        ["this list needs an empty line before it; without one it shows as a paragraph of '- ' lines"],
    ),
    # Valid posts that look like slips: none of these is a problem.
    "loose-numbered-list.md": (post("Loose list", "Steps:\n\n1. Step one\n\n2. Step two\n    - sub a\n    - sub b"), []),
    "quoting-the-words.md": (post("Safe language", "We say 'died by suicide', not 'committed suicide'."), []),
    "year-at-line-start.md": (post("Year", "The first trial was published in\n2000. Since then, more."), []),
    "indented-code.md": (post("Indented code", "Example:\n\n    config line\n    - item\n\nText."), []),
    "list-in-a-note.md": (post("List in a note", '!!! note "Steps"\n\n    Do this:\n\n    - one\n    - two'), []),
    "code-mentions.md": (
        post("Code mentions", "Write `http://127.0.0.1:8000/` and `# title` in code.\n\n```text\n# comment\n- item\n```"),
        [],
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
        ["inline <svg> is not allowed in a post; save the image as a file in docs/assets/images/ and show it with "
         "![what it shows](path)"],
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
        ["inline <svg> is not allowed in a post; save the image as a file in docs/assets/images/ and show it with "
         "![what it shows](path)"],
    ),
    "srcset.md": (
        post("Srcset", '<img alt="A chart" src="../../assets/images/logo-144.png" srcset="a.png 1x, https://images.example/b.png 2x">'),
        ["the attribute srcset= is not allowed on <img> in a post; remove it"],
    ),
    "style-escape.md": (
        post("Style escape", '<p style="background: u\\72 l(https://images.example/a.png)">x</p>'),
        ["a style may not set that ('background: u\\\\72 l(https://images.example/a.png)'); a post's style may only "
         "set font-style, font-weight, height, max-width, text-align, text-decoration, vertical-align, white-space, "
         "width; remove the rest"],
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

# What an allowlist refuses that a blocklist let through (issue 14), each with its exact line.
UNSAFE |= {
    "animated-svg-link.md": (
        post("Animated link", '<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text y="20">x</text></a></svg>'),
        ["inline <svg> is not allowed in a post; save the image as a file in docs/assets/images/ and show it with "
         "![what it shows](path)"],
    ),
    "mathml.md": (
        post("Math", "<math><mi>x</mi></math>"),
        ["inline <math> is not allowed in a post; write the formula as text, or save it as a file in "
         "docs/assets/images/ and show it with ![what it shows](path)"],
    ),
    "video.md": (
        post("Video", '<video src="clip.mp4"></video>'),
        ["raw <video> is not allowed in a post; remove it, or use Markdown (CONTRIBUTING.md lists the HTML a post may use)"],
    ),
    "overlay.md": (
        post("Overlay", '<div style="position: fixed; inset: 0">Call now</div>'),
        ["a style may not position or layer the page ('position: fixed'); a post's style may only set font-style, "
         "font-weight, height, max-width, text-align, text-decoration, vertical-align, white-space, width; remove the rest"],
    ),
    "data-attribute.md": (
        post("Data attribute", '<p data-track="1">x</p>'),
        ["the attribute data-track= is not allowed on <p> in a post; remove it"],
    ),
    "vbscript-link.md": (
        post("Other scheme", '<a href="VBScript:msgbox(1)">x</a>'),
        ["the link 'VBScript:msgbox(1)' is not allowed in a post: a link goes to a page of the site, or starts with "
         "https://, mailto:, tel: or sms:"],
    ),
    "style-value.md": (
        post("Style value", '<p style="width: calc(100% - 1em)">x</p>'),
        ["a style value may be words, numbers and units only, got 'width: calc(100% - 1em)'; remove it"],
    ),
    "data-image.md": (
        post("Data image", '<img alt="A dot" src="data:image/png;base64,iVBORw0KGgo=">'),
        ["an image written into the page (data:) is not allowed in a post; store the file in docs/assets/ and use its path"],
    ),
    "theme-id.md": (
        post("Theme id", '<p id="__config">{"base": "https://tracker.example/"}</p>'),
        ["the id '__config' belongs to the theme (its ids start with '__'); give this element another id"],
    ),
    "separator-in-attribute.md": (
        post("Separator in attribute", 'The summary.\n\n<!-- more -->\n\n<span title="<!-- more -->">x</span>'),
        ["'<!-- more -->' inside HTML (an attribute or a tag) would cut the page there; keep it only on its own line "
         "after the summary"],
    ),
}

# Front matter that a blocklist read silently wrong (issue 14).
BROKEN |= {
    "javascript-links.md": (
        front_matter(extra="links:\n  - JaVaScript:alert(1)\n  - Notes: data:text/html,x"),
        ["links: 'JaVaScript:alert(1)' is neither a page of the site nor an https address; links go to pages "
         "(like 'about.md') or start with https://",
         "links: 'data:text/html,x' is neither a page of the site nor an https address; links go to pages "
         "(like 'about.md') or start with https://"],
    ),
    "missing-link.md": (
        front_matter(extra="links:\n  - Our policy: no-such-page.md"),
        ["links: no page 'no-such-page.md' in docs/; give its path from docs/, like 'editorial-policy.md'"],
    ),
    "alias-bomb.md": (
        front_matter(extra="a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b]"),
        ["front matter: '&' and '*' start YAML anchors and aliases, which are not allowed; write each value out, "
         "and put a text starting with & or * in quotes"],
    ),
    "bidi-title.md": (
        front_matter(title='title: "Safe \u202etxt.exe"'),
        ["title: contains an invisible character that reverses the text's direction (U+202E); retype the text"],
    ),
    "long-address.md": (
        front_matter(title="title: " + "word " * 22),
        ["title: makes an address of 109 characters; add a shorter one, like slug: word-word-word-word-word-word"],
    ),
    "html-description.md": (
        front_matter(description="description: A description with <b>bold</b> text that is long enough to pass."),
        ["description: plain text only; remove the HTML tag"],
    ),
    "link-list-item.md": (
        front_matter(extra="links:\n  - [editorial-policy.md, about.md]"),
        ["links: expected a page or an https address, alone or after a title, like '  - Our editorial policy: "
         "editorial-policy.md' or '  - https://www.nimh.nih.gov/', got [editorial-policy.md, about.md]"],
    ),
    # Material writes a post's title into the blog's listings as "# {title}": Markdown reads it there.
    "markdown-title.md": (
        front_matter(title="title: 'Read this [now](javascript:alert(1)) {: onmouseover=alert(1) }'"),
        ["title: plain text only; remove '[', or reword (the blog's listings would read it as Markdown)"],
    ),
    "attribute-title.md": (
        front_matter(title="title: 'Care after trauma {: onmouseover=alert(1) }'"),
        ["title: plain text only; remove '{', or reword (the blog's listings would read it as Markdown)"],
    ),
    "two-line-title.md": (
        front_matter(title='title: "Care after trauma\n\n![x](https://tracker.example/x.png)"'),
        ["title: one line only; remove the line break"],
    ),
    "svg-share-image.md": (
        front_matter(extra="image: ../../assets/images/logo.svg\nimage_alt: The clinic's logo"),
        ["image: must be a PNG, JPEG or WebP file (link previews and feed readers show no other), got "
         "'../../assets/images/logo.svg'"],
    ),
}


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    posts = {name: markdown for name, (markdown, _) in {**BROKEN, **UNSAFE, **TEXT}.items()}
    return build_variant(tmp_path_factory.mktemp("contract"), posts=posts)


def warnings(build: Build) -> list[str]:
    return [line for line in build.log.splitlines() if line.startswith("WARNING")]


PROBLEM = re.compile(r"^WARNING -  docs/blog/posts/(?P<name>[^:]+):(?P<line>\d+): (?P<text>.*)$")


def problems_of(build: Build, name: str) -> list[tuple[int, str]]:
    """The problems the build printed for one post, as (line, text)."""
    found = [PROBLEM.match(line) for line in warnings(build)]
    return [(int(match["line"]), match["text"]) for match in found if match and match["name"] == name]


def test_a_broken_post_fails_the_strict_build_without_a_traceback(broken_site: Build) -> None:
    assert broken_site.returncode == 1
    assert "Traceback" not in broken_site.log
    assert "Aborted with" in broken_site.log and "warnings in strict mode!" in broken_site.log


@pytest.mark.parametrize("name", sorted({**BROKEN, **UNSAFE, **TEXT}))
def test_each_rule_gets_its_exact_line(broken_site: Build, name: str) -> None:
    expected = {**BROKEN, **UNSAFE, **TEXT}[name][1]
    assert [text for _, text in problems_of(broken_site, name)] == expected


@pytest.mark.parametrize("name", sorted({**BROKEN, **UNSAFE, **TEXT}))
def test_each_problem_points_at_a_line_of_its_post_and_at_its_field(broken_site: Build, name: str) -> None:
    source = {**BROKEN, **UNSAFE, **TEXT}[name][0].split("\n")
    for line, text in problems_of(broken_site, name):
        assert 1 <= line <= len(source), (line, text)
        field = text.split(":", 1)[0].split(".")[-1]
        if any(row.lstrip().startswith(f"{field}:") for row in source):
            # The field's own line, or one of its list's items below it.
            at = line - 1
            while at > 0 and source[at].lstrip().startswith("- "):
                at -= 1
            assert source[at].lstrip().startswith(f"{field}:"), (line, text)


def test_one_build_finds_every_mistake_of_a_post_on_its_own_line(broken_site: Build) -> None:
    assert [line for line, _ in problems_of(broken_site, "eight-mistakes.md")] == [2, 3, 5, 7, 9, 10, 13, 14, 16, 18]
    assert problems_of(broken_site, "script.md") == [(12, "raw <script> is not allowed in a post; remove it")]
    # The date that does not exist is the one on 'created:', not the one the title mentions.
    assert [line for line, _ in problems_of(broken_site, "impossible-time.md")] == [5]


def test_every_problem_of_the_build_is_reported_once(broken_site: Build) -> None:
    expected = sum(len(lines) for _, lines in {**BROKEN, **UNSAFE, **TEXT}.values())
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
    for post_source in SOURCES.posts:  # the preview shows drafts and scheduled posts too
        page_path = post_source.url.removesuffix("/") + ".html"
        related = build.page(page_path).select("#related a")
        assert related, page_path
        for link in related:
            assert (build.site / page_path).parent.joinpath(link["href"].split("#")[0]).resolve().is_file(), link
