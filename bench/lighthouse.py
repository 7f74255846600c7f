"""Lighthouse (mobile preset) on the home page and a post, served gzip from 127.0.0.1.

Prints, for each page, the median of several runs of the four category scores, the page weight
(bytes transferred) and the paint timings, for this site and, in the same run, for a vanilla Material
blog built from the same docs/. A measurement, not a test: it asserts nothing.

    cd bench && npm ci && cd .. && python bench/lighthouse.py [--runs 3]

Needs the Lighthouse pinned in bench/package.json (12.2.3) and Chromium at $CHROME_PATH
(default /usr/bin/chromium); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, copy_project, median, mkdocs, serve_gzip, write_vanilla_config

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"home": "", "post": "blog/ketamine-for-trauma-and-depression-a-guide/"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run, mobile preset (its default), on the system Chromium."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=env, check=True, capture_output=True, text=True,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def figures(result: dict) -> dict[str, float]:
    audits = result["audits"]
    found = {name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES}
    found["weight_kb"] = audits["total-byte-weight"]["numericValue"] / 1024
    found["fcp_ms"] = audits["first-contentful-paint"]["numericValue"]
    found["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    return found


def failing_audits(result: dict) -> list[str]:
    """The audits that cost points, to say what to fix when a score is under 100."""
    failing = []
    for name in CATEGORIES:
        for ref in result["categories"][name]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{name}: {audit['id']} ({audit['score']})")
    return failing


def measure(site: Path, runs: int, scratch: Path) -> dict[str, tuple[dict[str, float], list[str]]]:
    results = {}
    with serve_gzip(site) as base:
        for page, path in PAGES.items():
            runs_found, failing = [], set()
            for run in range(runs):
                result = lighthouse(base + path, scratch / f"{page}-{run}.json")
                runs_found.append(figures(result))
                failing.update(failing_audits(result))
            results[page] = ({key: median([found[key] for found in runs_found]) for key in runs_found[0]}, sorted(failing))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is printed)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci` in bench/ first.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        project = copy_project(scratch / "project")
        sites = {"this site": scratch / "site", "vanilla Material": scratch / "vanilla-site"}
        for name, config in (("this site", project / "mkdocs.yml"), ("vanilla Material", write_vanilla_config(project))):
            built = mkdocs(project, config, sites[name])
            if built.returncode != 0:
                print(f"{name}: the build failed\n{built.stdout}{built.stderr}", file=sys.stderr)
                return 1
        print(f"Lighthouse 12.2.3, mobile preset, median of {args.runs} runs, served gzip from 127.0.0.1 ({ROOT.name})")
        print(f"{'site':<18}{'page':<6}{'perf':>6}{'a11y':>6}{'bp':>6}{'seo':>6}{'weight KB':>11}{'FCP ms':>8}{'LCP ms':>8}")
        for name, site in sites.items():
            for page, (found, failing) in measure(site, args.runs, scratch).items():
                print(
                    f"{name:<18}{page:<6}{found['performance']:>6.0f}{found['accessibility']:>6.0f}"
                    f"{found['best-practices']:>6.0f}{found['seo']:>6.0f}{found['weight_kb']:>11.1f}"
                    f"{found['fcp_ms']:>8.0f}{found['lcp_ms']:>8.0f}"
                )
                if name == "this site" and failing:
                    print(f"{'':<24}costing points: {'; '.join(failing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
