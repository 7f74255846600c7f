"""The writers' report: each post's authors, medical review (last, next due, overdue) and reading level,
and the passages awaiting the clinic's confirmation (hooks/mindwork_site/writers_report.py).

    python .ci/writers_report.py                  # print it
    python .ci/writers_report.py --summary        # also add it to the GitHub Actions job summary
    python .ci/writers_report.py --due-first      # open with the posts due for review (the deploy's summary)
    python .ci/writers_report.py --today 2027-06-01

A figure for the clinic, never a gate: it exits 0 whatever the posts say (1 only when mkdocs.yml cannot
be read).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument("--today", type=date.fromisoformat, help="the day to report on (default: today, in UTC)")
    parser.add_argument("--summary", action="store_true", help="append the report to $GITHUB_STEP_SUMMARY too")
    parser.add_argument("--due-first", action="store_true", help="open with the posts due for medical review")
    arguments = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = Path(arguments.config).resolve()
    sys.path.insert(0, str(config_file.parent / "hooks"))
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from mindwork_site.settings import SettingsError, read_settings
    from mindwork_site.writers_report import post_reports, report

    try:
        config = load_config(str(config_file))
        months = read_settings(config.extra, Path(config.docs_dir)).review.months
    except (ConfigurationError, SettingsError) as error:
        print(f"{config_file.name}: {error}", file=sys.stderr)
        return 1
    today = arguments.today or datetime.now(timezone.utc).date()
    text = report(post_reports(config, months, today), months, today, due_first=arguments.due_first)
    sys.stdout.write(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if arguments.summary and summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
