#!/usr/bin/env python3
"""Alternating A/B runs of the whole-process hunt, for a noisy machine.

Runs `LAUNCHER --home HOME --json hunt --sensor bench [ARGS] LOG` for launcher A, then B, N times,
emptying the history before each run, and prints per launcher the median and range of the hunt's
own seconds, of wall time and of CPU time (user + system). Two builds are compared by pointing A at
a second work tree (`git worktree add /tmp/before <commit>`, then `./threatledger --version` there
builds it).

Usage: bench/scripts/hunt_ab.py A_LAUNCHER B_LAUNCHER [--runs N] [--home DIR] [-- HUNT ARGS...]
The log and indicators are those of bench/scripts/hunt.sh (run it once first to generate them);
without --home, a home is made in /tmp and the indicators imported into it with launcher B.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

LOG = "/tmp/threatledger-bench-dns.log"
INTEL = "/tmp/threatledger-bench-indicators.txt"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--runs", type=int, default=6)
    p.add_argument("--home")
    argv = sys.argv[1:]
    hunt_args = argv[argv.index("--") + 1:] if "--" in argv else []
    args = p.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    for f in (LOG, INTEL):
        if not os.path.exists(f):
            sys.exit(f"{f} is missing: run bench/scripts/hunt.sh once first")
    home = args.home
    if home is None:
        home = tempfile.mkdtemp(prefix="threatledger-ab-")
        subprocess.run([args.b, "--home", home, "import", INTEL, "--format", "csv", "--subdomains",
                        "--source", "bench"], check=True, stdout=subprocess.DEVNULL)
    results = {args.a: [], args.b: []}
    for _ in range(args.runs):
        for launcher in (args.a, args.b):
            shutil.rmtree(os.path.join(home, "history"), ignore_errors=True)
            run = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", launcher, "--home", home, "--json", "hunt",
                                  "--sensor", "bench", *hunt_args, LOG], capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"{launcher} failed:\n{run.stderr}")
            seconds = float(re.search(r'"seconds":([0-9.]+)', run.stdout).group(1))
            wall, user, system = map(float, run.stderr.strip().split("\n")[-1].split())
            results[launcher].append((seconds, wall, user + system))
    for launcher, runs in results.items():
        def stat(i):
            xs = [r[i] for r in runs]
            return f"median {statistics.median(xs):.2f} ({min(xs):.2f}-{max(xs):.2f})"
        print(f"{launcher}: hunt seconds {stat(0)} | wall {stat(1)} | cpu {stat(2)}")


if __name__ == "__main__":
    main()
