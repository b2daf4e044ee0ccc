#!/usr/bin/env python3
"""Back-test chart and table: projected Hastings FSM rates against published figures.

    pathways-cli docs/validation/hastings-2017-2021.json --as-of 2017 --draws 1000 > /tmp/scenario.csv
    pathways-cli --as-of 2017 --draws 1000 > /tmp/baseline.csv
    python3 docs/validation/backtest.py /tmp/scenario.csv /tmp/baseline.csv

Arguments
  argv[1]  projection CSV of the scenario from `pathways-cli SCENARIO --draws N`
           (uses `year`, `<stage>_fsm_rate`, `<stage>_fsm_rate_p10`, `_p90` and
           `neet_fsm_rate[_p10|_p90]`; without --draws the band is left out)
  argv[2]  projection CSV of the baseline (same format; only `<stage>_fsm_rate` is used)
  argv[3]  optional observed CSV (default: observed-hastings.csv beside this script,
           made by make_observed.py)
Options
  --svg PATH        where to write the chart (default: backtest.svg beside this script)
  --from YEAR       first year shown (default 2015)
  --to YEAR         last year shown (default 2025)
  --all-groups      list every observed group in the table (default: FSM and
                    disadvantaged rows, and all-pupil rows only where no FSM or
                    disadvantaged figure of the same measure, geography and year exists)

Writes a hand-written SVG (standard library only): one panel each for GLD, KS2 and KS4
with the baseline line, the scenario line and its P10-P90 band, and observed points for
East Sussex (county proxy) and England, FSM and disadvantaged, plus the seed deck's
Hastings FSM figure. Prints a markdown table for every stage (GLD, KS2, KS4, Level 3 by 19,
NEET): projected FSM rate (baseline, scenario with P10-P90) beside each observed figure,
its geography, group, measure and caveat.
"""

import csv
import math
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent

COUNTY = "East Sussex (county proxy)"
ENGLAND = "England"
HASTINGS = "Hastings"

# (stage key in observed CSV, projection column prefix, table label)
TABLE_STAGES = [
    ("early_years", "early_years_fsm_rate", "GLD (age 5)"),
    ("ks2", "ks2_fsm_rate", "KS2 RWM"),
    ("ks4", "ks4_fsm_rate", "KS4 E&M 4+"),
    ("level3_by_19", "level3_by_19_fsm_rate", "Level 3 by 19"),
    ("neet", "neet_fsm_rate", "NEET"),
]
PANELS = [
    ("early_years", "early_years_fsm_rate", "Good level of development, age 5"),
    ("ks2", "ks2_fsm_rate", "KS2: expected standard in RWM"),
    ("ks4", "ks4_fsm_rate", "KS4: grade 4+ English and maths"),
]
# Years each panel marks as a break: (from, to, label).
BREAKS = {
    "early_years": [(2020, 2021, "not collected")],
    "ks2": [(2020, 2021, "no tests")],
    "ks4": [(2020, 2021, "assessed grades")],
}
REFORM_LINE = {"early_years": (2021.5, "EYFS reform")}
# Observed measures that are not the model's outcome for their stage: drawn faded.
OFF_MEASURE = {"ks4_em_grade5plus"}

GEOGRAPHY_ORDER = [HASTINGS, COUNTY, ENGLAND]
GROUP_ORDER = ["fsm", "disadvantaged", "all", "non_fsm", "non_disadvantaged"]

# Colours: Okabe-Ito (colour-blind safe); shapes and fills also differ, for greyscale.
SCENARIO = "#0072B2"
BASELINE = "#555555"
VERMILLION = "#D55E00"
BLACK = "#000000"
PURPLE = "#CC79A7"
MARKERS = {
    (COUNTY, "fsm"): ("circle", VERMILLION, True, "East Sussex FSM (county proxy)"),
    (COUNTY, "disadvantaged"): ("triangle", VERMILLION, True,
                                "East Sussex disadvantaged (county proxy)"),
    (ENGLAND, "fsm"): ("circle", BLACK, False, "England FSM"),
    (ENGLAND, "disadvantaged"): ("triangle", BLACK, False, "England disadvantaged"),
    (HASTINGS, "fsm"): ("diamond", PURPLE, True, "Hastings FSM (seed deck, base year)"),
}


# ----------------------------------------------------------------------------- input

