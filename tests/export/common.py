"""Shared by check_docx.py and check_xlsx.py: a demo town made with the real jiceng-cli, and a
SKIPPED line (ctest's skip marker) when the Debian reader library is not installed."""
import subprocess
import sys
import tempfile
from pathlib import Path


def require(module):
    try:
        return __import__(module)
    except ImportError:
        print(f"SKIPPED: {module} is not installed (apt-get install python3-{module.split('.')[0]})")
        sys.exit(0)


def demo_town(bin_dir):
    work = Path(tempfile.mkdtemp(prefix="jiceng-export-"))
    db = work / "town.db"
    cli(bin_dir, "demo", str(db))
    return work, db


def cli(bin_dir, *args, expect=0):
    r = subprocess.run([str(Path(bin_dir) / "jiceng-cli"), *args], capture_output=True, text=True)
    if r.returncode != expect:
        sys.exit(f"jiceng-cli {' '.join(args)}: exit {r.returncode}, expected {expect}\n{r.stdout}{r.stderr}")
    return r


class Checks:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAILED:", what)

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
