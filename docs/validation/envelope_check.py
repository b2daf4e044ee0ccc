#!/usr/bin/env python3
"""Independent check of the band-matched drift fit (docs/MODEL.md §6a) and of the
back-test's "right model" envelope (docs/VALIDATION.md §11, `pathways-record backtest`).

Re-implemented from the written description alone (the Rust under src/record/ was not
read), with the standard library only. Run from the repository root:

    python3 docs/validation/envelope_check.py [replicates]     (default 2000, seed 2016)

Data: every whole local authority in static/data/areas/index.json (`kind` ==
"whole_local_authority", which agrees with each file's geography.kind; the six district
Opportunity Areas are "county_proxy" and England is "country"), sorted by id; even places
(0, 2, ...) are the fitted half, odd places the held-out half. Per stage, the FSM series
is the file's own model_outcome series of the stage's measure, and England's is the
file's `comparison: "england"` series (identical in every file). The FSM group size in
year y is cohort_size x fsm_share of the file's `as_of` entry for y (read with
diagnosis_check.py's functions). A published year with no `as_of` entry (only Rutland's
2016-2018; its entries start in 2019) has no group size of its own and is left out, as
the Rust fit evidently does: this reproduces the catalogue's pair counts (871, 2002,
2579, 2541) and the pre-b43e20c moment fit (k = 2.32, 0.39, 0.26, 2.34). With
diagnosis_check.py's fallback to the base year's size instead (ENVELOPE_FALLBACK=1),
Rutland's three years stay in and the moment fit moves a long way (EY k 2.32 -> 1.80).

1. The band-matched fit. For each authority and stage, every pair of years a < b in which
   both the authority and England published, except early-years pairs across the EYFS
   reform (a <= 2019, b >= 2022):
       D = (y_b - e_b) - (y_a - e_a),   y = PHI^-1(rate), e = England's,
       v = p (1 - p) / (n phi(PHI^-1 p)^2), p the authority's own rate, n its group size.
   A pair is inside when D^2 <= 1.2816^2 ((b - a) sA^2 + k (v_a + v_b)). The script
   prints the share inside per gap group (1, 2-3, 4-6, 7-9 years apart) on both halves
   (a) with the catalogue's sA = drift.<stage>.fsm.area_walk_sd and k =
   cohort_noise_factor, (b) with the plain least-squares fit of D^2 on (b - a, v_a + v_b)
   without intercept on the fitted half (sA^2 >= 0, k >= 0.05), and (c) with this
   script's own re-run of the grid search MODEL §6a describes (multiples 1/4..4 on a
   41-step log grid of both moment values, the walk also at 0, then +-10% on a 21-step
   grid, minimising sum_g n_g (s_g - 0.8)^2), and (d) the minimum of a brute-force search
   of the same loss (sA 0-0.08 by 0.0002, k 0.05-5 in 1% steps), to see whether the
   catalogue's values are its optimum. England's moment fit (squared change on
   (1, b - a)) is printed beside the catalogue's national_walk_sd and national_year_sd.

2. The envelope. For each held-out authority, stage, as-of year (origin) 2016-2023 and
   year = origin + h <= 2025 (h = 1..9): f = the latest year <= origin with a published
   figure; a pair when the authority published in `year` and (f, year) is comparable.
   Each replicate draws, per stage, one England path (sN W_t + tau e_t, W a standard walk,
   e iid standard normals; drift.<stage>.fsm national_walk_sd, national_year_sd) shared
   by every authority, and per authority a walk A_t and iid cohort normals eps_t. Then
       change = sN (W_y - W_f) + tau (e_y - e_f) + sA (A_y - A_f)
                + sqrt(k v_y) eps_y - sqrt(k v_f) eps_f,
       inside  = |change| <= 1.2816 sqrt(k (v_f + v_y) + (sN^2 + sA^2)(year - origin)
                                          + 2 tau^2),
   v_t from the authority's published rate and group size in year t. Per stage and
   horizon (and group 1-3, 4-6, 7-9, all) it prints the 5th/50th/95th percentiles (type 7)
   over replicates of the percent inside, beside coverage.csv's right_model_p5/p95 and
   VALIDATION §11's table; its pair counts beside coverage.csv's n; which horizons' real
   share falls outside the envelope; and the envelope with England's part left out of
   both the drawn change and the band (§11: KS2 7-9 years shrinks from 49 points to 11).
   It also prints the observed percent inside under the same analytic band (only an
   approximation of the app's 1,000-draw band, so a point or two off is expected) beside
   coverage.csv's inside_pct and §11's first table, with England's real change taken as
   known (band sqrt(k (v_f + v_y) + sA^2 (year - origin))) beside §11's second, and both
   again with the moment fit's sA and k beside the figures §11 quotes for the moment fit.

Findings when written (2000 replicates): pair counts equal coverage.csv's in all 28
cells (8,673); envelope P95s within 0.6 points of coverage.csv's, P5s within 3.2 (KS4 at
4 years the largest; Monte Carlo error of a P5 from 1,000 draws is about 0.5-2.5 points);
the catalogue's sA and k are the optimum of a brute-force search of the loss, but the grid
search as MODEL §6a words it cannot reach them at early years and Level 3, where the
moment fit's walk is 0 (multiples of 0 stay 0).
"""