def read_projection(path):
    """{year: {column: float or None}} from a pathways-cli CSV."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "year" not in reader.fieldnames:
            raise SystemExit(f"{path}: no 'year' column; is this pathways-cli CSV output?")
        table = {}
        for row in reader:
            values = {}
            for key, text in row.items():
                try:
                    values[key] = float(text) if text not in (None, "") else None
                except ValueError:
                    values[key] = None
            table[int(float(row["year"]))] = values
    return table


def read_observed(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["year"] = int(row["year"])
        row["value"] = float(row["value"]) if row["value"] != "" else None
    return rows


def series(projection, column, years):
    return [(y, projection[y].get(column)) for y in years
            if y in projection and projection[y].get(column) is not None]


def has_band(projection, column):
    return any(r.get(column + "_p10") is not None and r.get(column + "_p90") is not None
               for r in projection.values())


# ----------------------------------------------------------------------------- SVG

class Frame:
    """Maps (year, share) to pixels inside one panel's plot area."""

    def __init__(self, left, top, width, height, x0, x1, y0, y1):
        self.left, self.top, self.width, self.height = left, top, width, height
        self.x0, self.x1, self.y0, self.y1 = x0, x1, y0, y1

    def x(self, year):
        return self.left + (year - self.x0) / (self.x1 - self.x0) * self.width

    def y(self, share):
        return self.top + (1 - (share - self.y0) / (self.y1 - self.y0)) * self.height


def f1(v):
    return f"{v:.1f}"


def marker(shape, cx, cy, colour, filled, faded, tip, size=4.5):
    fill = colour if filled else "#ffffff"
    style = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    if faded:
        style += ' fill-opacity="0.35" stroke-opacity="0.6" stroke-dasharray="2 1.5"'
    if shape == "circle":
        body = f'<circle cx="{f1(cx)}" cy="{f1(cy)}" r="{size}" {style}>'
    else:
        if shape == "triangle":
            pts = [(cx, cy - size * 1.2), (cx + size * 1.1, cy + size * 0.8),
                   (cx - size * 1.1, cy + size * 0.8)]
        else:  # diamond
            pts = [(cx, cy - size * 1.3), (cx + size * 1.1, cy), (cx, cy + size * 1.3),
                   (cx - size * 1.1, cy)]
        points = " ".join(f"{f1(a)},{f1(b)}" for a, b in pts)
        body = f'<polygon points="{points}" {style}>'
    closing = "</circle>" if shape == "circle" else "</polygon>"
    return f"{body}<title>{escape(tip)}</title>{closing}"


def nice_range(values):
    lo = max(0.0, math.floor((min(values) - 0.03) * 10) / 10)
    hi = min(1.0, math.ceil((max(values) + 0.03) * 10) / 10)
    if hi - lo < 0.2:
        hi = min(1.0, lo + 0.2)
    return lo, hi


