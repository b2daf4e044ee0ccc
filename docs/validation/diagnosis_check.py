#!/usr/bin/env python3
"""Independent check of the diagnosis (docs/MODEL.md §14, `pathways-cli diagnose`).

Re-implements, from the written spec alone and with the standard library only, the
per-stage, per-year test of whether an area's FSM pupils' published rate differs from
England's by more than chance, and then:

1. compares every row with `pathways-cli diagnose --area ID` for every area in
   static/data/areas/index.json except `england`, as of the files' base year and as of
   2017 (`--as-of 2017`);
2. checks the band's calibration on data: for every whole-LA area, stage and pair of
   consecutive published years, the share of changes in the latent gap to England
   beyond 1.2816 s, s = the two years' sigmas combined (about 20% if the band is right),
   split by the even (fitted) and odd (out-of-sample) halves of the sorted id list;
3. the worked example below.

Spec, for each stage and each published year y <= base year where England has a figure:
  n     = FSM pupils in a year group = cohort_size x fsm_share of the as_of entry for y
          (the base's if there is no entry for y);
  p     = England's FSM rate in y;  z = PHI^-1(p);
  sigma = sqrt(k1 p (1-p) / n) / phi(z)
          (k1 = chance_band.<stage>: one year's chance, cohort noise and a year's drift
          together, fitted on one-year changes; MODEL.md §14).
  (The first version took k and w from the drift section, fitted over changes of every
  length; section 2 of this script found that band too narrow at KS2 and KS4 and too wide
  at early years and Level 3, and the table "Why" shows why. The drift parameters are kept
  for that table.)
  band  = [PHI(z - 1.28155 sigma), PHI(z + 1.28155 sigma)]; beyond = area rate outside.
Verdict: latest 3 years with England's figure; < 2 -> too few years; all gaps < 0 (> 0)
and at least 2 beyond -> below (above) beyond chance; else within chance.

Worked example, by hand: Blackpool, KS4 (grade 4+ in English and maths), 2025
-------------------------------------------------------------------------
  area rate (FSM)         a = 0.372     England (FSM) p = 0.440
  as_of 2025: cohort 1327 x FSM share 0.384  ->  n = 509.568 FSM pupils
  levers.json chance_band.ks4: k1 = 1.2
  z = PHI^-1(0.440) = -0.150969;  phi(z) = 0.394422
  p(1-p) = 0.2464;  k1 p(1-p)/n = 1.2 x 0.2464 / 509.568 = 5.80256e-4
  sigma = sqrt(5.80256e-4) / 0.394422 = 0.0240885 / 0.394422 = 0.061073
  1.2815516 sigma = 0.078268
  band = [PHI(-0.150969 - 0.078268), PHI(-0.150969 + 0.078268)]
       = [PHI(-0.229237), PHI(-0.072701)] = [0.4093, 0.4710]
  0.372 < 0.4093, so beyond chance (below); gap = (0.372 - 0.440) x 100 = -6.8 points.
  (The CLI prints `ks4,2025,0.3720,0.4400,0.4187,-6.8,true`.) With 2023 (-14.2, beyond)
  and 2024 (-16.3, beyond) the KS4 verdict is "below beyond chance".
  The script recomputes these numbers and prints them (section 3).

Run from the repository root:
    python3 docs/validation/diagnosis_check.py
(needs target/release/pathways-cli already built; set PATHWAYS_CLI to use another.)
"""

import csv
import io
import json
import math
import os
import subprocess
import sys
import time
from statistics import NormalDist

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AREAS = os.path.join(ROOT, "static", "data", "areas")
CLI = os.environ.get("PATHWAYS_CLI", os.path.join(ROOT, "target", "release", "pathways-cli"))
Z90 = 1.2815515655446004
N01 = NormalDist()
STAGES = ["early_years", "ks2", "ks4", "level3_by_19"]
MEASURE = {
    "early_years": "eyfs_gld",
    "ks2": "ks2_rwm_expected",
    "ks4": "ks4_em_grade4plus",
    "level3_by_19": "level3_by19",
}


def load(path):
    with open(path) as f:
        return json.load(f)


