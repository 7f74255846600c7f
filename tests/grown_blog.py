"""A blog that has grown the way CONTRIBUTING.md lets it: a dozen varied posts, a dozen plain ones
and two more authors.

`test_grown_blog.py` adds these to a copy of the repository and runs the whole suite there: any set of
posts and authors that follows the writers' guide must leave the suite green. The people are fixtures
of the tests, never published.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

AUTHORS = """\
  grown-clinician:
    name: Grown Clinician
    description: Fixture role of the grown-blog test
    avatar: assets/images/authors/grown-clinician.png
  grown-reviewer:
    name: Grown Reviewer
    description: Fixture reviewer of the grown-blog test
    avatar: assets/images/authors/grown-reviewer.png
"""


def front_matter(title: str, created: str, categories: list[str], authors: list[str] | None = None, extra: str = "") -> str:
    listed = "".join(f"  - {author}\n" for author in authors or ["modern-mindwork"])
    chosen = "".join(f"  - {category}\n" for category in categories)
    return (
        f'---\ntitle: "{title}"\n'
        f'description: "A grown-blog fixture post about {title.lower()}, written as a clinician would."\n'
        f"date:\n  created: {created}\n{extra}"
        f"authors:\n{listed}categories:\n{chosen}---\n\n"
    )


BODY = """\
A short opening paragraph that the blog index shows as the excerpt.

<!-- more -->

## What it is

Text of the first section, in short sentences.

## What helps

- Rest and routine.
- Talking with someone you trust.
"""

POSTS: dict[str, str] = {
    "grief-and-the-body.md": front_matter("Grief and the body", "2025-07-02", ["Trauma", "Integration"],
                                          ["grown-clinician"]) + BODY,
    "updated-and-reviewed.md": front_matter(
        "Updated and reviewed", "2025-06-15", ["Depression"], ["grown-clinician", "modern-mindwork"],
        "  updated: 2025-08-01\nreviewed_by: grown-reviewer\nlast_reviewed: 2025-08-02\n",
    ) + BODY,
    "with-a-picture.md": front_matter(
        "With a picture", "2025-05-20", ["Integration"],
        extra="image: ../../assets/images/posts/grown-walk.png\nimage_alt: A path through a park in autumn\n",
    ) + BODY + "\n![A path through a park in autumn](../../assets/images/posts/grown-walk.png)\n",
    "with-a-footnote.md": front_matter("With a footnote", "2025-04-11", ["Psychedelic medicine"])
    + BODY + "\nA claim with its source.[^1]\n\n[^1]: Author A. A title. A journal. 2020.\n",
    "with-notes.md": front_matter("With notes", "2025-03-03", ["Ketamine", "Depression"]) + BODY + textwrap.dedent("""
        !!! note "A note for readers"

            Text inside the note.

        ??? info "More detail"

            Folded text.
        """),
    "hard-thoughts.md": front_matter("Hard thoughts", "2025-02-14", ["Depression"], ["grown-reviewer"]) + textwrap.dedent("""
        Some readers have thoughts of suicide or self-harm. Help is there.

        <!-- more -->

        ## Getting help

        Talk to someone today.
        """),
    "a-draft.md": front_matter("A draft", "2025-08-20", ["Trauma"], extra="draft: true\n") + BODY,
    "scheduled.md": front_matter("Scheduled for later", "2099-01-05", ["Ketamine"]) + BODY,
    "timed.md": front_matter("Published at a time", "2025-01-09 09:30:00", ["Trauma"]) + BODY,
    "own-slug.md": front_matter("A title too long for its own address, in many words", "2024-12-01",
                                ["Psychedelic medicine"], extra="slug: short-address\n") + BODY,
    "table-and-code.md": front_matter("A table and a code block", "2024-11-02", ["Integration"]) + BODY + textwrap.dedent("""
        | week | what |
        |---|---|
        | 1 | rest |

        ```text
        a plain block
        ```
        """),
    "quiet-and-linked.md": front_matter("Quiet and linked", "2024-10-03", ["Trauma"], extra="newsletter: false\n")
    + BODY + "\nSee also [grief and the body](grief-and-the-body.md) and [the guide](ketamine-guide.md).\n",
    "pinned.md": front_matter("A pinned post", "2024-09-04", ["Ketamine"], extra="pin: true\n") + BODY,
}


# And a dozen plain ones, so that the blog holds more posts than a feed's 20 items and a listing's pages.
CATEGORIES = ("Ketamine", "Trauma", "Depression", "Psychedelic medicine", "Integration")
POSTS |= {
    f"more-{number:02d}.md": front_matter(
        f"More notes {number}", f"2024-0{1 + number % 8}-1{number % 9}", [CATEGORIES[number % 5]],
        ["grown-clinician", "modern-mindwork"][: 1 + number % 2],
    ) + BODY
    for number in range(12)
}


def grow(project: Path) -> None:
    """Add the posts, the authors and their pictures to a copy of the repository at ``project``."""
    docs = project / "docs"
    for name, markdown in POSTS.items():
        (docs / "blog" / "posts" / name).write_text(markdown, encoding="utf-8")
    authors = docs / "blog" / ".authors.yml"
    authors.write_text(authors.read_text(encoding="utf-8").rstrip("\n") + "\n" + AUTHORS, encoding="utf-8")
    picture = docs / "assets" / "images" / "logo-144.png"
    for folder, name in (("authors", "grown-clinician.png"), ("authors", "grown-reviewer.png"), ("posts", "grown-walk.png")):
        (docs / "assets" / "images" / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy2(picture, docs / "assets" / "images" / folder / name)
