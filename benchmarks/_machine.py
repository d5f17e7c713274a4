"""What the benchmark scripts share: the machine's CPU name and a timestamped log.

The scripts are run as files (``python benchmarks/bench_x.py``), so this folder is on
``sys.path`` and they import this module by its plain name.
"""

from __future__ import annotations

import platform
import sys
import time

_T0 = time.perf_counter()


def log(msg: str) -> None:
    """A progress line on stderr, with the seconds since the script started."""
    print(f"[{time.perf_counter() - _T0:6.0f}s] {msg}", file=sys.stderr, flush=True)


def cpu_name() -> str:
    """The CPU's model name (Linux), or what the platform module knows."""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
