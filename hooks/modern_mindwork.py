"""Modern Mindwork's build hook: the one entry MkDocs loads (``hooks:`` in mkdocs.yml).

Each handler is a few lines that hand the event to the module doing that job, in the package
``mindwork_site`` beside this file:

- ``settings``: the site's own settings (``extra:``), read by a schema, every problem at once;
- ``blog``: Material's blog plugin, the only module that knows its internals;
- ``front_matter``, ``post_fields``, ``dates``, ``writing``, ``content_policy``, ``post_checks``,
  ``authors_file``: the post contract, every problem one warning naming the file, the line and the
  field (``docs/blog/posts/x.md:3: description: ...``); ``serve_preview``: posts with problems in
  `mkdocs serve`;
- ``pages``: which page carries what (the disclaimer, the form, the newest posts, the post header,
  ``related`` reading, ``seo``, the ``crisis`` note), and the guard that every page kept them;
- ``images``, ``image_files``, ``pictures``: photos made into cached, metadata-free variants, and every
  ``<img>`` of them written as a responsive ``<picture>``;
- ``sources``: footnotes as the post's Sources list, and its JSON-LD citations; ``provenance``: the
  marks of passages the clinic did not write, removed before rendering;
- ``feeds``, ``feed_items``: feeds that feed readers accept; ``search``: the Pagefind index;
  ``listings``: what the blog's listings need of a post; ``csp``: each page's Content-Security-Policy.

HTML lives in Jinja templates under ``overrides/``. What a build learns lives in one ``BuildState``,
made afresh in on_config; what outlives builds (the command, serve's preview copies) in ``Run``.
Hooks are not reloaded by ``mkdocs serve``: restart it after changing the hook's files.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mindwork_site import (
    authors_file, crisis, csp, docs_files, feed_items, image_files, listings, pages, post_checks, provenance,
    search, seo, sources,
)
from mindwork_site.images import ImageCache
from mindwork_site.blog import Blog, excerpt_separator, is_post
from mindwork_site.settings import (
    SettingsError, category_problems, plain_copyright, read_settings, site_text_problems, with_page_urls,
)
from mindwork_site.source_files import published_address, source_path, template_line
from mindwork_site.state import BuildState, Run
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.modern_mindwork")


class ModernMindwork:
    """The hook's handlers, and the state they share: the run's, and the current build's."""

    def __init__(self) -> None:
        self.run = Run()
        self.build: BuildState | None = None

    @property
    def state(self) -> BuildState:
        if self.build is None:
            raise PluginError("modern_mindwork: an event came before on_config, which makes the build's state")
        return self.build

    def on_startup(self, *, command: str, dirty: bool, **kwargs: Any) -> None:
        self.run.previews.remove()
        self.run = Run(serving=command == "serve", dirty=dirty)

    def on_shutdown(self, **kwargs: Any) -> None:
        self.run.previews.remove()

    # First of all plugins: Material's blog reads the authors file in its own on_config, and stops at
    # its first problem with a message that names no line.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
        if self.build is not None:  # `mkdocs serve` rebuilds in this process: start afresh
            self.build, old = None, self.build
            old.close()
        self.run.previews.remove()
        blog = Blog.of(config)
        # Symlinks and SVG files first, before MkDocs copies docs/ and anything reads a file of it (the
        # authors file could be a link to a file whose lines its messages would quote).
        problems = docs_files.docs_files_problems(config) or authors_file.authors_file_problems(blog, config)
        if problems:  # each on its line; the last one stops the build
            for problem in problems[:-1]:
                log.warning(problem)
            raise PluginError(problems[-1])
        try:
            settings = read_settings(config.extra, Path(config.docs_dir))
        except SettingsError as error:
            raise PluginError("\n".join([*site_text_problems(config), str(error)])) from None
        if problems := site_text_problems(config) + category_problems(blog.categories_allowed if blog else ()):
            raise PluginError("\n".join(problems))
        serving = self.run.serving
        settings = replace(settings, feeds=feed_items.feed_files(config), copyright=plain_copyright(config))
        self.build = BuildState(config, settings, blog, serving, published_address(config, serving))
        # Footnotes become the post's Sources list (sources.py), in the pages and in the listings' excerpts.
        if not any(isinstance(extension, sources.SourcesExtension) for extension in config.markdown_extensions):
            config.markdown_extensions.append(sources.SourcesExtension())
        return config

    def on_pre_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        if self.run.dirty and (Path(config.site_dir) / search.BUNDLE / "pagefind.js").is_file():
            # --dirty rebuilds only the pages that changed: an index of those alone would hide every other
            # page from search. (`mkdocs serve --dirty` builds everything into a new folder first.)
            log.info("search: a --dirty build keeps the search index of the last full build")
            return
        self.state.search = search.SearchIndex()

    # Runs before Material's blog plugin reads the posts (its on_files runs late).
    def on_files(self, files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
        # Images first: the posts' checks read their covers' sizes, and everything after reads what is published.
        state = self.state
        state.images = image_files.publish_images(files, config, ImageCache(image_files.cache_folder(config)))
        problems = state.images.problems + post_checks.check_posts(files, state, self.run)
        for problem in problems + authors_file.avatar_problems(state.blog, config):
            log.warning(problem)
        # Notes tell a writer, and never fail a build: INFO, which --strict does not count.
        for note in state.images.notes:
            log.info(note)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Environment:
        state = self.state
        try:
            state.settings = with_page_urls(state.settings, files)
        except SettingsError as error:
            raise PluginError(str(error)) from None
        state.theme, state.files = env, files
        env.globals["site_settings"] = state.settings
        env.globals["blog_index_url"] = state.blog.index_url if state.blog is not None else ""
        # The generator tag names the installed Material (MkDocs, or ProperDocs, names itself).
        env.globals["material_version"] = version("mkdocs-material")
        env.globals["csp_pending"] = csp.PENDING  # main.html's policy, until on_post_page fills it in
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        # The marks of passages the clinic did not write are for the writers' report, never for readers.
        markdown = provenance.without_marks(markdown)
        if problem := pages.unknown_template(page, self.state):
            log.warning(f"{source_path(page.file, config)}:{template_line(page.file, config)}: {problem}")
        if is_post(page):
            # Settled from the post's whole text: once rendered, its Markdown is cut to its opening.
            if crisis.shows_crisis_note(page.meta.get("crisis"), markdown):
                self.state.crisis_posts.add(page.file.src_uri)
            feed_items.dated_for_feeds(page.meta)
        # The sitemap's <lastmod> (MkDocs' template prints this): the post's own date, or none.
        page.update_date = seo.last_modified(page)
        return markdown

    # Last of all plugins (mkdocs-rss-plugin's runs at -75): the post's Markdown is cut here.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        problems = post_checks.page_problems(html, page, self.state)
        for problem in problems:
            log.warning(f"{source_path(page.file, config)}:{problem.line}: {problem.text}")
        if problems and self.state.serving:
            self.state.writer_problems.setdefault(page.file.src_uri, []).extend(problems)
        if is_post(page):
            self.state.citations[page.file.src_uri] = sources.citations(html)
            # From here on the post's Markdown serves only the listings' excerpts (listings.py).
            page.markdown = listings.opening(page.markdown, excerpt_separator(config)) or page.markdown
        return html

    def on_page_context(self, context: dict[str, Any], *, page: Page, **kwargs: Any) -> dict[str, Any]:
        return pages.page_context(context, page, self.state)

    # Last of all plugins: the policy hashes the inline scripts of the page as it is written.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        # The last guard: a template that does not extend main.html would drop the disclaimer.
        for problem in pages.missing_elements(output, page):
            log.warning(f"{source_path(page.file, config)}:{template_line(page.file, config)}: {problem}; "
                        "its template must extend main.html")
        if self.state.search is not None and pages.searchable(page):
            self.state.search.add(pages.search_record(page, self.state), page.file.dest_uri)
        output = pages.with_pictures(output, page, self.state)
        return csp.with_policy(output, self.state.settings, self.state.serving)

    def on_template_context(self, context: dict[str, Any], *, template_name: str, **kwargs: Any) -> dict[str, Any]:
        return pages.template_context(context, template_name, self.state)

    # The 404 page has no page of its own: its policy is filled in here (other templates have no head).
    def on_post_template(self, output: str, *, template_name: str, **kwargs: Any) -> str:
        return csp.with_policy(output, self.state.settings, self.state.serving)

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        # Runs after mkdocs-rss-plugin's own on_post_build: hooks come after plugins.
        state = self.state
        feed_items.write_feeds(state)
        if not self.run.serving and not self.run.dirty and not state.images.problems:
            image_files.prune(ImageCache(image_files.cache_folder(config)), state.images)
        if state.search is not None:
            state.search, index = None, state.search
            index.write(Path(config.site_dir))

    def on_build_error(self, *, error: Exception, **kwargs: Any) -> None:
        if self.build is not None:
            self.build.close()


# MkDocs calls a hook module's on_* functions: they are the handlers of one ModernMindwork.
hook = ModernMindwork()
on_startup, on_shutdown, on_config, on_pre_build, on_files, on_env = (
    hook.on_startup, hook.on_shutdown, hook.on_config, hook.on_pre_build, hook.on_files, hook.on_env
)
on_page_markdown, on_page_content, on_page_context, on_post_page, on_post_build, on_build_error = (
    hook.on_page_markdown, hook.on_page_content, hook.on_page_context, hook.on_post_page, hook.on_post_build,
    hook.on_build_error,
)
on_template_context, on_post_template = hook.on_template_context, hook.on_post_template