import bisect
import csv
import json
import math
import os
import random
import sys
import time
from statistics import NormalDist

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AREAS = os.path.join(ROOT, "static", "data", "areas")
Z90 = 1.2815515655446004
# The area files are read as the diagnosis's independent check reads them: the same
# stages, measures and group sizes (docs/validation/diagnosis_check.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from diagnosis_check import INDEX, MEASURE, N01, STAGES, fsm_pupils, load, series  # noqa: E402

GAP_GROUPS = [("1", 1, 1), ("2-3", 2, 3), ("4-6", 4, 6), ("7-9", 7, 9)]
H_GROUPS = [("1-3", 1, 3), ("4-6", 4, 6), ("7-9", 7, 9), ("all", 1, 9)]
ORIGINS = range(2016, 2024)
LAST_YEAR = 2025
FALLBACK = os.environ.get("ENVELOPE_FALLBACK") == "1"


DRIFT = load(os.path.join(ROOT, "static", "data", "levers.json"))["drift"]


def binom_v(p, n):
    """p(1-p) / (n phi(PHI^-1 p)^2): the binomial variance on the probit scale."""
    return p * (1 - p) / (n * N01.pdf(N01.inv_cdf(p)) ** 2)


def comparable(stage, a, b):
    return not (stage == "early_years" and a <= 2019 and b >= 2022)


def drift(stage):
    f = DRIFT[stage]["fsm"]
    return {k: f[k]["value"] for k in
            ("national_walk_sd", "national_year_sd", "area_walk_sd", "cohort_noise_factor")}


