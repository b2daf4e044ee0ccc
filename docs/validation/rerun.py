#!/usr/bin/env python3
"""Re-runs the validation table of docs/VALIDATION.md: each plan in docs/validation/ through
a pathways-cli binary, printing the FSM changes the issue reported and the costs.

Usage: python3 docs/validation/rerun.py PATH/TO/pathways-cli [--draws N] [--as-version 1]
                                       [--as-of 2017]
Run it with the current CLI (cargo build --release --bin pathways-cli) and `--as-of 2017`
(its area files open as of 2025; the table is for Hastings as of 2017) and, to compare,
with a CLI built from an older commit (whose files start in 2017, without the flag)."""
import csv
import io
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLANS = ["metacognition-alone", "five-very-low-cost", "all-levers", "ey-language-alone", "hastings-2017-2021"]
BASE = {"early_years": 0.56, "ks2": 0.25, "ks4": 0.25, "level3_by_19": 0.30}


def run(cli, plan, draws, as_version, as_of):
    path = HERE / f"{plan}.json"
    if as_version:
        # Older CLIs refuse newer scenario files: the same levers, relabelled.
        text = path.read_text().replace('"version": 2', f'"version": {as_version}')
        path = Path(tempfile.gettempdir()) / f"pathways-{plan}-v{as_version}.json"
        path.write_text(text)
    args = [cli, str(path)] + as_of
    if draws:
        args += ["--draws", str(draws), "--seed", "2017"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return {int(r["year"]): r for r in csv.DictReader(io.StringIO(out))}


def main():
    cli = sys.argv[1]
    draws = int(sys.argv[sys.argv.index("--draws") + 1]) if "--draws" in sys.argv else 0
    as_version = sys.argv[sys.argv.index("--as-version") + 1] if "--as-version" in sys.argv else None
    as_of = ["--as-of", sys.argv[sys.argv.index("--as-of") + 1]] if "--as-of" in sys.argv else []
    baseline = {int(r["year"]): r for r in csv.DictReader(io.StringIO(
        subprocess.run([cli] + as_of, capture_output=True, text=True, check=True).stdout))}
    print("plan | cost a year (2025) | GLD 2020 | KS2 2028 | KS4 2030 | L3 2032 | FSM NEET 2030 | £ per extra FSM child at GLD")
    for plan in PLANS:
        rows = run(cli, plan, draws, as_version, as_of)
        g = lambda y, k: float(rows[y][k])
        change = lambda y, stage: 100 * (g(y, f"{stage}_fsm_rate") - float(baseline[y][f"{stage}_fsm_rate"]))
        cells = []
        for y, stage in [(2020, "early_years"), (2028, "ks2"), (2030, "ks4"), (2032, "level3_by_19")]:
            text = f"{change(y, stage):+.1f}"
            if draws and f"{stage}_fsm_rate_change_p10" in rows[y]:
                text += f" ({100 * g(y, f'{stage}_fsm_rate_change_p10'):+.1f} to {100 * g(y, f'{stage}_fsm_rate_change_p90'):+.1f})"
            cells.append(text)
        neet = 100 * (g(2030, "neet_fsm_rate") - float(baseline[2030]["neet_fsm_rate"]))
        cells.append(f"{neet:+.1f}")
        total = sum(float(r["cost_gbp"]) for r in rows.values())
        extra = sum(float(r["early_years_fsm_reached"]) - float(baseline[y]["early_years_fsm_reached"]) for y, r in rows.items())
        per = f"£{total / extra:,.0f}" if extra > 0.01 else "–"
        print(f"{plan} | £{g(2025, 'cost_gbp'):,.0f} | " + " | ".join(cells) + f" | {per}")


if __name__ == "__main__":
    main()