INDEX = load(os.path.join(AREAS, "index.json"))["areas"]
LEVERS = load(os.path.join(ROOT, "static", "data", "levers.json"))
DRIFT = LEVERS["drift"]
CHANCE = LEVERS["chance_band"]


def params(stage):
    """The band's (k1, w): the chance_band factor, and no separate walk (it is in k1)."""
    return CHANCE[stage]["value"], 0.0


def drift_params(stage):
    """The drift section's (k, w), fitted over changes of every length (for "Why")."""
    f = DRIFT[stage]["fsm"]
    return f["cohort_noise_factor"]["value"], f["area_walk_sd"]["value"]


def series(area, stage, comparison):
    """{year: value} of the area's FSM series for a stage (comparison None = own)."""
    out = None
    for s in area["observed"]:
        if s["stage"] != stage or s["group"] != "fsm" or s.get("comparison") != comparison:
            continue
        if comparison is None and (s["role"] != "model_outcome" or s["measure"] != MEASURE[stage]):
            continue
        if out is not None:
            raise ValueError(f"two series for {area['id']} {stage} {comparison}")
        out = {p["year"]: p["value"] for p in s["points"]}
    return out


def base_entry(area, as_of):
    """(cohort, share) of the base: the as_of entry of that year, else the top level."""
    if as_of is not None:
        for e in area["as_of"]:
            if e["year"] == as_of:
                return e["cohort_size"]["value"], e["fsm_share"]["value"]
        return None
    return area["cohort_size"]["value"], area["fsm_share"]["value"]


def fsm_pupils(area, year, base):
    for e in area["as_of"]:
        if e["year"] == year:
            return e["cohort_size"]["value"] * e["fsm_share"]["value"], False
    return base[0] * base[1], True


def noise_sd(p, n, k):
    z = N01.inv_cdf(p)
    return math.sqrt(k * p * (1 - p) / n) / N01.pdf(z)


def band(p, n, stage):
    k, w = params(stage)
    z = N01.inv_cdf(p)
    noise = noise_sd(p, n, k)
    sigma = math.hypot(noise, w)
    return N01.cdf(z - Z90 * sigma), N01.cdf(z + Z90 * sigma), noise, sigma


def diagnose(area, as_of=None):
    """Rows {(stage, year): dict} and verdicts {stage: str}."""
    base_year = area["base_year"] if as_of is None else as_of
    base = base_entry(area, as_of)
    rows, verdicts = {}, {}
    for stage in STAGES:
        own = series(area, stage, None)
        eng = series(area, stage, "england") or {}
        nb = series(area, stage, "neighbours") or {}
        if own is None:
            continue
        usable = []
        for y in sorted(own):
            if y > base_year or y not in eng:
                continue
            a, p = own[y], eng[y]
            n, fallback = fsm_pupils(area, y, base)
            lo, hi, noise, sigma = band(p, n, stage)
            r = dict(area=a, eng=p, nb=nb.get(y), gap=(a - p) * 100, lo=lo, hi=hi,
                     n=n, noise=noise, sigma=sigma, fallback=fallback,
                     beyond=a < lo or a > hi,
                     margin=min(abs(a - lo), abs(a - hi)))
            rows[(stage, y)] = r
            usable.append(r)
        last = usable[-3:]
        if len(last) < 2:
            verdicts[stage] = "too few years"
        elif all(r["gap"] < 0 for r in last) and sum(r["beyond"] for r in last) >= 2:
            verdicts[stage] = "below beyond chance"
        elif all(r["gap"] > 0 for r in last) and sum(r["beyond"] for r in last) >= 2:
            verdicts[stage] = "above beyond chance"
        else:
            verdicts[stage] = "within chance"
    return rows, verdicts


def run_cli(area_id, as_of):
    """The CLI's CSV, or (None, message) if it refuses the same way twice.

    The binary may be rebuilt under us: a failure to start, or a first failure, is retried
    after a minute; the same message twice in a row is taken as a genuine refusal."""
    cmd = [CLI, "diagnose", "--area", area_id] + ([] if as_of is None else ["--as-of", str(as_of)])
    last = None
    for _ in range(6):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
            if p.returncode == 0:
                return p.stdout, None
            msg = p.stderr.strip().splitlines()[0] if p.stderr.strip() else f"rc {p.returncode}"
            if msg == last:
                return None, msg
            last = msg
            time.sleep(2)
            continue
        except (OSError, subprocess.TimeoutExpired) as e:  # binary being rebuilt
            last = str(e)
        time.sleep(60)
    return None, str(last)


