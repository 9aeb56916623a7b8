"""Run the termlint benchmark and print the table (called by bench/run, which installs the tools).

Every case is run several times; the table shows the median wall time, the throughput it
implies, the median CPU time (user + system, all processes), the peak resident memory of
the largest process, and the ratio to termlint in the same case. Results go to
bench/results/latest.json and latest.md (and a time-stamped copy).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import corpus

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
BIN = Path(sys.executable).parent
TERMLINT = str(BIN / "termlint")
CODESPELL = str(BIN / "codespell")


@dataclass
class Row:
    """One measured command."""

    case: str
    tool: str
    command: list[str]
    megabytes: float
    runs: int
    wall: float = 0.0  # median seconds
    walls: list[float] = field(default_factory=list)
    cpu: float = 0.0  # median user+system seconds
    peak_mb: float = 0.0  # largest resident set of the process (or of one of its workers)
    exit_codes: list[int] = field(default_factory=list)
    ratio: float | None = None  # this tool's wall / termlint's wall in the same case

    @property
    def throughput(self) -> float | None:
        return self.megabytes / self.wall if self.megabytes and self.wall else None


def size_mb(paths: list[Path]) -> float:
    """Return the total size of files under `paths` in MB (10^6 bytes)."""
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            total += path.stat().st_size
    return total / corpus.MB


def run(case: str, tool: str, command: list[str], megabytes: float, runs: int, warm_up: bool = True) -> Row:
    """Run `command` `runs` times (after one warm-up run) and record the medians."""
    row = Row(case, tool, [str(c) for c in command], round(megabytes, 3), runs)
    cpus, peaks = [], []
    report = RESULTS / "time.out"
    for i in range(0 if warm_up else 1, runs + 1):
        # /usr/bin/time reports the peak memory of the command itself (a process forked from
        # this Python would keep this Python's high-water mark across exec).
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", str(report), *row.command],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - start
        if i == 0:
            continue  # warm-up: page cache, .pyc files
        fields = report.read_text().split()[-3:]
        row.walls.append(round(wall, 4))
        cpus.append(float(fields[1]) + float(fields[2]))
        peaks.append(int(fields[0]) / 1024)  # kB
        row.exit_codes.append(proc.returncode)
    report.unlink(missing_ok=True)
    row.wall = round(statistics.median(row.walls), 4)
    row.cpu = round(statistics.median(cpus), 4)
    row.peak_mb = round(max(peaks), 1)
    print(f"  {case:<28} {tool:<22} {row.wall:8.3f} s  {row.peak_mb:7.1f} MB", flush=True)
    return row


def instructions(command: list[str]) -> int | None:
    """Return the instructions `command` executes (valgrind callgrind), or None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    out = RESULTS / "callgrind.out"
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    try:
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    finally:
        out.unlink(missing_ok=True)
    return None


def machine() -> dict:
    """Describe the machine and the tools."""
    def version(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "missing"

    cpu = "unknown"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                   if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "unknown"
    try:
        kb = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            check=False).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": platform.platform(),
        "python": platform.python_version(), "load_average_at_start": os.getloadavg(),
        "termlint": version(TERMLINT, "--version") + f" (commit {commit})",
        "ripgrep": version("rg", "--version"), "pandoc": version("pandoc", "--version"),
        "codespell": version(CODESPELL, "--version"),
    }


def glossary_size() -> dict:
    from forms import literal_forms

    from termlint.glossary import load_glossaries

    glossary = load_glossaries()
    return {"entries": len(glossary.entries), "literal_forms": len(literal_forms())}


