"""What the benchmark scripts share: percentiles and a description of the machine."""

from __future__ import annotations

import os
import platform
import statistics
from pathlib import Path


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50, p95 and p99 of timings in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def machine() -> dict[str, str]:
    """The figures' context: cores, CPU, memory, system and Python versions."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "inconnu",
    )
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": f"{memory / 2**30:.1f} Gio",
        "python": platform.python_version(),
        "os": platform.platform(),
    }


def machine_line() -> str:
    info = machine()
    return (
        f"{info['nproc']} cœurs (nproc), CPU {info['cpu']}, {info['ram']} de mémoire, "
        f"Python {info['python']}, {info['os']}"
    )