def parse_cli(text):
    out = {}
    for r in csv.DictReader(io.StringIO(text)):
        out[(r["stage"], int(r["year"]))] = r
    return out


def fmt(x, d):
    return "" if x is None else f"{x:.{d}f}"


def compare(as_of):
    stats = dict(areas=0, rows=0, only_py=0, only_cli=0, beyond_diff=0, str_diff=0,
                 d_area=0.0, d_eng=0.0, d_nb=0.0, d_gap=0.0, nb_missing_diff=0,
                 fallback_rows=0, min_margin=1.0, refused=[])
    mism = []
    verdict_count = {}
    for a in INDEX:
        if a["id"] == "england":
            continue
        area = load(os.path.join(AREAS, a["id"] + ".json"))
        if as_of is not None and base_entry(area, as_of) is None:
            py_rows, verdicts = None, {}
        else:
            py_rows, verdicts = diagnose(area, as_of)
        text, err = run_cli(a["id"], as_of)
        if text is None:
            stats["refused"].append(f"{a['id']} (CLI: {err}; Python: "
                                    f"{'no as_of entry' if py_rows is None else str(len(py_rows)) + ' rows'})")
            continue
        if py_rows is None:
            py_rows = {}
            stats["refused"].append(f"{a['id']} (Python: no as_of {as_of} entry; CLI printed rows)")
        stats["areas"] += 1
        for v in verdicts.values():
            verdict_count[v] = verdict_count.get(v, 0) + 1
        cli = parse_cli(text)
        for key in sorted(set(py_rows) | set(cli)):
            if key not in cli:
                stats["only_py"] += 1
                mism.append((a["id"], key, "only in Python"))
                continue
            if key not in py_rows:
                stats["only_cli"] += 1
                mism.append((a["id"], key, "only in CLI"))
                continue
            r, c = py_rows[key], cli[key]
            stats["rows"] += 1
            stats["fallback_rows"] += r["fallback"]
            if r["margin"] < stats["min_margin"]:
                stats["min_margin"] = r["margin"]
                stats["closest"] = (f"{a['id']} {key[0]} {key[1]}: a={r['area']:.4f}, "
                                    f"band [{r['lo']:.6f}, {r['hi']:.6f}]")
            stats["d_area"] = max(stats["d_area"], abs(r["area"] - float(c["area_fsm_rate"])))
            stats["d_eng"] = max(stats["d_eng"], abs(r["eng"] - float(c["england_fsm_rate"])))
            stats["d_gap"] = max(stats["d_gap"], abs(r["gap"] - float(c["gap_to_england_points"])))
            if (r["nb"] is None) != (c["neighbours_fsm_rate"] == ""):
                stats["nb_missing_diff"] += 1
            elif r["nb"] is not None:
                stats["d_nb"] = max(stats["d_nb"], abs(r["nb"] - float(c["neighbours_fsm_rate"])))
            mine = [fmt(r["area"], 4), fmt(r["eng"], 4), fmt(r["nb"], 4), fmt(r["gap"] + 0.0, 1)]
            theirs = [c["area_fsm_rate"], c["england_fsm_rate"], c["neighbours_fsm_rate"],
                      c["gap_to_england_points"]]
            if mine != theirs:
                stats["str_diff"] += 1
                if len(mism) < 40:
                    mism.append((a["id"], key, f"printed {theirs} vs {mine}"))
            if str(r["beyond"]).lower() != c["beyond_chance"]:
                stats["beyond_diff"] += 1
                mism.append((a["id"], key,
                             f"beyond: CLI {c['beyond_chance']}, Python {r['beyond']} "
                             f"(a={r['area']:.4f}, band [{r['lo']:.4f}, {r['hi']:.4f}], n={r['n']:.1f})"))
    return stats, mism, verdict_count