def panel_svg(frame, stage, column, title, scenario, baseline, observed, years, band):
    out = []
    fr = frame
    # Frame and grid.
    step = 0.05 if fr.y1 - fr.y0 <= 0.3 else 0.1
    tick = fr.y0
    while tick <= fr.y1 + 1e-9:
        y = fr.y(tick)
        out.append(f'<line x1="{f1(fr.left)}" y1="{f1(y)}" x2="{f1(fr.left + fr.width)}" '
                   f'y2="{f1(y)}" stroke="#e5e5e5" stroke-width="1"/>')
        out.append(f'<text x="{f1(fr.left - 6)}" y="{f1(y + 4)}" text-anchor="end" '
                   f'font-size="11">{tick * 100:.0f}%</text>')
        tick = round(tick + step, 10)
    # Breaks.
    for start, end, label in BREAKS.get(stage, []):
        if end < fr.x0 or start > fr.x1:
            continue
        xa, xb = fr.x(max(start - 0.5, fr.x0)), fr.x(min(end + 0.5, fr.x1))
        out.append(f'<rect x="{f1(xa)}" y="{f1(fr.top)}" width="{f1(xb - xa)}" '
                   f'height="{f1(fr.height)}" fill="#999999" fill-opacity="0.15"/>')
        out.append(f'<text x="{f1((xa + xb) / 2)}" y="{f1(fr.top + fr.height - 6)}" '
                   f'text-anchor="middle" font-size="10" fill="#444">{escape(label)}</text>')
    if stage in REFORM_LINE:
        at, label = REFORM_LINE[stage]
        if fr.x0 <= at <= fr.x1:
            x = fr.x(at)
            out.append(f'<line x1="{f1(x)}" y1="{f1(fr.top)}" x2="{f1(x)}" '
                       f'y2="{f1(fr.top + fr.height)}" stroke="#444" stroke-width="1" '
                       f'stroke-dasharray="4 3"/>')
            out.append(f'<text x="{f1(x + 3)}" y="{f1(fr.top + 12)}" font-size="10" '
                       f'fill="#444">{escape(label)}</text>')
    # Band, baseline, scenario.
    if band:
        pts = [(y, scenario[y][column + "_p10"], scenario[y][column + "_p90"]) for y in years
               if y in scenario and scenario[y].get(column + "_p10") is not None
               and scenario[y].get(column + "_p90") is not None]
        if pts:
            upper = " ".join(f"{f1(fr.x(y))},{f1(fr.y(hi))}" for y, _, hi in pts)
            lower = " ".join(f"{f1(fr.x(y))},{f1(fr.y(lo))}" for y, lo, _ in reversed(pts))
            out.append(f'<polygon points="{upper} {lower}" fill="{SCENARIO}" '
                       f'fill-opacity="0.18" stroke="none"><title>Scenario P10-P90</title>'
                       f'</polygon>')
    base = series(baseline, column, years)
    if base:
        pts = " ".join(f"{f1(fr.x(y))},{f1(fr.y(v))}" for y, v in base)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{BASELINE}" '
                   f'stroke-width="2" stroke-dasharray="6 4"><title>Baseline</title>'
                   f'</polyline>')
    scen = series(scenario, column, years)
    if scen:
        pts = " ".join(f"{f1(fr.x(y))},{f1(fr.y(v))}" for y, v in scen)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{SCENARIO}" '
                   f'stroke-width="2.2"><title>Scenario</title></polyline>')
    # Observed points; a small offset keeps the geographies apart in the same year.
    offset = {HASTINGS: -0.22, COUNTY: -0.11, ENGLAND: 0.11}
    for row in observed:
        key = (row["geography"], row["group"])
        if row["stage"] != stage or row["value"] is None or key not in MARKERS:
            continue
        if not fr.x0 <= row["year"] <= fr.x1:
            continue
        shape, colour, filled, label = MARKERS[key]
        faded = row["measure"] in OFF_MEASURE
        tip = (f"{label}, {row['year']}: {row['value'] * 100:.1f}% ({row['measure']}). "
               f"{row['caveat']}")
        out.append(marker(shape, fr.x(row["year"] + offset[row["geography"]]),
                          fr.y(row["value"]), colour, filled, faded, tip))
    # Axes and labels.
    out.append(f'<rect x="{f1(fr.left)}" y="{f1(fr.top)}" width="{f1(fr.width)}" '
               f'height="{f1(fr.height)}" fill="none" stroke="#333" stroke-width="1"/>')
    every = 1 if len(years) <= 9 else 2 if len(years) <= 13 else 5
    for year in years:
        if (year - years[0]) % every == 0:
            x = fr.x(year)
            out.append(f'<line x1="{f1(x)}" y1="{f1(fr.top + fr.height)}" x2="{f1(x)}" '
                       f'y2="{f1(fr.top + fr.height + 4)}" stroke="#333"/>')
            out.append(f'<text x="{f1(x)}" y="{f1(fr.top + fr.height + 17)}" '
                       f'text-anchor="middle" font-size="11">{year}</text>')
    out.append(f'<text x="{f1(fr.left + fr.width / 2)}" y="{f1(fr.top + fr.height + 34)}" '
               f'text-anchor="middle" font-size="11">Year (summer the school year ends)'
               f'</text>')
    ly = fr.top + fr.height / 2
    out.append(f'<text x="{f1(fr.left - 40)}" y="{f1(ly)}" text-anchor="middle" '
               f'font-size="11" transform="rotate(-90 {f1(fr.left - 40)} {f1(ly)})">'
               f'Share of FSM pupils reaching it</text>')
    out.append(f'<text x="{f1(fr.left)}" y="{f1(fr.top - 10)}" font-size="13" '
               f'font-weight="bold">{escape(title)}</text>')
    return out


