"""The CI recipes of docs/ci.md work as written (issue 9, part 8). `.ci/run` also runs the pre-commit
recipe with `pre-commit try-repo` against the clone."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _hook(hook_id: str) -> dict[str, str]:
    return next(h for h in HOOKS if h["id"] == hook_id)


@pytest.mark.parametrize(
    ("name", "validated", "formatted"),
    [
        ("package.json", False, False),
        ("frontend/tsconfig.json", False, False),
        ("data/fixtures.jsonl", False, False),
        ("annotations/xi.json", True, True),
        ("corpus/annotations/2020/xi.json", True, True),
        ("annotations/corpus.jsonl", True, False),
        ("data/xi.policy.json", True, True),
        ("data/all.policy.jsonl", True, False),
        ("examples/china-daily-ipr-2020/annotation.json", True, True),
        ("annotation.json", True, True),
        ("my_annotation.json", False, False),
    ],
)
def test_hooks_check_annotation_files_only(name: str, validated: bool, formatted: bool) -> None:
    # pre-commit matches `files` with re.search on the path relative to the repository root
    assert bool(re.search(_hook("policyschema-validate")["files"], name)) is validated
    assert bool(re.search(_hook("policyschema-lint")["files"], name)) is validated
    assert bool(re.search(_hook("policyschema-fmt")["files"], name)) is formatted


def test_the_shipped_examples_follow_the_convention() -> None:
    for path in (ROOT / "examples").glob("*/annotation.json"):
        assert re.search(_hook("policyschema-validate")["files"], str(path.relative_to(ROOT)))


def _snippet() -> str:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return next(block for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if "pre-commit-config" in block)


def test_the_pre_commit_snippet_names_hooks_that_exist() -> None:
    config = yaml.safe_load(_snippet())
    [repo] = config["repos"]
    ids = {h["id"] for h in HOOKS}
    assert {h["id"] for h in repo["hooks"]} <= ids


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs the git history")
def test_the_pre_commit_snippet_pins_a_commit_of_this_history_that_has_the_hooks() -> None:
    rev = yaml.safe_load(_snippet())["repos"][0]["rev"]
    assert re.fullmatch(r"[0-9a-f]{40}", rev), "pin a full commit SHA (tags are not published reliably)"
    ancestor = subprocess.run(["git", "-C", str(ROOT), "merge-base", "--is-ancestor", rev, "HEAD"], check=False)
    assert ancestor.returncode == 0, f"docs/ci.md pins {rev}, which is not in this branch's history: pin a commit of it"
    hooks_then = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:.pre-commit-hooks.yaml"], capture_output=True, check=True, text=True
    ).stdout
    ids_then = {h["id"] for h in yaml.safe_load(hooks_then)}
    snippet_ids = {h["id"] for h in yaml.safe_load(_snippet())["repos"][0]["hooks"]}
    assert snippet_ids <= ids_then, f"the commit {rev} does not have the hooks {snippet_ids - ids_then}"
    assert yaml.safe_load(hooks_then) == HOOKS, "pin a commit whose hooks are today's"
