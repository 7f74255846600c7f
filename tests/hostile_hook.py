"""A hook for tests/test_template_escaping.py only, which adds it after the site's own hook.

The writers' checks refuse HTML in an author's name and description, in a post's title and
description, in the copyright, and a quote in an avatar's path; the templates must stay safe without
them. This hook writes those refused values into the build's own objects once every check has run
and before any page is rendered, so that they reach the templates exactly as an unchecked value
would. It also records every template of overrides/ the build rendered, for the test to hold
against the folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# Markup that would end an attribute, open elements and run script, and an entity that reads as
# "&amp;" only when it is escaped once: printed raw it reads "&", escaped twice "&amp;amp;".
ATTACK = "\"><img src=x onerror=alert(1)> </script><script>alert(1)</script> ' &amp; &"

REFUSED_AUTHOR = "refused-author"  # the author of REFUSED_POST: their profile page stays theirs
REFUSED_REVIEWER = "refused-reviewer"  # reviews REFUSED_POST, writes nothing: their url is their own
REFUSED_POST = "blog/posts/refused.md"

REFUSED_NAME = f"Refused name {ATTACK}"
REFUSED_DESCRIPTION = f"Refused description {ATTACK}"
REFUSED_AVATAR = f"assets/images/{ATTACK}.png"
REFUSED_URL = f"https://x.example/{ATTACK}"
REFUSED_TITLE = f"Refused title {ATTACK}"
REFUSED_POST_DESCRIPTION = f"Refused post description {ATTACK}"
REFUSED_COPYRIGHT = f"Refused copyright {ATTACK}"
# What a template would print if it printed mkdocs.yml's copyright itself, raw, not the hook's text.
RAW_COPYRIGHT = "<script>alert('config.copyright printed raw')</script>"
PROBLEM = f"Refused problem {ATTACK}"
PROBLEM_FILE = f"docs/blog/posts/{ATTACK}.md"
# Where the names of the templates the build rendered are written, beside the build's config file.
RENDERED = "rendered-templates.json"


@dataclass(frozen=True)
class Problem:
    """A problem as overrides/partials/writer-problems.html reads one (only `mkdocs serve` shows them)."""

    line: int
    text: str


class RecordingLoader(jinja2.BaseLoader):
    """The theme's loader, noting each template it loads from overrides/."""

    def __init__(self, loader: jinja2.BaseLoader, overrides: Path) -> None:
        self.loader, self.overrides, self.rendered = loader, overrides.resolve(), set()

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        if filename is not None and Path(filename).resolve().is_relative_to(self.overrides):
            self.rendered.add(template)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


class HostileValues:
    def __init__(self) -> None:
        self.loader: RecordingLoader | None = None
        self.titles: dict[str, str] = {}

    # After the site's on_env, which hands the templates `site_settings`; every check has run by then.
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Environment:
        blog = config.plugins["material/blog"]
        author, reviewer = blog.authors[REFUSED_AUTHOR], blog.authors[REFUSED_REVIEWER]
        for person in (author, reviewer):
            person.name, person.description, person.avatar = REFUSED_NAME, REFUSED_DESCRIPTION, REFUSED_AVATAR
        reviewer.url = REFUSED_URL
        for post in blog.blog.posts:
            if post.file.src_uri == REFUSED_POST:
                post.meta["description"] = REFUSED_POST_DESCRIPTION
        config.copyright = RAW_COPYRIGHT
        env.globals["site_settings"] = replace(env.globals["site_settings"], copyright=REFUSED_COPYRIGHT)
        overrides = next(Path(folder) for folder in config.theme.dirs if Path(folder).name == "overrides")
        env.loader = self.loader = RecordingLoader(env.loader, overrides)
        return env

    # Before the site's own: the head, the header and the post's header read the title from here.
    # Only while its own page is rendered: listings put a post's title in Markdown (Material's excerpt
    # heading), and Material's footer prints its neighbours' titles as HTML, both beyond the templates.
    @event_priority(50)
    def on_page_context(self, context: dict[str, Any], *, page: Page, **kwargs: Any) -> dict[str, Any]:
        if page.file.src_uri == REFUSED_POST:
            self.titles[page.file.src_uri] = page.meta["title"]
            page.meta["title"] = REFUSED_TITLE
            context["writer_problems"] = [Problem(3, PROBLEM)]
            context["writer_problems_file"] = PROBLEM_FILE
        return context

    # After the site's own, which hands the page to the search index.
    @event_priority(-200)
    def on_post_page(self, output: str, *, page: Page, **kwargs: Any) -> str:
        if page.file.src_uri in self.titles:
            page.meta["title"] = self.titles.pop(page.file.src_uri)
        return output

    # After the site's own, which renders the feeds' footer.
    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        rendered = sorted(self.loader.rendered) if self.loader is not None else []
        (Path(config.config_file_path).parent / RENDERED).write_text(json.dumps(rendered), encoding="utf-8")


hook = HostileValues()
on_env, on_page_context, on_post_page, on_post_build = hook.on_env, hook.on_page_context, hook.on_post_page, hook.on_post_build