def profile(paths: list[Path], out: Path) -> None:
    """Write the top functions of a cProfile run of `termlint check -j 1 PATHS` to `out`."""
    data = out.with_suffix(".prof")
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(data), "-m", "termlint", "check", "-j", "1",
                    *map(str, paths)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    import io
    import pstats

    buffer = io.StringIO()
    pstats.Stats(str(data), stream=buffer).sort_stats("tottime").print_stats(25)
    out.write_text(buffer.getvalue())
    data.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpora, fewer runs (about two minutes)")
    parser.add_argument("--runs", type=int, help="runs per case (default 5, quick 2)")
    args = parser.parse_args()
    runs = args.runs or (2 if args.quick else 5)
    big = 10 if args.quick else 100
    RESULTS.mkdir(exist_ok=True)
    info = {"mode": "quick" if args.quick else "full", "runs": runs, "machine": machine(), "glossary": glossary_size()}
    print(f"termlint benchmark ({info['mode']}, {runs} runs per case, load {info['machine']['load_average_at_start']})")

    print("building corpora …", flush=True)
    corpus.prepare()
    one = corpus.one_line()
    laws = corpus.laws()
    law_files = sorted(laws.glob("*.txt"))
    many = corpus.many(big)
    single = corpus.single(40 if args.quick else 100)
    docx = corpus.docx_500_pages()
    patterns = corpus.OUT / "patterns.txt"
    patterns.write_text(subprocess.run([sys.executable, str(HERE / "forms.py")], capture_output=True, text=True,
                                       check=True).stdout, encoding="utf-8")
    folders = sorted(p for p in many.iterdir() if p.is_dir())
    rows: list[Row] = []
    add = rows.append

    print("measuring …", flush=True)
    add(run("start-up: one-line file", "termlint", [TERMLINT, "check", one], 0, max(runs, 10)))
    add(run("start-up: --version", "termlint", [TERMLINT, "--version"], 0, max(runs, 10)))
    add(run("start-up: one-line file", "ripgrep", ["rg", "-i", "-F", "-f", patterns, one], 0, max(runs, 10)))
    add(run("start-up: one-line file", "codespell", [CODESPELL, one], 0, max(runs, 10)))
    info["startup_instructions"] = {"termlint check one-line.txt": instructions([TERMLINT, "check", str(one)]),
                                    "python -c pass": instructions([sys.executable, "-c", "pass"])}

    mb = size_mb(law_files)
    add(run("laws (RO+EN), 1 core", "termlint -j 1", [TERMLINT, "check", "-j", "1", *law_files], mb, runs))
    add(run("laws (RO+EN), 1 core", "ripgrep -j 1", ["rg", "-j", "1", "-i", "-F", "-f", patterns, *law_files], mb, runs))
    add(run("laws (RO+EN), 1 core", "codespell", [CODESPELL, *law_files], mb, runs))

    mb = size_mb([many])
    case = f"{big} MB in {len(list(many.rglob('*.txt')))} files"
    add(run(case, "termlint -j 1", [TERMLINT, "check", "-j", "1", many], mb, runs))
    add(run(case, "termlint -j 2", [TERMLINT, "check", "-j", "2", many], mb, runs))
    add(run(case, "ripgrep", ["rg", "-i", "-F", "-f", patterns, many], mb, runs))
    add(run(case, "ripgrep -j 2", ["rg", "-j", "2", "-i", "-F", "-f", patterns, many], mb, runs))
    add(run(case, "codespell", [CODESPELL, many], mb, 1, warm_up=False))  # minutes per run

    mb = size_mb([single])
    case = f"one {round(mb)} MB file"
    add(run(case, "termlint", [TERMLINT, "check", single], mb, max(1, runs // 2)))
    add(run(case, "ripgrep", ["rg", "-i", "-F", "-f", patterns, single], mb, max(1, runs // 2)))

    for share in (4, 2, 1):
        chosen = folders[: max(1, len(folders) // share)]
        mb = size_mb(chosen)
        add(run(f"scaling: {mb:.0f} MB", "termlint -j 1", [TERMLINT, "check", "-j", "1", *chosen], mb, max(1, runs // 2)))

    mb = size_mb([docx])
    add(run("500-page .docx", "termlint", [TERMLINT, "check", docx], mb, runs))
    add(run("500-page .docx", "pandoc -t plain", ["pandoc", "-t", "plain", "-o", "/dev/null", docx], mb, runs))

    for row in rows:
        base = next((r for r in rows if r.case == row.case and r.tool.startswith("termlint")), None)
        if base is not None and base.wall:
            row.ratio = round(row.wall / base.wall, 3)
    profile(folders[:1], RESULTS / "profile-latest.txt")
    info["rows"] = [asdict(r) | {"throughput_mb_s": r.throughput} for r in rows]
    info["machine"]["load_average_at_end"] = os.getloadavg()
    table = render(info, rows)
    print(table)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in ("latest", f"{stamp}-{info['mode']}"):
        (RESULTS / f"{name}.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n")
        (RESULTS / f"{name}.md").write_text(table)
    return 0


def render(info: dict, rows: list[Row]) -> str:
    """Return the results as a Markdown report."""
    m = info["machine"]
    lines = [
        f"Benchmark ({info['mode']}, median of {info['runs']} runs; {m['cpu']}, {m['cores']} cores, {m['memory']}, "
        f"Python {m['python']}; load average {tuple(round(x, 1) for x in m['load_average_at_start'])} at start, "
        f"{tuple(round(x, 1) for x in m['load_average_at_end'])} at end)",
        "",
        f"Glossary: {info['glossary']['entries']} entries, {info['glossary']['literal_forms']} literal forms "
        "(the ripgrep pattern list).",
        "",
        "| case | tool | MB | wall s (median) | MB/s | CPU s | peak MB | × termlint |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        tput = f"{r.throughput:.1f}" if r.throughput else ""
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        lines.append(f"| {r.case} | {r.tool} | {r.megabytes:g} | {r.wall:.3f} | {tput} | {r.cpu:.3f} | "
                     f"{r.peak_mb:.0f} | {ratio} |")
    ins = info.get("startup_instructions") or {}
    if any(ins.values()):
        lines += ["", "Start-up instructions (valgrind callgrind, independent of machine load): "
                  + "; ".join(f"`{k}` {v / 1e6:.0f} M" for k, v in ins.items() if v)]
    scaling = [r for r in rows if r.case.startswith("scaling")]
    startup = next((r for r in rows if r.case == "start-up: one-line file" and r.tool == "termlint"), None)
    if len(scaling) == 3 and startup is not None:
        per_mb = [(r.cpu - startup.cpu) / r.megabytes for r in scaling]
        lines += ["", "Scaling (CPU seconds per MB, start-up subtracted, at "
                  + ", ".join(f"{r.megabytes:.0f}" for r in scaling) + " MB): "
                  + ", ".join(f"{x:.4f}" for x in per_mb)
                  + f" — largest/smallest {max(per_mb) / min(per_mb):.2f} (1.00 is perfectly linear)"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
