"""The GitHub workflows: zizmor finds nothing, every action is pinned, permissions stay narrow."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True.
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def zizmor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    zizmor_bin = Path(sys.executable).with_name("zizmor")
    return subprocess.run(
        [str(zizmor_bin), "--offline", "--no-progress", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )


def test_zizmor_reports_nothing() -> None:
    result = zizmor(".github/workflows", ".github/dependabot.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_would_catch_an_unpinned_action(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v5\n",
        encoding="utf-8",
    )
    assert zizmor(bad).returncode != 0


def test_every_action_is_pinned_to_a_full_commit_with_its_version() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: {line}"


def test_checkouts_leave_no_credentials_and_nothing_runs_on_pull_request_target() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert "pull_request_target" not in data[True], path.name
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_ci_checks_writers_first_then_runs_the_ci_script() -> None:
    ci = workflow("ci.yml")
    assert set(ci[True]) == {"pull_request", "push"}
    assert ci["permissions"] == {}
    writers, test = ci["jobs"]["writers"], ci["jobs"]["test"]
    assert writers["permissions"] == test["permissions"] == {"contents": "read"}
    assert any(step.get("run", "").endswith("python .ci/writers_check.py") for step in writers["steps"])
    assert test["needs"] == "writers"
    assert any(step.get("run") == "bash .ci/run" for step in test["steps"])
    for job in ci["jobs"].values():
        assert not any("-q" in step.get("run", "").split() for step in job["steps"])


def test_the_preview_is_built_and_uploaded_even_when_the_check_fails() -> None:
    steps = workflow("ci.yml")["jobs"]["writers"]["steps"]
    check = next(index for index, step in enumerate(steps) if "writers_check.py" in step.get("run", ""))
    build = next(step for step in steps if "--site-dir preview" in step.get("run", ""))
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    summary = next(step for step in steps if "preview_summary.py" in step.get("run", ""))
    assert steps.index(build) > check and steps.index(upload) > steps.index(build)
    # After a failed step, GitHub skips the steps that follow unless their `if` says otherwise.
    for step in (build, upload):
        assert step["if"] == "${{ !cancelled() }}", step["name"]
    assert "!cancelled()" in summary["if"]
    assert "--strict" not in build["run"] and "--no-directory-urls" in build["run"]
    assert build["env"]["BLOG_SHOW_DRAFTS"] == "true"
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"] == "preview"
    assert summary["env"]["PREVIEW_URL"] == f"${{{{ steps.{upload['id']}.outputs.artifact-url }}}}"


def test_deploy_is_narrow_and_only_its_deploy_job_may_write() -> None:
    deploy = workflow("deploy.yml")
    assert set(deploy[True]) == {"push", "schedule", "workflow_dispatch"}
    assert deploy[True]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"]["group"] == "pages"
    jobs = deploy["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    uses = [step.get("uses", "") for job in jobs.values() for step in job["steps"]]
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses)
    assert any(use.startswith("actions/deploy-pages@") for use in uses)


def test_dependabot_watches_pip_and_actions() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "github-actions"}


def test_post_changes_go_to_the_clinics_reviewers() -> None:
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert re.search(r"^/docs/blog/posts/ @\S+", owners, re.MULTILINE)


def test_a_codespace_installs_the_lock_and_serves_the_site_with_search() -> None:
    container = json.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert "--require-hashes -r requirements.txt" in container["postCreateCommand"]
    serve = container["postAttachCommand"]
    assert "mkdocs serve" in serve and "--dirty" not in serve and "-q" not in serve.split()
    assert 8000 in container["forwardPorts"] and "127.0.0.1:8000" in serve
    assert container["containerEnv"]["NO_MKDOCS_2_WARNING"] == "1"
