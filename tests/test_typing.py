"""The package ships py.typed: its annotations must hold for its users' type checkers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_passes_on_the_package():
    # (the configuration, and the files checked, are pyproject.toml's [tool.mypy])
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                         text=True, check=False, timeout=300)
    assert run.returncode == 0, f"mypy found errors:\n{run.stdout}{run.stderr}"
