"""Benchmark `trustledger generate`: wall time, CPU time and peak RSS per database and size.

Each case runs the real command as a subprocess against a fresh database (SQLite: a new data
dir under /tmp, migrated with `trustledger migrate`; PostgreSQL: a scratch database created
with createdb) and reads the child's own rusage. Results accumulate in a JSON file, so the
long cases can run one by one (in the background); `--readme` renders the `## generate`
section of benchmarks/README.md from them.

    .venv/bin/python benchmarks/generate.py --database sqlite --events 1000000
    .venv/bin/python benchmarks/generate.py --database postgresql --events 1000000
    .venv/bin/python benchmarks/generate.py --readme
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin" / "trustledger"
RESULTS = Path(tempfile.gettempdir()) / "trustledger-generate-bench.json"
README = ROOT / "benchmarks" / "README.md"
PG_URL = "postgres://postgres@127.0.0.1:5432/{db}"


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MiB and stdout of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with status {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out.strip()


def case(database: str, people: int, units: int, events: int, seed: int) -> dict[str, object]:
    env = {**os.environ, "TRUSTLEDGER_DEBUG": "1"}
    env.pop("TRUSTLEDGER_DATABASE_URL", None)
    if database == "sqlite":
        data_dir = Path(tempfile.mkdtemp(prefix="tl-generate-"))
        env["TRUSTLEDGER_DATA_DIR"] = str(data_dir)
        setup = [f"TRUSTLEDGER_DATA_DIR={data_dir} trustledger migrate"]
    else:
        db = f"tl_bench_generate_{events}"
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", db], check=True
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
        env["TRUSTLEDGER_DATABASE_URL"] = PG_URL.format(db=db)
        setup = [
            f"createdb -h 127.0.0.1 -U postgres {db}",
            f"TRUSTLEDGER_DATABASE_URL={PG_URL.format(db=db)} trustledger migrate",
        ]
    subprocess.run([str(BIN), "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    args = ["generate", "--people", str(people), "--units", str(units), "--events", str(events)]
    args += ["--seed", str(seed), "--until", "2026-11-20"]
    wall, cpu, rss, out = run([str(BIN), *args], env)
    size = ""
    if database == "sqlite":
        size = f"{(data_dir / 'trustledger.sqlite3').stat().st_size / 2**30:.1f} GiB"
        shutil.rmtree(data_dir)
    else:
        size = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc",
             "SELECT pg_size_pretty(pg_database_size(current_database()))"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    participants = re.search(r"(\d+) participants", out)
    return {
        "database": database,
        "people": people,
        "units": units,
        "events": events,
        "participants": int(participants[1]) if participants else None,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "peak_rss_mib": rss,
        "database_size": size,
        "load_at_end": os.getloadavg()[0],
        "commands": [*setup, "trustledger " + " ".join(args)],
        "summary": out.splitlines()[-1] if out else "",
    }


def machine() -> str:
    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "SHOW server_version"],
        capture_output=True, text=True,
    ).stdout.strip() or "unreachable"  # fmt: skip
    return (
        f"{os.cpu_count()} CPUs (nproc), {int(memory) / 2**20:.0f} GiB memory, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, PostgreSQL {pg}, "
        f"{platform.system()} {platform.release()}"
    )


def render(results: list[dict[str, object]]) -> str:
    lines = [
        "## generate",
        "",
        "`trustledger generate` writing a generated organization through the bulk path "
        "(see docs/generate.md). Each run: a fresh database, the command as a subprocess, "
        "its own rusage (wall time, user+system CPU, peak RSS). Made by "
        "`benchmarks/generate.py`.",
        "",
        f"Machine: {machine()}.",
        "The machine was shared with other jobs while these ran (load average in "
        "the table: 1-minute load average when the run ended), so wall times are pessimistic; "
        "CPU time (user + system of the command) is the steadier figure. On PostgreSQL the CPU "
        "column counts the client only; the server's work (COPY, index builds) is not in it.",
        "",
        "| database | people | units | events | participants | wall | CPU | peak RSS | size | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['people']:,} | {r['units']:,} | {r['events']:,} | "
            f"{r['participants']:,} | {r['wall_s']} s | {r['cpu_s']} s | "
            f"{r['peak_rss_mib']} MiB | {r['database_size']} | {r.get('load_at_end', r.get('load_before', 0)):.1f} |"
        )
    lines += ["", "Commands:", ""]
    for r in results:
        lines += [f"    {c}" for c in r["commands"]] + [""]
    lines += [
        "",
        "Reproduce: `.venv/bin/python benchmarks/generate.py --database sqlite --events 1000000` "
        "(and `--database postgresql`, `--events 20000000`), then "
        "`.venv/bin/python benchmarks/generate.py --readme`. The generate command runs with "
        "the same TRUSTLEDGER_* variables as the migrate command above it.",
        "",
        "",
    ]
    return "\n".join(lines)


def write_readme(section: str) -> None:
    text = README.read_text() if README.exists() else "# Benchmarks\n\n"
    pattern = re.compile(r"^## generate\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else (
        text.rstrip("\n") + "\n\n" + section
    )  # fmt: skip
    README.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--readme", action="store_true", help="Render benchmarks/README.md.")
    args = parser.parse_args()
    result = None
    if args.database:
        result = case(args.database, args.people, args.units, args.events, args.seed)
        print(json.dumps(result), file=sys.stderr)
    # Read after the run: several cases may run at once and share the file.
    results = json.loads(args.results.read_text()) if args.results.exists() else []
    if result is not None:
        results = [
            r
            for r in results
            if (r["database"], r["events"], r["people"])
            != (args.database, args.events, args.people)
        ] + [result]
        results.sort(key=lambda r: (r["database"] != "sqlite", r["events"]))
        args.results.write_text(json.dumps(results, indent=1))
    if args.readme:
        write_readme(render(results))


if __name__ == "__main__":
    main()
