"""scripts/run_replicas.sh and bench/run_load_matrix.sh refuse bad arguments before starting anything."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.deploy.conftest import PROJECT_DIR


@pytest.mark.parametrize(("script", "arg", "usage"), [
    ("scripts/run_replicas.sh", "many", "usage: .*run_replicas.sh \\[N replicas"),
    ("scripts/run_replicas.sh", "0", "usage: .*run_replicas.sh \\[N replicas"),
    ("bench/run_load_matrix.sh", "soon", "usage: .*run_load_matrix.sh \\[DURATION_S >= 5\\]"),
    ("bench/run_load_matrix.sh", "3", "usage: .*run_load_matrix.sh \\[DURATION_S >= 5\\]"),
])
def test_bad_arguments_exit_2_with_the_usage(script, arg, usage):
    done = subprocess.run(["bash", str(PROJECT_DIR / script), arg], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert re.search(usage, done.stderr), done.stderr