def legend_svg(left, top, band):
    items = [("line", BASELINE, "Baseline (no levers)", True),
             ("line", SCENARIO, "Scenario", False)]
    if band:
        items.append(("band", SCENARIO, "Scenario P10-P90", False))
    for key in [(COUNTY, "fsm"), (COUNTY, "disadvantaged"), (ENGLAND, "fsm"),
                (ENGLAND, "disadvantaged"), (HASTINGS, "fsm")]:
        shape, colour, filled, label = MARKERS[key]
        items.append((shape, colour, label, filled))
    items.append(("faded", BLACK, "Faded: KS4 grade 5+, not the model's grade 4+", False))
    items.append(("break", "#999999", "Grey: no data, or assessed grades (2020-21)", False))
    out = []
    columns = 3
    col_width = 330
    for i, (kind, colour, label, flag) in enumerate(items):
        x = left + (i % columns) * col_width
        y = top + (i // columns) * 20
        if kind == "line":
            dash = ' stroke-dasharray="6 4"' if flag else ""
            out.append(f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{colour}" '
                       f'stroke-width="2"{dash}/>')
        elif kind == "band":
            out.append(f'<rect x="{x}" y="{y - 6}" width="24" height="12" fill="{colour}" '
                       f'fill-opacity="0.18"/>')
        elif kind == "break":
            out.append(f'<rect x="{x}" y="{y - 6}" width="24" height="12" fill="{colour}" '
                       f'fill-opacity="0.3"/>')
        elif kind == "faded":
            out.append(marker("circle", x + 12, y, colour, False, True, label))
        else:
            out.append(marker(kind, x + 12, y, colour, flag, False, label))
        out.append(f'<text x="{x + 32}" y="{y + 4}" font-size="11">{escape(label)}</text>')
    return out, (len(items) + columns - 1) // columns * 20


def build_svg(scenario, baseline, observed, years, names):
    band = any(has_band(scenario, column) for _, column, _ in PANELS)
    plot_w, plot_h = 270, 220
    margin_left, gap, top = 70, 75, 82
    width = margin_left + 3 * plot_w + 2 * gap + 25
    body = []
    for i, (stage, column, title) in enumerate(PANELS):
        values = [v for _, v in series(scenario, column, years)]
        values += [v for _, v in series(baseline, column, years)]
        if band:
            for suffix in ("_p10", "_p90"):
                values += [v for _, v in series(scenario, column + suffix, years)]
        values += [r["value"] for r in observed if r["stage"] == stage and
                   r["value"] is not None and (r["geography"], r["group"]) in MARKERS and
                   years[0] <= r["year"] <= years[-1]]
        y0, y1 = nice_range(values or [0.0, 1.0])
        frame = Frame(margin_left + i * (plot_w + gap), top, plot_w, plot_h,
                      years[0] - 0.5, years[-1] + 0.5, y0, y1)
        body += panel_svg(frame, stage, column, title, scenario, baseline, observed, years,
                          band)
    legend, legend_h = legend_svg(margin_left, top + plot_h + 62, band)
    height = top + plot_h + 62 + legend_h + 30
    n_obs = sum(1 for r in observed if r["stage"] in {p[0] for p in PANELS}
                and r["value"] is not None and (r["geography"], r["group"]) in MARKERS
                and years[0] <= r["year"] <= years[-1])
    title = (f"Hastings back-test: projected FSM rates against published figures, "
             f"{years[0]}-{years[-1]}")
    desc = (f"Three panels (good level of development at 5, KS2 reading, writing and maths, "
            f"KS4 grade 4+ English and maths). Each shows the baseline projection as a "
            f"dashed grey line and the scenario projection ({names[0]}) as a blue line"
            f"{' with its 10th-90th percentile band' if band else ''}, for FSM pupils in "
            f"Hastings, against {n_obs} published figures: East Sussex (a county proxy for "
            f"Hastings; no district figures are published) and England, for FSM pupils and "
            f"for disadvantaged pupils (a wider group than FSM, with higher pass rates), plus "
            f"the seed deck's Hastings FSM figure for the base year. Faded KS4 points are "
            f"grade 5+, not the model's grade 4+. Grey shading marks 2020 and 2021: no early "
            f"years assessment or KS2 tests, and teacher- or centre-assessed KS4 grades; GLD "
            f"before and after the 2021 EYFS reform is not comparable. Baseline file: "
            f"{names[1]}.")
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="bt-title bt-desc" '
            f'font-family="Helvetica, Arial, sans-serif">')
    parts = [head,
             f'<title id="bt-title">{escape(title)}</title>',
             f'<desc id="bt-desc">{escape(desc)}</desc>',
             f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
             f'<text x="{margin_left}" y="26" font-size="15" font-weight="bold">'
             f'{escape(title)}</text>',
             f'<text x="{margin_left}" y="44" font-size="11" fill="#333">'
             f'{escape("Scenario: " + names[0] + "; observed: East Sussex is a county proxy; disadvantaged is not FSM; hover a point for its source caveat.")}'
             f'</text>']
    parts += body + legend + ["</svg>"]
    return "\n".join(parts) + "\n"