def pct7(xs, q):
    """Percentile, Hyndman-Fan type 7."""
    xs = sorted(xs)
    h = (len(xs) - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


# --- the record ----------------------------------------------------------------------
def read_record():
    """[(pos, id, {stage: {year: (rate, eng rate or None, v, n_fallback)}})]."""
    ids = sorted(a["id"] for a in INDEX if a["kind"] == "whole_local_authority")
    out, fallbacks, eng_series = [], [], {}
    for pos, area_id in enumerate(ids):
        area = load(os.path.join(AREAS, area_id + ".json"))
        assert area["geography"]["kind"] == "whole_local_authority", area_id
        base = (area["cohort_size"]["value"], area["fsm_share"]["value"])
        st = {}
        for stage in STAGES:
            own = series(area, stage, None)
            eng = series(area, stage, "england") or {}
            eng_series.setdefault(stage, set()).add(tuple(sorted(eng.items())))
            if not own:
                continue
            d = {}
            for y, p in own.items():
                n, fb = fsm_pupils(area, y, base)
                if fb:
                    fallbacks.append((area_id, stage, y))
                    if not FALLBACK:
                        continue
                d[y] = (p, eng.get(y), binom_v(p, n), fb)
            st[stage] = d
        out.append((pos, area_id, st))
    return out, fallbacks, eng_series


# --- part 1: the fit -----------------------------------------------------------------
def fit_pairs(record, stage):
    """{half: [(gap, D^2, v_a + v_b, fallback used)]}, half 0 = even (fitted), 1 = odd."""
    out = {0: [], 1: []}
    las = {0: set(), 1: set()}
    for pos, area_id, st in record:
        d = st.get(stage)
        if not d:
            continue
        ys = sorted(y for y in d if d[y][1] is not None)
        for i, a in enumerate(ys):
            for b in ys[i + 1:]:
                if not comparable(stage, a, b):
                    continue
                pa, ea, va, fa = d[a]
                pb, eb, vb, fb = d[b]
                D = (N01.inv_cdf(pb) - N01.inv_cdf(eb)) - (N01.inv_cdf(pa) - N01.inv_cdf(ea))
                out[pos % 2].append((b - a, D * D, va + vb, fa or fb))
                las[pos % 2].add(area_id)
    return out, las


def group_of(gap):
    for name, lo, hi in GAP_GROUPS:
        if lo <= gap <= hi:
            return name
    raise ValueError(gap)


def shares(pairs, w2, k):
    """{group: (n, share inside)} and the loss sum_g n_g (s_g - 0.8)^2."""
    cnt = {g[0]: [0, 0] for g in GAP_GROUPS}
    c = Z90 * Z90
    for gap, d2, v, _ in pairs:
        t = cnt[group_of(gap)]
        t[0] += 1
        t[1] += d2 <= c * (gap * w2 + k * v)
    res = {g: (n, i / n if n else float("nan")) for g, (n, i) in cnt.items()}
    loss = sum(n * (s - 0.8) ** 2 for n, s in res.values() if n)
    tot = sum(n for n, _ in res.values())
    res["all"] = (tot, sum(n * s for n, s in res.values() if n) / tot)
    return res, loss


def moment_fit(pairs, kmin=0.05):
    """Least squares of D^2 on (gap, v) without intercept, w2 >= 0, k >= kmin."""
    sxx = sum(g * g for g, _, _, _ in pairs)
    syy = sum(v * v for _, _, v, _ in pairs)
    sxy = sum(g * v for g, _, v, _ in pairs)
    sxd = sum(g * d for g, d, _, _ in pairs)
    syd = sum(v * d for _, d, v, _ in pairs)
    det = sxx * syy - sxy * sxy
    w2 = (syy * sxd - sxy * syd) / det
    k = (sxx * syd - sxy * sxd) / det
    if w2 >= 0 and k >= kmin:
        return w2, k

    def sse(w2, k):
        return sum((d - g * w2 - k * v) ** 2 for g, d, v, _ in pairs)
    cands = []
    k0 = max(kmin, syd / syy)  # w2 = 0
    cands.append((0.0, k0))
    w0 = max(0.0, (sxd - kmin * sxy) / sxx)  # k = kmin
    cands.append((w0, kmin))
    return min(cands, key=lambda c: sse(*c))


class Surface:
    """The loss sum_g n_g (s_g - 0.8)^2 on the fitted half, fast: for a walk variance w2,
    a pair is inside iff k >= (D^2/1.2816^2 - gap w2) / v, so the share in a group as a
    function of k is a bisection in the sorted thresholds."""

    def __init__(self, pairs):
        self.groups = {}
        for gap, d2, v, _ in pairs:
            self.groups.setdefault(group_of(gap), []).append((gap, d2 / (Z90 * Z90), v))
        self.cache = {}

    def thresholds(self, w2):
        t = self.cache.get(w2)
        if t is None:
            t = [sorted((d - gap * w2) / v for gap, d, v in g) for g in self.groups.values()]
            self.cache = {w2: t}
        return t

    def loss(self, w2, k):
        return sum(len(t) * (bisect.bisect_right(t, k) / len(t) - 0.8) ** 2
                   for t in self.thresholds(w2))


def grid_fit(surf, w2m, km, on_sd):
    """MODEL §6a's search, read literally: multiples 1/4..4 (41-step log grid) of the
    moment walk (also 0) and of the moment k, then +-10% (21 steps) of each around the
    best. on_sd: the multiples scale sA (True) or sA^2 (False)."""
    logs = [0.25 * 16 ** (i / 40) for i in range(41)]
    fine = [0.9 + 0.01 * i for i in range(21)]

    def scale(w2, m):
        return (m * math.sqrt(w2)) ** 2 if on_sd else m * w2
    best = None
    for mw in [0.0] + logs:
        w2 = scale(w2m, mw)
        for mk in logs:
            loss = surf.loss(w2, mk * max(km, 0.05))
            if best is None or loss < best[0] - 1e-12:
                best = (loss, w2, mk * max(km, 0.05))
    _, w2b, kb = best
    for fw in fine:
        w2 = scale(w2b, fw)
        for fk in fine:
            loss = surf.loss(w2, fk * kb)
            if loss < best[0] - 1e-12:
                best = (loss, w2, fk * kb)
    return best


def global_fit(surf):
    """Brute force: sA = 0 to 0.08 by 0.0002, k = 0.05 to 5 in 1% steps."""
    ks = [0.05 * 1.01 ** i for i in range(464)]
    best = None
    for i in range(401):
        w2 = (0.0002 * i) ** 2
        for k in ks:
            loss = surf.loss(w2, k)
            if best is None or loss < best[0] - 1e-12:
                best = (loss, w2, k)
    return best


def england_fit(eng, stage):
    """Least squares of (e_b - e_a)^2 on (1, b - a), both parts >= 0: (2 tau^2, sN^2)."""
    ys = sorted(eng)
    rows = [(b - a, (N01.inv_cdf(eng[b]) - N01.inv_cdf(eng[a])) ** 2)
            for i, a in enumerate(ys) for b in ys[i + 1:] if comparable(stage, a, b)]
    n = len(rows)
    sx = sum(x for x, _ in rows)
    sy = sum(y for _, y in rows)
    sxx = sum(x * x for x, _ in rows)
    sxy = sum(x * y for x, y in rows)
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx) if n * sxx != sx * sx else 0.0
    icpt = (sy - slope * sx) / n
    if slope < 0:
        slope, icpt = 0.0, sy / n
    if icpt < 0:
        icpt, slope = 0.0, sxy / sxx
    return n, math.sqrt(max(icpt, 0) / 2), math.sqrt(max(slope, 0))


