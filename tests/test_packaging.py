"""What ships: the README's test command is CI's, and the wheel carries the resources the app loads."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command_word_for_word():
    blocks = re.findall(r"```bash\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_wheel_carries_labels_guidelines_samples_and_icons(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("annotator/resources/labels.json", "annotator/resources/guidelines.md",
                   "annotator/resources/icons/app.svg", "annotator/cli/main.py"):
        assert needed in names
    assert sum(n.startswith("annotator/resources/samples/") and n.endswith(".txt") for n in names) >= 5
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)
