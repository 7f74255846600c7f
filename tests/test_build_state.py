"""The hook's state: one BuildState per build, made in on_config, and nothing it learns written back
into a post's front matter. Real MkDocs, real plugins, in this process."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mindwork_site import crisis

from conftest import ROOT, SOURCES, copy_project

HOOK = "hooks/modern_mindwork.py"


def hook_of(config):  # noqa: ANN001, ANN201 - MkDocs' config and the hook's one object
    return config.plugins[HOOK].hook


def test_each_build_starts_from_a_fresh_state(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    hook = hook_of(config)
    hook.on_startup(command="serve", dirty=False)
    hook.on_config(config)
    first = hook.state
    first.crisis_posts.add("blog/posts/left-from-the-last-build.md")
    first.writer_problems["blog/posts/left-from-the-last-build.md"] = []
    hook.on_config(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert hook.state is not first
    assert hook.state.crisis_posts == set() and hook.state.writer_problems == {}
    assert hook.state.serving, "what the run knows (the command) outlives a build"
    hook.on_startup(command="build", dirty=False)  # the hook is MkDocs' one for this process: leave it building


def test_the_crisis_note_is_a_fact_of_the_build_not_of_the_front_matter(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    state = hook_of(config).state
    expected = {
        post.path.relative_to(ROOT / "docs").as_posix()
        for post in SOURCES.published_posts
        if crisis.shows_crisis_note(post.meta.get("crisis"), post.body)
    }
    assert state.crisis_posts == expected
    for post in state.posts:
        source = next(source for source in SOURCES.posts if source.path.relative_to(ROOT / "docs").as_posix() == post.file.src_uri)
        assert post.meta.get("crisis") == source.meta.get("crisis"), "the front matter stays as the writer wrote it"


def test_every_problem_of_the_settings_stops_the_build_in_one_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
    settings = settings.replace("    button: Subscribe\n", "").replace("      url: privacy.md\n", "      url: ftp://example.org/\n")
    (project / "mkdocs.yml").write_text(settings, encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(PluginError) as raised:
        config.plugins.on_config(config)
    assert str(raised.value).splitlines() == [
        "extra.newsletter.button must be a non-empty text, got None",
        "extra.footer_links[1].url must be a page (like 'privacy.md'), a path within the site or an https URL, "
        "got 'ftp://example.org/'",
    ]


def test_only_the_blog_module_knows_materials_blog_plugin() -> None:
    importers = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "hooks").rglob("*.py")
        if re.search(r"^\s*(?:from|import) material\.plugins\.blog", path.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert importers <= {"hooks/mindwork_site/blog.py"}
