"""Start-up of what ships: the bundle against the virtual environment, and the bundle's size.

    python packaging/bench.py [--runs 5] [--bundle dist/arabic-reader] [--article FILE]

Each run is a new process: ``arabic-reader open ARTICLE --screenshot OUT.png``
from launch until the window, with every highlight painted, is saved and
the app has exited (the same command for both, runs interleaved so that a
busy machine slows both alike). One warm-up run each first fills the
per-user caches (word-usage table, compiled translation), as any second
start finds them. Prints the medians, their ratio (the target: the bundle
within 1.2x the venv) and the bundle's size (target: under 250 MB).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def launch_to_highlights(command: list[str], article: Path, home: Path) -> float:
    """Seconds for one ``open --screenshot`` run of ``command``."""
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    out = home / "shot.png"
    started = time.perf_counter()
    subprocess.run([*command, "open", str(article), "--screenshot", str(out)], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def folder_megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "arabic-reader")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    parser.add_argument("--article", type=Path, default=ROOT / "resources" / "samples" / "mosul-offensive.txt")
    args = parser.parse_args(argv)
    commands = {
        "venv": [str(args.venv / "bin" / "arabic-reader")],
        "bundle": [str(args.bundle / "arabic-reader")],
    }
    for name, command in commands.items():
        if not Path(command[0]).is_file():
            print(f"bench: no {name} at {command[0]} (make install / make bundle)", file=sys.stderr)
            return 1
    print(f"load average (1, 5, 15 min): {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="arabic-reader-bench-") as scratch:
        homes = {name: Path(scratch) / name for name in commands}
        for name, command in commands.items():
            homes[name].mkdir()
            launch_to_highlights(command, args.article, homes[name])  # warm-up: the per-user caches
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(launch_to_highlights(command, args.article, homes[name]))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:6} launch to highlights (open --screenshot): median {medians[name]:.2f} s  ({runs})")
    print(f"bundle / venv: {medians['bundle'] / medians['venv']:.2f} (target: at most 1.2)")
    print(f"bundle size: {folder_megabytes(args.bundle):.0f} MB (target: under 250 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
