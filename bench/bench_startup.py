"""How long a ``chidao`` command takes before it starts working: wall-clock start-up.

Times, as separate processes (the way a user runs them): the bare interpreter
(``python -c pass``), ``chidao --help``, ``chidao lineage DOC`` and
``chidao cascade DOC`` on a store ingested from ``data/samples`` (built once in a
temporary folder), and prints the median of ``--runs`` runs of each, minus and
plus the interpreter's own start-up. Then it lists the imports that dominate
``lineage`` (``python -X importtime``, cumulative microseconds of the top-level
packages), which says what is left to make lazy.

Usage::

    .venv/bin/python -m bench.bench_startup --runs 7
    # the same commands run by another checkout's interpreter (a "before" figure):
    .venv/bin/python -m bench.bench_startup --python /work/main/.venv/bin/python

Targets (issue #15): ``chidao --help`` ≤ 0.3 s, ``chidao lineage`` ≤ 0.7 s.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
#: A district letter of the bundled samples: its lineage climbs two levels.
LINEAGE_DOC = "281-CV/HU"
CASCADE_DOC = "68/NQ-CP"


def _wall(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _cli(python: str, *args: str) -> list[str]:
    return [python, "-c", "from chidao.cli.main import main; main()", *args]


_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)$")


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:3] if parts[0] == "chidao" else parts[:1])


def top_imports(python: str, args: list[str], top: int = 10) -> list[tuple[str, int]]:
    """The ``top`` packages by import time (µs, own modules summed) while running ``args``.

    chidao's modules are summed per subpackage (``chidao.graph.analysis``), others
    per distribution (``networkx``)."""
    code = (
        "import sys; from chidao.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass"
    )
    out = subprocess.run(
        [python, "-X", "importtime", "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    found: dict[str, int] = {}
    for line in out.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            name = _package(m.group(2))
            found[name] = found.get(name, 0) + int(m.group(1))
    return sorted(found.items(), key=lambda kv: -kv[1])[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--python", default=sys.executable, help="interpreter to time")
    args = parser.parse_args(argv)
    py = args.python
    with tempfile.TemporaryDirectory(prefix="chidao-startup-") as tmp:
        store = str(Path(tmp) / "store")
        subprocess.run(
            [*_cli(py, "ingest", str(SAMPLES), "--store", store)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        bare = _wall([py, "-c", "pass"], args.runs)
        cases = {
            "chidao --help": _cli(py, "--help"),
            f"chidao lineage {LINEAGE_DOC}": _cli(py, "lineage", LINEAGE_DOC, "--store", store),
            f"chidao cascade {CASCADE_DOC}": _cli(py, "cascade", CASCADE_DOC, "--store", store),
        }
        print(f"interpreter: {py}; median of {args.runs} runs")
        print(f"| command | wall | minus bare python ({bare:.3f} s) |")
        print("|---|---:|---:|")
        for name, cmd in cases.items():
            t = _wall(cmd, args.runs)
            print(f"| `{name}` | {t:.2f} s | {t - bare:.2f} s |")
        print(f"\nimports that dominate `chidao lineage {LINEAGE_DOC}` (self time per package):")
        for name, us in top_imports(py, ["lineage", LINEAGE_DOC, "--store", store]):
            print(f"  {us / 1e6:6.3f} s  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
