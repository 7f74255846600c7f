"""Files in docs/: a symlink stops the build before MkDocs copies anything, and an SVG file is a picture
and nothing more (no script, no web page inside, no handlers, no file from elsewhere, no animated
link), each problem on one line naming the file and the line a writer fixes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT, Build, copy_project, run_build
from mindwork_site.docs_files import check_svg
from mindwork_site.messages import Problem

HOSTILE = "docs/assets/images/hostile"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64">\n'
SYMLINK_FILE = (
    "a link to another file (a symlink); put the file itself here instead (the site would publish whatever the "
    "link points to)"
)
SYMLINK_FOLDER = SYMLINK_FILE.replace("file", "folder")
# A DOCTYPE whose entities would expand to 10**30 copies of "lol": refused before any is declared, or
# this test would never end.
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg [\n  <!ENTITY lol0 "lol">\n'
    + "".join(f'  <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 31))
    + ']>\n<svg xmlns="http://www.w3.org/2000/svg">&lol30;</svg>\n'
)
# A diagram as a writer may draw one: a gradient, a marker, a filter, a symbol used twice, text.
CLEAN_DIAGRAM = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Steps of a first visit -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 320 120"
     role="img" aria-labelledby="title desc">
  <title id="title">Steps of a first visit</title>
  <desc id="desc">Two boxes joined by an arrow: call us, then meet the team.</desc>
  <defs>
    <linearGradient id="calm" x1="0" y1="0" x2="1" y2="1" gradientUnits="objectBoundingBox">
      <stop offset="0" stop-color="#3949ab"/>
      <stop offset="1" stop-color="#7986cb" stop-opacity="0.8"/>
    </linearGradient>
    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto">
      <path d="M0 0L10 5L0 10z" fill="#333"/>
    </marker>
    <filter id="soft"><feGaussianBlur in="SourceAlpha" stdDeviation="2"/><feOffset dx="1" dy="1" result="s"/>
      <feMerge><feMergeNode in="s"/><feMergeNode in="SourceGraphic"/></feMerge></filter>
    <symbol id="box" viewBox="0 0 100 60"><rect width="100" height="60" rx="8" fill="url(#calm)" filter="url(#soft)"/></symbol>
  </defs>
  <use href="#box" x="10" y="30" width="100" height="60"/>
  <use xlink:href="#box" x="210" y="30" width="100" height="60"/>
  <line x1="112" y1="60" x2="206" y2="60" stroke="#333" stroke-width="2" marker-end="url(#arrow)"/>
  <g font-family="system-ui, 'Segoe UI', sans-serif" font-size="12" fill="#fff" text-anchor="middle">
    <text x="60" y="64" style="font-weight: bold; fill: rgb(255 255 255)">Call us</text>
    <text x="260" y="64" transform="rotate(0 260 64)" xml:space="preserve">Meet the team</text>
  </g>
</svg>
"""
# Each hostile file, and the exact lines the build prints for it (in the order of the files' paths).
HOSTILE_FILES: dict[str, tuple[str, list[str]]] = {
    "animate-href.svg": (
        SVG_OPEN + '  <animate attributeName="href" to="javascript:alert(1)" begin="0s"/>\n</svg>\n',
        ["2: <animate>: not allowed in an SVG file; remove it (an animation can change what the drawing links to)"],
    ),
    "billion-laughs.svg": (
        BILLION_LAUGHS,
        ["2: <!DOCTYPE>: not allowed in an SVG file; delete the line that starts with <!DOCTYPE (a drawing needs none)"],
    ),
    "compressed.svgz": (
        "not checked: refused by its name",
        ["1: a compressed SVG file (.svgz) cannot be checked; save it as a plain .svg file"],
    ),
    "external-href.svg": (
        SVG_OPEN + '  <use href="https://evil.example/sprite.svg#icon"/>\n  <use xlink:href="//evil.example/a.svg#b"/>\n</svg>\n',
        [
            "2: <use>: href may only point inside the file, like '#shape', got 'https://evil.example/sprite.svg#icon'",
            "3: <use>: xlink:href may only point inside the file, like '#shape', got '//evil.example/a.svg#b'",
        ],
    ),
    "foreign-object.svg": (
        SVG_OPEN + '  <foreignObject width="64" height="64">\n    <div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)'
        "</script></div>\n  </foreignObject>\n</svg>\n",
        ["2: <foreignObject>: not allowed in an SVG file; remove it (it puts a web page inside the drawing)"],
    ),
    "malformed.svg": (
        SVG_OPEN + '  <rect width="10" height="10">\n</svg>\n',
        ["3: not readable as an SVG file (mismatched tag); open it in a drawing program and save it again as plain SVG"],
    ),
    "onload.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"\n     onload="alert(document.domain)">\n</svg>\n',
        ["1: <svg>: onload= is not allowed in an SVG file; remove it (it runs a script)"],
    ),
    "script.svg": (
        SVG_OPEN + "  <circle cx=\"32\" cy=\"32\" r=\"30\"/>\n  <script>alert(document.cookie)</script>\n</svg>\n",
        ["3: <script>: not allowed in an SVG file; remove it (a script in a picture runs on the site)"],
    ),
    "set-href.svg": (
        SVG_OPEN + '  <set attributeName="xlink:href" to="javascript:alert(1)"/>\n</svg>\n',
        ["2: <set>: not allowed in an SVG file; remove it (an animation can change what the drawing links to)"],
    ),
    "SHOUTED.SVG": (
        SVG_OPEN + "<script>alert(1)</script>\n</svg>\n",
        ["2: <script>: not allowed in an SVG file; remove it (a script in a picture runs on the site)"],
    ),
    "style-url.svg": (
        SVG_OPEN + "  <style>rect { fill: url(https://evil.example/p.svg#a) }</style>\n"
        '  <rect width="64" height="64" style="fill: url(https://evil.example/p.svg#a)"/>\n</svg>\n',
        [
            '2: <style>: not allowed in an SVG file; set colours with attributes like fill="#3949ab" instead (export '
            'with "presentation attributes")',
            "3: <rect>: style: url() may only point inside the file, like url(#gradient), got 'fill: "
            "url(https://evil.example/p.svg#a)'",
        ],
    ),
}