def whole_la_series():
    """Every whole local authority (in id order, with its place) and stage with its own FSM
    series: (place, area, base entry, stage, own series, England's series)."""
    ids = sorted(a["id"] for a in INDEX if a["kind"] == "whole_local_authority")
    for pos, area_id in enumerate(ids):
        area = load(os.path.join(AREAS, area_id + ".json"))
        base = base_entry(area, None)
        for stage in STAGES:
            own = series(area, stage, None)
            if own is not None:
                yield pos, area, base, stage, own, series(area, stage, "england") or {}


def calibration():
    tally = {}  # (stage, half) -> [pairs, beyond]
    authorities = set()
    for pos, area, base, stage, own, eng in whole_la_series():
        authorities.add(pos)
        half = "even (fitted)" if pos % 2 == 0 else "odd (out of sample)"
        k, w = params(stage)
        for y in sorted(own):
            y1 = y + 1
            if y1 not in own or y not in eng or y1 not in eng:
                continue
            d = ((N01.inv_cdf(own[y1]) - N01.inv_cdf(eng[y1]))
                 - (N01.inv_cdf(own[y]) - N01.inv_cdf(eng[y])))
            n0, _ = fsm_pupils(area, y, base)
            n1, _ = fsm_pupils(area, y1, base)
            s = math.sqrt(noise_sd(eng[y], n0, k) ** 2 + noise_sd(eng[y1], n1, k) ** 2 + w * w)
            for h in (half, "all"):
                t = tally.setdefault((stage, h), [0, 0, 0.0])
                t[0] += 1
                t[1] += abs(d) > Z90 * s
                t[2] += (d / s) ** 2
    return len(authorities), tally


def by_separation(max_h=5):
    """Mean D^2 over its model value h w^2 + k (v_a + v_b), by years apart h, over every
    comparable pair (as the fit takes them: EYFS 2019 -> 2022 is not comparable); v from
    the area's own rate, as in the fit."""
    out = {}
    for _, area, base, stage, own, eng in whole_la_series():
        k, w = drift_params(stage)
        ys = sorted(y for y in own if y in eng)
        for i, ya in enumerate(ys):
            for yb in ys[i + 1:]:
                if stage == "early_years" and ya <= 2019 and yb >= 2022:
                    continue
                d = ((N01.inv_cdf(own[yb]) - N01.inv_cdf(eng[yb]))
                     - (N01.inv_cdf(own[ya]) - N01.inv_cdf(eng[ya])))
                v = (noise_sd(own[ya], fsm_pupils(area, ya, base)[0], 1) ** 2
                     + noise_sd(own[yb], fsm_pupils(area, yb, base)[0], 1) ** 2)
                h = min(yb - ya, max_h)
                t = out.setdefault((stage, h), [0, 0.0, 0.0, 0.0])
                t[0] += 1
                t[1] += d * d
                t[2] += (yb - ya) * w * w + k * v
                t[3] += v
    return out


def worked_example():
    area = load(os.path.join(AREAS, "blackpool.json"))
    a = series(area, "ks4", None)[2025]
    p = series(area, "ks4", "england")[2025]
    n, _ = fsm_pupils(area, 2025, base_entry(area, None))
    k, w = params("ks4")
    lo, hi, noise, sigma = band(p, n, "ks4")
    z = N01.inv_cdf(p)
    print("| quantity | value |\n|---|---|")
    for name, v in [("area FSM rate a", a), ("England FSM rate p", p), ("n (FSM pupils)", n),
                    ("k", k), ("w", w), ("z = Φ⁻¹(p)", z), ("φ(z)", N01.pdf(z)),
                    ("noise", noise), ("σ", sigma), ("band low", lo), ("band high", hi),
                    ("gap (points)", (a - p) * 100)]:
        print(f"| {name} | {v:.6g} |")
    print(f"| beyond chance | {a < lo or a > hi} |")
    _, verdicts = diagnose(area)
    print(f"\nBlackpool verdicts: {verdicts}")


