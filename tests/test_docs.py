"""The tutorial docs/authoring.md runs as written: its Python blocks, in order, in one namespace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_authoring_tutorial_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert len(blocks) >= 5
    monkeypatch.chdir(tmp_path)  # the tutorial writes a file
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/authoring.md block {number}", "exec"), namespace)
    assert (tmp_path / "floods.policy.json").is_file()


def test_the_readme_use_section_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    use = text[text.index("## Use") : text.index("\n## ", text.index("## Use") + 1)]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    for number, block in enumerate(re.findall(r"```python\n(.*?)```", use, re.DOTALL), 1):
        if "manifesto.json" in block:
            continue  # needs the user's own file
        exec(compile(block, f"README.md Use block {number}", "exec"), namespace)