def problem_lines(build: Build) -> list[str]:
    """What the build told the writer: its warnings and errors, without their level."""
    return [re.sub(r"^\w+\s+-\s+", "", line) for line in build.log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def published(site: Path) -> list[Path]:
    """What a build wrote: nothing, when it stopped before copying."""
    return list(site.rglob("*")) if site.exists() else []


def assert_stopped_before_copying(build: Build, lines: list[str]) -> None:
    """The build stopped with exactly these lines, no traceback, and wrote nothing."""
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    assert problem_lines(build) == lines
    assert published(build.site) == []


def outside_folder(where: Path) -> Path:
    """A folder outside the project, holding what a symlink could publish."""
    folder = where / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("the build machine's secret\n", encoding="utf-8")
    return folder


# Each symlink a pull request can carry: where it is in docs/, what it points at, and the line it gets.
SYMLINKS = {
    "file": ("assets/passwd.txt", lambda where: Path("/etc/passwd"), f"docs/assets/passwd.txt:1: {SYMLINK_FILE}"),
    "folder": ("assets/stolen", outside_folder, f"docs/assets/stolen:1: {SYMLINK_FOLDER}"),
    "dangling": ("blog/posts/gone.md", lambda where: where / "nowhere.md", f"docs/blog/posts/gone.md:1: {SYMLINK_FILE}"),
    "to itself": ("assets/loop", lambda where: Path("loop"), f"docs/assets/loop:1: {SYMLINK_FILE}"),
    # A name with a newline in it is one line of the log: it cannot write a line of its own.
    "odd name": (
        "assets/odd\nWARNING -  name.txt", lambda where: Path("/etc/hostname"),
        f"docs/assets/odd\\nWARNING -  name.txt:1: {SYMLINK_FILE}",
    ),
}


@pytest.mark.parametrize("kind", sorted(SYMLINKS))
def test_a_symlink_stops_the_build_before_anything_is_copied(tmp_path: Path, kind: str) -> None:
    name, target, expected = SYMLINKS[kind]
    project = copy_project(tmp_path / "project")
    (project / "docs" / name).symlink_to(target(tmp_path))
    assert_stopped_before_copying(run_build(project, tmp_path / "site"), [expected])


def test_a_symlinked_docs_folder_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs").rename(tmp_path / "elsewhere")
    (project / "docs").symlink_to(tmp_path / "elsewhere")
    assert_stopped_before_copying(run_build(project, tmp_path / "site"), [f"docs:1: {SYMLINK_FOLDER}"])


def test_every_symlink_is_told_and_the_last_one_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name, target, _ in SYMLINKS.values():
        (project / "docs" / name).symlink_to(target(tmp_path))
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    found = [line for line in build.log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert [line.split(" ", 1)[0] for line in found] == ["WARNING"] * (len(SYMLINKS) - 1) + ["ERROR"]
    assert sorted(problem_lines(build)) == sorted(expected for _, _, expected in SYMLINKS.values())
    assert published(build.site) == []


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site with every hostile drawing of HOSTILE_FILES in one folder of docs/."""
    where = tmp_path_factory.mktemp("hostile-svg")
    project = copy_project(where / "project")
    folder = project / HOSTILE
    folder.mkdir(parents=True)
    for name, (content, _) in HOSTILE_FILES.items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "clean-diagram.svg").write_text(CLEAN_DIAGRAM, encoding="utf-8")
    return run_build(project, where / "site")


def test_hostile_drawings_stop_the_build_before_anything_is_copied(hostile_build: Build) -> None:
    assert hostile_build.returncode == 1
    assert "Traceback" not in hostile_build.log
    assert published(hostile_build.site) == []


def test_each_hostile_drawing_gets_its_exact_lines(hostile_build: Build) -> None:
    expected = [
        f"{HOSTILE}/{name}:{line}"
        for name in sorted(HOSTILE_FILES)
        for line in HOSTILE_FILES[name][1]
    ]
    assert problem_lines(hostile_build) == expected


def test_a_clean_drawing_is_published(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "assets" / "images" / "first-visit.svg").write_text(CLEAN_DIAGRAM, encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.log
    assert (build.site / "assets" / "images" / "first-visit.svg").read_text(encoding="utf-8") == CLEAN_DIAGRAM


# The site's own drawings, whatever they are: its logo and every SVG a writer has added.
SITE_DRAWINGS = sorted(path for path in (ROOT / "docs").rglob("*") if path.suffix.lower() == ".svg")


def test_the_site_has_drawings_to_check() -> None:
    assert any(path.name == "logo.svg" for path in SITE_DRAWINGS)


@pytest.mark.parametrize("path", SITE_DRAWINGS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_drawing_of_the_site_passes(path: Path) -> None:
    assert check_svg(path.read_bytes()) == []


def test_a_clean_diagram_passes() -> None:
    assert check_svg(CLEAN_DIAGRAM.encode()) == []


def test_an_inkscape_drawing_passes() -> None:
    """What Inkscape writes beside the drawing means nothing to a browser."""
    drawing = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"\n'
        '     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf='
        '"http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"\n'
        '     xmlns:dc="http://purl.org/dc/elements/1.1/" inkscape:version="1.3" sodipodi:docname="x.svg" viewBox="0 0 10 10">\n'
        '  <sodipodi:namedview pagecolor="#ffffff" inkscape:zoom="1"/>\n'
        "  <metadata><rdf:RDF><cc:Work rdf:about=\"\"><dc:format>image/svg+xml</dc:format></cc:Work></rdf:RDF></metadata>\n"
        '  <g inkscape:label="Layer 1" inkscape:groupmode="layer"><rect width="5" height="5" style="fill:#3949ab"/></g>\n'
        "</svg>\n"
    )
    assert check_svg(drawing.encode()) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
         "<h:script>: not allowed in an SVG file; remove it (a script in a picture runs on the site)"),
        ('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>',
         "<h:iframe>: not allowed in an SVG file; remove it (it puts a web page inside the drawing)"),
        ('<h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x"/>',
         "<h:img>: not an SVG element; remove it, or export the drawing again as plain SVG"),
        ('<image href="photo.jpg" width="10" height="10"/>',
         "<image>: not allowed in an SVG file; remove it (it loads another file); save a photo as a PNG, JPEG or WebP "
         "file of its own"),
        ('<a href="#top"><circle r="3"/></a>',
         "<a>: not allowed in an SVG file; remove the link, and link the picture from the post instead"),
        ('<animateTransform attributeName="transform" type="rotate" from="0" to="360" dur="1s"/>',
         "<animateTransform>: not allowed in an SVG file; remove it (an animation can change what the drawing links to)"),
        ('<rect width="1" height="1" onclick="alert(1)"/>',
         "<rect>: onclick= is not allowed in an SVG file; remove it (it runs a script)"),
        ('<rect width="1" height="1" ONMOUSEOVER="alert(1)"/>',
         "<rect>: ONMOUSEOVER= is not allowed in an SVG file; remove it (it runs a script)"),
        ('<use href="&#106;avascript:alert(1)"/>',
         "<use>: href may only point inside the file, like '#shape', got 'javascript:alert(1)'"),
        ('<rect fill="url(https://evil.example/a.svg#p)"/>',
         "<rect>: fill: url() may only point inside the file, like url(#gradient), got 'url(https://evil.example/a.svg#p)'"),
        ('<rect filter="url(data:image/svg+xml;base64,AAAA)"/>',
         "<rect>: filter: 'data:' is not allowed in an SVG file, got 'url(data:image/svg+xml;base64,AAAA)'"),
        ('<rect style="fill: java&#9;script:x"/>',
         "<rect>: style: 'javascript:' is not allowed in an SVG file, got 'fill: java\\tscript:x'"),
        ("<rect style=\"background: image-set('https://evil.example/a.png' 1x)\"/>",
         "<rect>: style: image-set() is not allowed in an SVG file; use colours, lengths and url(#id) only"),
        ('<rect style="fill: \\75 rl(https://evil.example/)"/>',
         "<rect>: style: a backslash is not allowed here (CSS reads it as an escape), got 'fill: \\\\75 rl(https://evil.example/)'"),
        ('<g xml:base="https://evil.example/"/>',
         "<g>: xml:base= is not an attribute this site allows in an SVG file; remove it, or export the drawing again as plain SVG"),
        ('<rect cursor="pointer"/>',
         "<rect>: cursor= is not an attribute this site allows in an SVG file; remove it, or export the drawing again as plain SVG"),
        ("<blink/>",
         "<blink>: not an element this site allows in an SVG file; remove it, or export the drawing again as plain SVG"),
        ("&nbsp;",
         "not readable as an SVG file (a name like &nbsp; that XML does not know); write the character itself"),
    ],
)
def test_each_svg_rule_gets_its_exact_line(body: str, expected: str) -> None:
    assert check_svg(f"{SVG_OPEN}{body}\n</svg>\n".encode()) == [Problem(2, expected)]


def test_an_xml_stylesheet_is_refused() -> None:
    drawing = b'<?xml version="1.0"?>\n<?xml-stylesheet href="https://evil.example/a.css"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n'
    assert check_svg(drawing) == [Problem(2, "<?xml-stylesheet?>: not allowed in an SVG file; remove that line")]


def test_a_drawing_without_the_svg_namespace_is_refused_once() -> None:
    drawing = b'<svg viewBox="0 0 1 1">\n<script>alert(1)</script>\n</svg>\n'
    assert check_svg(drawing) == [
        Problem(1, '<svg>: add xmlns="http://www.w3.org/2000/svg" to it (without it, browsers show no drawing)'),
    ]


def test_a_refused_element_is_told_once_with_what_it_holds() -> None:
    drawing = f'{SVG_OPEN}<foreignObject>\n<script>alert(1)</script><a href="https://x"/>\n</foreignObject>\n</svg>\n'
    assert [problem.line for problem in check_svg(drawing.encode())] == [2]


def test_a_flood_of_problems_is_cut_to_a_count() -> None:
    drawing = SVG_OPEN + "".join(f'<rect onclick="x{n}"/>\n' for n in range(50)) + "</svg>\n"
    problems = check_svg(drawing.encode())
    assert len(problems) == 21
    assert problems[-1] == Problem(22, "30 more problems from this line on; export the drawing again as plain SVG")


def test_the_check_follows_no_symlink(tmp_path: Path) -> None:
    """The walk itself reads nothing through a link: a link to a folder with a hostile drawing is told as a link."""
    project = copy_project(tmp_path / "project")
    outside = outside_folder(tmp_path)
    (outside / "script.svg").write_text(HOSTILE_FILES["script.svg"][0], encoding="utf-8")
    os.symlink(outside, project / "docs" / "assets" / "linked")
    build = run_build(project, tmp_path / "site")
    assert problem_lines(build) == [f"docs/assets/linked:1: {SYMLINK_FOLDER}"]


UNPUBLISHED = (
    "the site does not publish {kind} from docs/; keep pages (.md), pictures (.png, .jpg, .jpeg, .webp, .gif, "
    ".avif, .svg, .ico) and documents (.pdf) here, and ask an engineer about anything else"
)


def test_a_file_the_site_does_not_publish_stops_the_build(tmp_path: Path) -> None:
    """An .html or .xml file would be a page of the site that no check has read; a .js file a script a
    page could load."""
    project = copy_project(tmp_path / "project")
    unchecked = {"handout.html": "<script>alert(1)</script>", "assets/feed.xsl": "<x/>", "assets/app.JS": "alert(1)",
                 "notes": "no ending"}
    for name, content in unchecked.items():
        (project / "docs" / name).write_text(content, encoding="utf-8")
    assert_stopped_before_copying(run_build(project, tmp_path / "site"), [
        f"docs/assets/app.JS:1: {UNPUBLISHED.format(kind='.js files')}",
        f"docs/assets/feed.xsl:1: {UNPUBLISHED.format(kind='.xsl files')}",
        f"docs/handout.html:1: {UNPUBLISHED.format(kind='.html files')}",
        f"docs/notes:1: {UNPUBLISHED.format(kind='files without a name ending like .md')}",
    ])


def test_pictures_documents_and_a_custom_domain_are_published(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    kept = {"CNAME": "blog.example.org\n", "assets/handout.pdf": "%PDF-1.4\n", "assets/images/.gitkeep": ""}
    for name, content in kept.items():
        (project / "docs" / name).write_text(content, encoding="utf-8")
    # A photo is published at its own address too, as its metadata-free copy (images.py).
    Image.new("RGB", (64, 48), (40, 120, 90)).save(project / "docs" / "assets" / "images" / "photo.JPG", format="JPEG")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.log
    for name in kept.keys() - {"assets/images/.gitkeep"}:
        assert (build.site / name).read_text(encoding="utf-8") == kept[name]
    with Image.open(build.site / "assets" / "images" / "photo.JPG") as photo:
        assert photo.format == "JPEG" and photo.size == (64, 48)


def test_a_symlink_in_the_theme_folder_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "overrides" / "assets" / "environment.txt").symlink_to("/proc/self/environ")
    build = run_build(project, tmp_path / "site")
    assert_stopped_before_copying(build, [f"overrides/assets/environment.txt:1: {SYMLINK_FILE}"])


def test_a_file_name_with_a_line_break_cannot_write_a_line_of_its_own(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    name = "bad\nINFO    -  Documentation built in 0.1 seconds.md"
    (project / "docs" / "blog" / "posts" / name).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    assert problem_lines(build) == [
        "docs/blog/posts/bad\\nINFO    -  Documentation built in 0.1 seconds.md:1: the name has an invisible "
        "character in it (a line break or a control character); rename it"
    ]
    assert not any(line.startswith("INFO    -  Documentation built in 0.1") for line in build.log.splitlines())