def part1(record, eng_series):
    print("## 1. The band-matched fit (MODEL §6a)\n")
    print("Share of pairs with D² ≤ 1.2816²((b−a)σ_A² + k(v_a+v_b)), per gap group "
          "(n pairs in brackets); fitted = even places, held out = odd.\n")
    print("| stage | params | σ_A | k | half | 1 | 2-3 | 4-6 | 7-9 | all | loss |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    notes = []
    moments = {}
    for stage in STAGES:
        pairs, las = fit_pairs(record, stage)
        dp = drift(stage)
        w2m, km = moment_fit(pairs[0])
        moments[stage] = (w2m, km)
        surf = Surface(pairs[0])
        gv = grid_fit(surf, w2m, km, on_sd=False)
        gs = grid_fit(surf, w2m, km, on_sd=True)
        gb = global_fit(surf)
        sets = [("catalogue", dp["area_walk_sd"] ** 2, dp["cohort_noise_factor"]),
                ("moment LS", w2m, km),
                ("grid, literal", gv[1], gv[2]),
                ("brute-force min", gb[1], gb[2])]
        for name, w2, k in sets:
            for half in (0, 1):
                res, loss = shares(pairs[half], w2, k)
                cells = " | ".join(f"{100 * res[g][1]:.1f} ({res[g][0]})" if res[g][0] else "–"
                                   for g in ["1", "2-3", "4-6", "7-9", "all"])
                print(f"| {stage} | {name} | {math.sqrt(w2):.4f} | {k:.3f} | "
                      f"{'fitted' if half == 0 else 'held out'} | {cells} | {loss:.2f} |")
        fb = sum(p[3] for p in pairs[0])
        e = dict(next(iter(eng_series[stage])))
        ne, tau, sn = england_fit(e, stage)
        notes.append(f"- {stage}: fitted half {len(pairs[0])} pairs from {len(las[0])} "
                     f"authorities (held out {len(pairs[1])} from {len(las[1])}); "
                     f"{fb} fitted pairs use a fallback group size; "
                     f"England {ne} pairs: σ_N = {sn:.4f}, τ = {tau:.4f} "
                     f"(catalogue {dp['national_walk_sd']}, {dp['national_year_sd']}); "
                     f"loss: catalogue {surf.loss(dp['area_walk_sd'] ** 2, dp['cohort_noise_factor']):.2f}, "
                     f"literal grid ×σ_A² {gv[0]:.2f} (σ_A {math.sqrt(gv[1]):.4f}, k {gv[2]:.3f}), "
                     f"×σ_A {gs[0]:.2f} (σ_A {math.sqrt(gs[1]):.4f}, k {gs[2]:.3f}), "
                     f"brute force {gb[0]:.2f}")
    print()
    print("\n".join(notes))
    print()
    return moments


# --- part 2: the envelope ------------------------------------------------------------
def envelope_pairs(record):
    """{stage: [(la index, origin, f, year, h)]} on the held-out half, and its LAs."""
    las = [(area_id, st) for pos, area_id, st in record if pos % 2 == 1]
    out = {s: [] for s in STAGES}
    for li, (area_id, st) in enumerate(las):
        for stage in STAGES:
            d = st.get(stage)
            if not d:
                continue
            for origin in ORIGINS:
                fs = [y for y in d if y <= origin]
                if not fs:
                    continue
                f = max(fs)
                for year in range(origin + 1, LAST_YEAR + 1):
                    if year in d and comparable(stage, f, year):
                        out[stage].append((li, origin, f, year, year - origin))
    return las, out


def read_coverage():
    path = os.path.join(ROOT, "docs", "validation", "coverage.csv")
    with open(path) as f:
        return {(r["stage"], int(r["horizon_years"])): r for r in csv.DictReader(f)}


# VALIDATION §11's envelope table ("a right model: lo-hi"), by horizon group.
DOC_ENVELOPE = {
    "early_years": {"1-3": (72, 85), "all": (72, 85)},
    "ks2": {"1-3": (61, 92), "4-6": (53, 94), "7-9": (47, 95), "all": (59, 92)},
    "ks4": {"1-3": (64, 92), "4-6": (66, 91), "7-9": (57, 93), "all": (66, 91)},
    "level3_by_19": {"1-3": (76, 84), "4-6": (74, 85), "7-9": (68, 87), "all": (75, 84)},
}
# VALIDATION §11's first two tables: percent inside, by horizon group.
DOC_DRAWN = {"early_years": [82, None, None, 82], "ks2": [73, 94, 69, 80],
             "ks4": [71, 77, 91, 75], "level3_by_19": [81, 76, 80, 79]}
DOC_KNOWN = {"early_years": [81, None, None, 81], "ks2": [77, 83, 86, 81],
             "ks4": [82, 85, 85, 83], "level3_by_19": [81, 80, 79, 81]}


def hgroup(h):
    return [g for g, lo, hi in H_GROUPS if lo <= h <= hi]


def part2(record, reps, seed, moments):
    print(f"## 2. The envelope (VALIDATION §11), held-out half, {reps} replicates, "
          f"seed {seed}\n")
    cov = read_coverage()
    las, pairs = envelope_pairs(record)
    eng = {s: dict(next(iter(ENG[s]))) for s in STAGES}
    years = list(range(2016, LAST_YEAR + 1))
    rng = random.Random(seed)
    gauss = rng.gauss
    # per stage, per cell key -> list of percent inside over replicates
    keys = {}
    for s in STAGES:
        ks = {}
        for i, (li, o, f, y, h) in enumerate(pairs[s]):
            for key in [h] + hgroup(h):
                ks.setdefault(key, []).append(i)
        keys[s] = ks
    # precompute per pair: sqrt(k v_f), sqrt(k v_y), band half-width
    pre = {}
    obs = {}
    for s in STAGES:
        dp = drift(s)
        sn, tau, sa, k = (dp["national_walk_sd"], dp["national_year_sd"],
                          dp["area_walk_sd"], dp["cohort_noise_factor"])
        w2m, km = moments[s]
        rows = []
        o_in = {}
        for li, o, f, y, h in pairs[s]:
            d = las[li][1][s]
            vf, vy = d[f][2], d[y][2]
            var_own = k * (vf + vy) + sa * sa * h
            band = Z90 * math.sqrt(var_own + sn * sn * h + 2 * tau * tau)
            rows.append((li, f - 2016, y - 2016, math.sqrt(k * vf), math.sqrt(k * vy), band,
                         Z90 * math.sqrt(var_own)))
            # observed, under the analytic band: England drawn and England known, with the
            # catalogue's sA, k and with the moment fit's
            ch = N01.inv_cdf(d[y][0]) - N01.inv_cdf(d[f][0])
            che = ch - (N01.inv_cdf(eng[s][y]) - N01.inv_cdf(eng[s][f]))
            var_m = km * (vf + vy) + w2m * h
            flags = [abs(ch) <= band, abs(che) <= Z90 * math.sqrt(var_own),
                     abs(ch) <= Z90 * math.sqrt(var_m + sn * sn * h + 2 * tau * tau),
                     abs(che) <= Z90 * math.sqrt(var_m)]
            for key in [h] + hgroup(h):
                t = o_in.setdefault(key, [0, 0, 0, 0, 0])
                t[0] += 1
                for j, fl in enumerate(flags):
                    t[j + 1] += fl
        pre[s] = (sn, tau, sa, rows)
        obs[s] = o_in
    res = {s: {key: [] for key in keys[s]} for s in STAGES}
    res0 = {s: {key: [] for key in keys[s]} for s in STAGES}  # England's part left out
    ny = len(years)
    nla = len(las)
    t0 = time.time()
    for _ in range(reps):
        for s in STAGES:
            sn, tau, sa, rows = pre[s]
            w, nat = 0.0, []
            for t in range(ny):
                if t:
                    w += gauss()
                nat.append(sn * w + tau * gauss())
            own = []
            for li in range(nla):
                a, path, eps = 0.0, [], []
                for t in range(ny):
                    if t:
                        a += gauss()
                    path.append(sa * a)
                    eps.append(gauss())
                own.append((path, eps))
            inside = [False] * len(rows)
            inside0 = [False] * len(rows)
            for i, (li, tf, ty, rf, ry, band, band0) in enumerate(rows):
                path, eps = own[li]
                ch0 = path[ty] - path[tf] + ry * eps[ty] - rf * eps[tf]
                ch = nat[ty] - nat[tf] + ch0
                inside[i] = -band <= ch <= band
                inside0[i] = -band0 <= ch0 <= band0
            for key, idx in keys[s].items():
                res[s][key].append(100.0 * sum(inside[i] for i in idx) / len(idx))
                res0[s][key].append(100.0 * sum(inside0[i] for i in idx) / len(idx))
    elapsed = time.time() - t0

    print("Per horizon: my pair count vs coverage.csv n; observed % inside under the "
          "analytic band vs coverage.csv inside_pct; envelope P5/P50/P95 (mine) vs "
          "coverage.csv right_model_p5/p95.\n")
    print("| stage | h | n (mine) | n (csv) | obs inside (mine, analytic) | inside_pct (csv) "
          "| P5 | P50 | P95 | csv P5 | csv P95 | ΔP5 | ΔP95 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    mism, worst = [], (0.0, None)
    outside_csv, outside_mine = [], []
    for s in STAGES:
        for h in range(1, 10):
            mine = res[s].get(h)
            c = cov.get((s, h))
            if mine is None and c is None:
                continue
            n = len(keys[s][h]) if mine else 0
            if c is None or mine is None or n != int(c["n"]):
                mism.append((s, h, n, c and c["n"]))
            if mine is None:
                print(f"| {s} | {h} | 0 | {c['n']} | | | | | | | | | |")
                continue
            p5, p50, p95 = (pct7(mine, q) for q in (0.05, 0.5, 0.95))
            o = obs[s][h]
            if c:
                d5, d95 = p5 - float(c["right_model_p5_pct"]), p95 - float(c["right_model_p95_pct"])
                ins = float(c["inside_pct"])
                if not float(c["right_model_p5_pct"]) <= ins <= float(c["right_model_p95_pct"]):
                    outside_csv.append(f"{s} {h}")
                if not p5 <= ins <= p95:
                    outside_mine.append(f"{s} {h}")
                for dd in (d5, d95):
                    if abs(dd) > abs(worst[0]):
                        worst = (dd, (s, h))
                print(f"| {s} | {h} | {n} | {c['n']} | {100 * o[1] / o[0]:.1f} | "
                      f"{c['inside_pct']} | {p5:.1f} | {p50:.1f} | {p95:.1f} | "
                      f"{c['right_model_p5_pct']} | {c['right_model_p95_pct']} | "
                      f"{d5:+.1f} | {d95:+.1f} |")
            else:
                print(f"| {s} | {h} | {n} | – | {100 * o[1] / o[0]:.1f} | – | {p5:.1f} | "
                      f"{p50:.1f} | {p95:.1f} | | | | |")
    print(f"\nPair counts: {sum(len(pairs[s]) for s in STAGES)} pairs "
          f"(VALIDATION §11 says 8,673; coverage.csv sums to "
          f"{sum(int(r['n']) for r in cov.values())}); "
          + ("every stage-horizon count equals coverage.csv's n." if not mism else
             f"differences (stage, h, mine, csv): {mism}"))
    print(f"Largest |Δ| between my envelope percentiles and coverage.csv's: "
          f"{worst[0]:+.1f} points ({worst[1]}).")
    print(f"Horizons whose inside_pct (csv) is outside the envelope: by coverage.csv's "
          f"{len(outside_csv)} of 28 ({', '.join(outside_csv)}); by mine {len(outside_mine)} "
          f"({', '.join(outside_mine)}).\n")

    print("By horizon group: envelope P5-P95 (P50), mine vs VALIDATION §11, and mine with "
          "England's part left out (drawn change and band); observed % inside under the "
          "analytic band with the catalogue's σ_A, k, England drawn and England known, mine "
          "vs §11's first two tables; the same with the moment fit's σ_A, k.\n")
    print("| stage | group | n | envelope | §11 | no England | obs drawn | §11 "
          "| obs Eng. known | §11 | moment: drawn | moment: Eng. known |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in STAGES:
        for gi, (g, _, _) in enumerate(H_GROUPS):
            mine = res[s].get(g)
            if mine is None:
                continue
            p5, p50, p95 = (pct7(mine, q) for q in (0.05, 0.5, 0.95))
            q5, q95 = pct7(res0[s][g], 0.05), pct7(res0[s][g], 0.95)
            doc = DOC_ENVELOPE[s].get(g)
            o = obs[s][g]
            pc = [f"{100 * x / o[0]:.0f}" for x in o[1:]]
            print(f"| {s} | {g} | {len(keys[s][g])} | {p5:.0f}-{p95:.0f} ({p50:.0f}) | "
                  f"{'%d-%d' % doc if doc else '–'} | {q5:.0f}-{q95:.0f} | {pc[0]} | "
                  f"{DOC_DRAWN[s][gi]} | {pc[1]} | {DOC_KNOWN[s][gi]} | {pc[2]} | {pc[3]} |")
    print("\n§11 on the moment fit: England known EY 89%, KS2 75/84/88%, KS4 75/83/84%, "
          "L3 86/82/79% (1-3/4-6/7-9); England drawn EY 91%, KS4 73% (all). §11: without "
          "England's part the KS2 7-9 range shrinks from 49 points to 11.")
    print(f"\n(simulation {elapsed:.0f} s; Monte Carlo SE of a P5/P95 from {reps} "
          f"replicates is roughly 1-2 points where the spread is wide)\n")


ENG = {}


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    record, fallbacks, eng_series = read_record()
    ENG.update(eng_series)
    n_fit = sum(1 for pos, _, _ in record if pos % 2 == 0)
    kinds = {}
    for a in INDEX:
        kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
    print("# The band-matched fit and the envelope: an independent check\n")
    print(f"index.json kinds: {kinds}; whole local authorities {len(record)}: "
          f"{n_fit} fitted (even places), {len(record) - n_fit} held out (odd).")
    for s in STAGES:
        if len(eng_series[s]) != 1:
            print(f"WARNING: {s}: England's series differs between files")
    print(f"Published years with no as_of entry: {sorted({(a, y) for a, _, y in fallbacks})}: "
          + ("kept, group size from the base year (ENVELOPE_FALLBACK=1)" if FALLBACK else
             "left out (no group size of their own)") + "\n")
    moments = part1(record, eng_series)
    part2(record, reps, 2016, moments)


if __name__ == "__main__":
    sys.exit(main())