# ----------------------------------------------------------------------------- table

def pct(v):
    return "—" if v is None else f"{v * 100:.1f}%"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(scenario, baseline, observed, years, all_groups):
    groups = GROUP_ORDER if all_groups else ["fsm", "disadvantaged", "all"]
    lines = ["| stage | year | baseline FSM | scenario FSM (P10-P90) | observed | geography | "
             "group | measure | caveat |",
             "|---|---|---|---|---|---|---|---|---|"]
    for stage, column, label in TABLE_STAGES:
        for year in years:
            b = baseline.get(year, {}).get(column)
            s_row = scenario.get(year, {})
            s = s_row.get(column)
            lo, hi = s_row.get(column + "_p10"), s_row.get(column + "_p90")
            projected = pct(s)
            if s is not None and lo is not None and hi is not None:
                projected += f" ({lo * 100:.1f}-{hi * 100:.1f})"
            rows = [r for r in observed if r["stage"] == stage and r["year"] == year
                    and r["group"] in groups]
            if not all_groups:
                # An all-pupil figure is listed only where no FSM or disadvantaged figure
                # of the same measure and geography exists for that year.
                split = {(r["geography"], r["measure"]) for r in rows
                         if r["group"] in ("fsm", "disadvantaged")}
                rows = [r for r in rows if r["group"] != "all"
                        or (r["geography"], r["measure"]) not in split]
            rows.sort(key=lambda r: (GEOGRAPHY_ORDER.index(r["geography"])
                                     if r["geography"] in GEOGRAPHY_ORDER else 9,
                                     groups.index(r["group"]), r["measure"], r["source"]))
            if not rows and b is None and s is None:
                continue
            if not rows:
                lines.append(f"| {label} | {year} | {pct(b)} | {projected} | — | | | | |")
            for r in rows:
                value = pct(r["value"]) if r["value"] is not None else "not published"
                lines.append("| " + " | ".join(cell(c) for c in [
                    label, year, pct(b), projected, value, r["geography"], r["group"],
                    r["measure"], r["caveat"]]) + " |")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- main

def main(argv):
    args, options = [], {"--svg": str(HERE / "backtest.svg"), "--from": "2015", "--to": "2025"}
    all_groups = False
    it = iter(argv)
    for arg in it:
        if arg in options:
            try:
                options[arg] = next(it)
            except StopIteration:
                raise SystemExit(f"{arg} needs a value")
        elif arg == "--all-groups":
            all_groups = True
        elif arg in ("-h", "--help"):
            print(__doc__)
            return 0
        elif arg.startswith("--"):
            raise SystemExit(f"unknown option {arg}")
        else:
            args.append(arg)
    if len(args) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    scenario = read_projection(args[0])
    baseline = read_projection(args[1])
    observed_path = args[2] if len(args) == 3 else str(HERE / "observed-hastings.csv")
    observed = read_observed(observed_path)
    first, last = int(options["--from"]), int(options["--to"])
    if last <= first:
        raise SystemExit("--to must be after --from")
    years = list(range(first, last + 1))
    if not any(has_band(scenario, c) for _, c, _ in PANELS):
        print(f"note: {args[0]} has no P10/P90 columns (run pathways-cli with --draws N); "
              "the band is left out", file=sys.stderr)
    names = (Path(args[0]).name, Path(args[1]).name)
    svg = build_svg(scenario, baseline, observed, years, names)
    Path(options["--svg"]).write_text(svg, encoding="utf-8")
    print(f"wrote {options['--svg']}", file=sys.stderr)
    print(markdown_table(scenario, baseline, observed, years, all_groups))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