def main():
    print("# Diagnosis: independent check\n")
    print("## 1. Python re-implementation vs `pathways-cli diagnose`\n")
    allmism = []
    print("| as of | areas | rows compared | only Python | only CLI | beyond_chance differs "
          "| printed fields differ | max Δ area rate | max Δ England rate | max Δ neighbours "
          "| max Δ gap (pts) | rows using n fallback | closest to band edge |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    verdict_tables = []
    refused_all = []
    closest = []
    for as_of in (None, 2017):
        st, mism, vc = compare(as_of)
        label = "base year (2025)" if as_of is None else str(as_of)
        print(f"| {label} | {st['areas']} | {st['rows']} | {st['only_py']} | {st['only_cli']} "
              f"| {st['beyond_diff']} | {st['str_diff']} | {st['d_area']:.2e} | {st['d_eng']:.2e} "
              f"| {st['d_nb']:.2e} | {st['d_gap']:.3f} | {st['fallback_rows']} | {st['min_margin']:.2e} |")
        allmism += [(label,) + m for m in mism]
        verdict_tables.append((label, vc))
        refused_all += [(label, r) for r in st["refused"]]
        closest.append((label, st.get("closest")))
    print("\nRow closest to its band's edge (both sides agree on it):\n")
    for label, c in closest:
        print(f"- as of {label}: {c}")
    if refused_all:
        print("\nAreas not compared:\n")
        for label, r in refused_all:
            print(f"- as of {label}: {r}")
    print("\nMismatches (first 40 each):\n")
    if not allmism:
        print("none")
    for m in allmism[:80]:
        print(f"- as of {m[0]}: {m[1]} {m[2][0]} {m[2][1]}: {m[3]}")
    print("\nVerdicts (Python; the CLI does not print them), area-stages:\n")
    names = ["below beyond chance", "within chance", "above beyond chance", "too few years"]
    print("| as of | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for label, vc in verdict_tables:
        print(f"| {label} | " + " | ".join(str(vc.get(n, 0)) for n in names) + " |")

    print("\n## 2. Calibration: year-to-year change in the latent gap to England\n")
    n_ids, tally = calibration()
    print(f"{n_ids} whole-LA areas, sorted by id; share of pairs with |d| > 1.2816·s "
          "(expect ≈ 20%), and mean (d/s)² (expect ≈ 1).\n")
    halves = ["all", "even (fitted)", "odd (out of sample)"]
    print("| stage | k | w | " + " | ".join(f"{h}: pairs | {h}: beyond | {h}: mean (d/s)²"
                                          for h in halves) + " |")
    print("|---|---|---|" + "---|" * (3 * len(halves)))
    for stage in STAGES:
        k, w = params(stage)
        cells = []
        for h in halves:
            t = tally.get((stage, h), [0, 0, 0.0])
            cells += [str(t[0]), f"{100 * t[1] / t[0]:.1f}%" if t[0] else "",
                      f"{t[2] / t[0]:.2f}" if t[0] else ""]
        print(f"| {stage} | {k} | {w} | " + " | ".join(cells) + " |")

    print("\nWhy the drift section's k and w do not make a one-year band: mean D² against "
          "the drift fit's model h·w² + k·(v_a + v_b), by years apart h "
          "(every comparable pair, all whole LAs; v = binomial variance on the latent scale "
          "at the area's rate). The drift fit is one least-squares line over all h, so "
          "its h = 1 value misses the one-year changes. Last column: mean D²/mean v for h = 1, the noise factor "
          "one-year changes alone would imply if w were 0.\n")
    sep = by_separation()
    print("| stage | " + " | ".join(f"h={h}{'+' if h == 5 else ''}: pairs, ratio" for h in range(1, 6))
          + " | h=1: D²/v |")
    print("|---|" + "---|" * 6)
    for stage in STAGES:
        cells = []
        for h in range(1, 6):
            t = sep.get((stage, h))
            cells.append(f"{t[0]}, {t[1] / t[2]:.2f}" if t else "")
        t = sep[(stage, 1)]
        print(f"| {stage} | " + " | ".join(cells) + f" | {t[1] / t[3]:.2f} |")

    print("\n## 3. Worked example: Blackpool KS4 2025\n")
    worked_example()


if __name__ == "__main__":
    sys.exit(main())
