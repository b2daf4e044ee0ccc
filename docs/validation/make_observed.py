#!/usr/bin/env python3
"""Regenerate observed-hastings.csv: published figures to check a Hastings projection.

    python3 docs/validation/make_observed.py           # (re)write observed-hastings.csv
    python3 docs/validation/make_observed.py --check   # exit 1 if the file on disk differs

Inputs
  * docs/data/opportunity-areas/figures.csv (the committed copy of ../shared/data/opportunity-areas, found
    from this script's own location). Read its README.md before using a row.
  * DOMAIN_ROWS below: figures hard-coded from ../shared/DOMAIN.md, each with the DOMAIN.md
    line it comes from (`source_text`). If DOMAIN.md is present, the script warns on stderr
    when a quoted line is no longer in it; the output never depends on DOMAIN.md.

Output columns: area,geography,stage,group,year,value,measure,source,caveat
  * area: always "Hastings" (the area the rows are meant to check).
  * geography: "East Sussex (county proxy)" (no Hastings district rows exist in any source
    the extract searched), "England", or "Hastings" (district figures quoted in DOMAIN.md).
  * stage: the model stage the row checks: early_years, ks2, ks4, level3_by_19, or neet.
    "neet" rows hold NEET shares: compare with the projection's neet_fsm_rate
    (= 1 - post19_fsm_rate), bearing in mind the age differences stated in the caveat.
  * group: fsm, non_fsm, disadvantaged, non_disadvantaged or all, as in the source.
  * year: calendar year of the summer that ends the academic year (2016/17 -> 2017). NCCIS
    NEET years keep the source's time_period (measured Dec of the year before to Feb);
    DfE 16-18 NEET "end YYYY" is measured at the end of calendar year YYYY and kept as YYYY.
  * value: a share 0-1, the source number divided by 100 exactly (decimal arithmetic, no
    rounding; trailing zeros dropped). Empty where the source row is blank (no assessment that year):
    those rows are kept so the gap is visible.
  * measure: the figures.csv measure without its _pct suffix, or a named DOMAIN.md measure.
  * source: repository, path and commit of the figures.csv row, or the DOMAIN.md table.
  * caveat: every break or mismatch that affects comparing the row with the model.

Selection: rows of figures.csv for Hastings' county LA (East Sussex) and England, measures
eyfs_gld_pct, ks2_rwm_expected_pct, ks4_em_grade4plus_pct, ks4_em_grade5plus_pct,
level3_by19_pct, neet_16_17_pct, neet_or_not_known_16_17_pct, neet_16_18_pct, years
2015-2025. Left out on purpose: ITL2-region rows (a different, much larger geography),
counts (*_n), gap indices and Attainment 8 (not shares), participation, not-known-only and
16-19 English/maths catch-up (not model outcomes). DOMAIN.md figures left out are listed in
DOMAIN_EXCLUDED with the reason.
"""

import csv
import io
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# The copy of the extract committed in docs/data (see its ORIGIN.md), so a clean clone can run this.
FIGURES = REPO / "docs" / "data" / "opportunity-areas" / "figures.csv"
DOMAIN = (REPO / ".." / "shared" / "DOMAIN.md").resolve()
OUTPUT = HERE / "observed-hastings.csv"

COLUMNS = ["area", "geography", "stage", "group", "year", "value", "measure", "source", "caveat"]
FIRST_YEAR, LAST_YEAR = 2015, 2025

COUNTY = "East Sussex (county proxy)"
ENGLAND = "England"
HASTINGS = "Hastings"

# figures.csv measure -> model stage
MEASURES = {
    "eyfs_gld_pct": "early_years",
    "ks2_rwm_expected_pct": "ks2",
    "ks4_em_grade4plus_pct": "ks4",
    "ks4_em_grade5plus_pct": "ks4",
    "level3_by19_pct": "level3_by_19",
    "neet_16_17_pct": "neet",
    "neet_or_not_known_16_17_pct": "neet",
    "neet_16_18_pct": "neet",
}
STAGE_ORDER = ["early_years", "ks2", "ks4", "level3_by_19", "neet"]
GEOGRAPHY_ORDER = [HASTINGS, COUNTY, ENGLAND]
GROUP_ORDER = ["fsm", "non_fsm", "disadvantaged", "non_disadvantaged", "all"]

# Hard-coded figures from DOMAIN.md. `value_pct` is the number exactly as DOMAIN.md writes
# it (a percentage); `source_text` is the DOMAIN.md line it was read from.
DOMAIN_ROWS = [
    {
        "geography": HASTINGS, "stage": "ks2", "group": "fsm", "year": 2017, "value_pct": "25",
        "measure": "expected_standard_seed",
        "source": "DOMAIN.md, Hastings table: seed deck (Hastings OA, Head of Delivery)",
        "source_text": "| FSM pupils reaching expected standard at KS2 and at KS4 | 25% | 2017 | seed deck |",
        "caveat": "Hastings district figure; the deck is undated and names no exact measure "
                  "(DOMAIN.md dates it 2017); it is the model's base-year calibration value, so "
                  "it checks the calibration, not any change",
    },
    {
        "geography": HASTINGS, "stage": "ks4", "group": "fsm", "year": 2017, "value_pct": "25",
        "measure": "expected_standard_seed",
        "source": "DOMAIN.md, Hastings table: seed deck (Hastings OA, Head of Delivery)",
        "source_text": "| FSM pupils reaching expected standard at KS2 and at KS4 | 25% | 2017 | seed deck |",
        "caveat": "Hastings district figure; the deck is undated and does not say which KS4 "
                  "measure 'expected standards' means (the model's is grade 4+ English and "
                  "maths; DOMAIN.md dates the figure 2017); it is the model's base-year "
                  "calibration value, so it checks the calibration, not any change",
    },
    {
        "geography": HASTINGS, "stage": "neet", "group": "all", "year": 2020, "value_pct": "8.9",
        "measure": "ks4_leavers_no_sustained_destination",
        "source": "DOMAIN.md, Hastings table: DfE destinations via local press",
        "source_text": "| KS4 leavers without a sustained destination | 8.9% (East Sussex 7%, England 5.6%) | 2019/20 | DfE destinations via local press |",
        "caveat": "Hastings district figure, all pupils; share of KS4 leavers without a "
                  "sustained education or employment destination in 2019/20 (age 16-17): not "
                  "NEET and not the model's age-20 FSM measure; compare direction and the "
                  "gap to East Sussex and England only",
    },
    {
        "geography": COUNTY, "stage": "neet", "group": "all", "year": 2020, "value_pct": "7",
        "measure": "ks4_leavers_no_sustained_destination",
        "source": "DOMAIN.md, Hastings table: DfE destinations via local press",
        "source_text": "| KS4 leavers without a sustained destination | 8.9% (East Sussex 7%, England 5.6%) | 2019/20 | DfE destinations via local press |",
        "caveat": "county proxy: East Sussex LA figure (Hastings district's own is 8.9%); all "
                  "pupils; share of KS4 leavers without a sustained destination in 2019/20 "
                  "(age 16-17): not NEET and not the model's age-20 FSM measure",
    },
    {
        "geography": ENGLAND, "stage": "neet", "group": "all", "year": 2020, "value_pct": "5.6",
        "measure": "ks4_leavers_no_sustained_destination",
        "source": "DOMAIN.md, Hastings table: DfE destinations via local press",
        "source_text": "| KS4 leavers without a sustained destination | 8.9% (East Sussex 7%, England 5.6%) | 2019/20 | DfE destinations via local press |",
        "caveat": "all pupils; share of KS4 leavers without a sustained destination in "
                  "2019/20 (age 16-17): not NEET and not the model's age-20 FSM measure",
    },
    {
        "geography": ENGLAND, "stage": "early_years", "group": "all", "year": 2016, "value_pct": "69.4",
        "measure": "eyfs_gld",
        "source": "DOMAIN.md, Hastings table: seed deck; Hastings Thrives",
        "source_text": "| EY good level of development | above the national average (national all-pupil 69.4% in 2016) | 2016-17 | seed deck; Hastings Thrives |",
        "caveat": "secondary citation of the national all-pupil figure (the DfE files in "
                  "figures.csv give 69.3 for 2015/16); pre-reform EYFS: not comparable with "
                  "2022 onward (EYFS reform Sept 2021); all pupils: compare with the "
                  "projection's all-pupil rate, not its FSM rate",
    },
    {
        "geography": ENGLAND, "stage": "ks4", "group": "disadvantaged", "year": 2019, "value_pct": "44.7",
        "measure": "ks4_em_grade4plus",
        "source": "DOMAIN.md, England baselines: DfE KS4 national characteristics",
        "source_text": "| KS4 grade 4+ English and maths, disadv. vs other | 44.7% vs 71.8% | 2018/19 | DfE KS4 national characteristics |",
        "caveat": "the only grade 4+ (the model's KS4 measure) split by disadvantage in the "
                  "data; disadvantaged (ever-6 FSM or looked after) is wider than current FSM "
                  "and its rates run higher: not the model's FSM group",
    },
    {
        "geography": ENGLAND, "stage": "ks4", "group": "non_disadvantaged", "year": 2019, "value_pct": "71.8",
        "measure": "ks4_em_grade4plus",
        "source": "DOMAIN.md, England baselines: DfE KS4 national characteristics",
        "source_text": "| KS4 grade 4+ English and maths, disadv. vs other | 44.7% vs 71.8% | 2018/19 | DfE KS4 national characteristics |",
        "caveat": "'other' = not disadvantaged: not the model's non-FSM group",
    },
    {
        "geography": ENGLAND, "stage": "neet", "group": "all", "year": 2017, "value_pct": "6.2",
        "measure": "neet_16_18",
        "source": "DOMAIN.md, England baselines: DfE NEET statistics SFR 13/2018",
        "source_text": "| NEET 16-18 / 19-24 / 16-24 | 6.2% / 13.2% / 11.1% | Oct-Dec 2017 | DfE NEET statistics SFR 13/2018 |",
        "caveat": "England ages 16-18, Oct-Dec 2017 (quarterly NEET statistics; the "
                  "participation series in figures.csv gives 6.233 for end 2017); all young "
                  "people, not split by FSM; the model's NEET is FSM at age 20",
    },
    {
        "geography": ENGLAND, "stage": "neet", "group": "all", "year": 2017, "value_pct": "13.2",
        "measure": "neet_19_24",
        "source": "DOMAIN.md, England baselines: DfE NEET statistics SFR 13/2018",
        "source_text": "| NEET 16-18 / 19-24 / 16-24 | 6.2% / 13.2% / 11.1% | Oct-Dec 2017 | DfE NEET statistics SFR 13/2018 |",
        "caveat": "England ages 19-24, Oct-Dec 2017: the closest published age band to the "
                  "model's NEET at 20; all young people, not split by FSM",
    },
    {
        "geography": ENGLAND, "stage": "neet", "group": "all", "year": 2017, "value_pct": "11.1",
        "measure": "neet_16_24",
        "source": "DOMAIN.md, England baselines: DfE NEET statistics SFR 13/2018",
        "source_text": "| NEET 16-18 / 19-24 / 16-24 | 6.2% / 13.2% / 11.1% | Oct-Dec 2017 | DfE NEET statistics SFR 13/2018 |",
        "caveat": "England ages 16-24, Oct-Dec 2017; all young people, not split by FSM; the "
                  "model's NEET is FSM at age 20",
    },
]

# DOMAIN.md figures deliberately not in the output, and why (kept here for the record).
DOMAIN_EXCLUDED = [
    ("| KS2 RWM expected standard, disadv. vs other | 47% vs 67% | 2017 | DfE KS2 statistics (via CYP Now) |",
     "same figures as figures.csv England ks2_rwm_expected_pct 2016/17 (smc-son)"),
    ("| same | 51% vs 71% | 2019 | DfE KS2 statistics |",
     "same figures as figures.csv England ks2_rwm_expected_pct 2018/19 (smc-son)"),
    ("| EYFS good level of development, FSM vs other | 56% vs 73% | 2017 | DfE EYFSP (via Nursery World) |",
     "same figures as figures.csv England eyfs_gld_pct 2016/17 (smapey, smc-son)"),
    ("| Level 3 by 19, FSM gap | about 25 points, flat since 2005 | 2005-2020 | DfE Level 2/3 at 19 releases |",
     "a gap, approximate and undated by year: not a yearly share"),
    ("| KS2 maths expected standard | Hastings 59% vs 70% national; Hastings disadv. 48% | 2016 | Hastings OA site |",
     "maths only, not reading, writing and maths combined; before the base year"),
    ("East Sussex (county): GLD FSM 59.3% / 58.8% / 61.3% and non-FSM 78.0% / 78.9% / 78.9% in 2015/16 / 2016/17 / 2017/18",
     "same figures as figures.csv East Sussex eyfs_gld_pct (smapey)"),
    ("East Sussex KS2 RWM disadvantaged 38% vs 62% other in 2021/22 (England 43% vs 66%)",
     "same figures as figures.csv ks2_rwm_expected_pct 2021/22 (smc-son)"),
    ("Hastings' early-years disadvantage gap was 4.1 months in 2022",
     "months of progress, not a share"),
    ("Hastings-specific figures beyond the seed (Hastings OA website, 2016)",
     "single subjects, phonics or old GCSE C+ measures, all before the base year"),
]


def year_of(text):
    """Calendar year of the summer: '2016/17' -> 2017; '2021' -> 2021; 'end 2015' -> 2015."""
    text = text.strip()
    if text.startswith("end "):
        return int(text[4:])
    if "/" in text:
        start, end = text.split("/")
        return int(start[:2] + end) if len(end) == 2 else int(end)
    return int(text)


def share(value, unit):
    """Source value -> share 0-1, exact in decimal; '' stays ''."""
    if value.strip() == "":
        return ""
    number = Decimal(value.strip())
    if unit == "percent":
        number = number.scaleb(-2)
    elif unit != "proportion (0-1)":
        raise ValueError(f"unexpected unit {unit!r}")
    # Drop trailing zeros the division adds ("60" -> 0.6, "7.0" -> 0.07): same number.
    return format(number.normalize(), "f")


def figures_caveat(row, geography, stage, group, year, measure, duplicated):
    parts = []
    notes = row["notes"]
    if geography == COUNTY:
        parts.append("county proxy: East Sussex LA figure, no Hastings district row exists; a "
                     "deprived coastal district can differ a lot from its county")
    if stage == "early_years":
        if year in (2020, 2021):
            parts.append("EYFSP not collected in 2019/20 or 2020/21 (COVID-19)")
        elif year >= 2022:
            parts.append("post-reform EYFS (from 2021/22): GLD not comparable with 2019 and "
                         "earlier (EYFS reform Sept 2021)")
        else:
            parts.append("pre-reform EYFS: GLD not comparable with 2022 onward (EYFS reform "
                         "Sept 2021)")
    if stage == "ks2":
        if year in (2020, 2021):
            parts.append("no KS2 tests in 2019/20 or 2020/21 (COVID-19)")
        elif year in (2016, 2017):
            parts.append("SMC: 2016 and 2017 not directly comparable with later years (2018 "
                         "changes to the teacher assessment framework)")
        elif year == 2022:
            parts.append("first KS2 tests after none in 2020 and 2021")
    if stage == "ks4":
        if year in (2020, 2021):
            parts.append("exams cancelled: centre- or teacher-assessed grades in 2020 and "
                         "2021, inflated against 2019 and later years")
        if measure == "ks4_em_grade5plus":
            parts.append("grade 5+ (strong pass) in English and maths; the model's KS4 "
                         "outcome is grade 4+, so compare trend and gap, not level; SMC: "
                         "changes over time may partly reflect grading approach")
        if measure == "ks4_em_grade4plus":
            parts.append("all pupils, state-funded, not split by disadvantage; year from the "
                         "DfE release linked in the dashboard code")
    if stage == "level3_by_19":
        parts.append("all young people, not split by FSM (the model's rate is FSM); year "
                     "from the DfE release linked in the dashboard code")
    if stage == "neet":
        if measure.endswith("16_17"):
            parts.append(f"ages 16-17 (academic age), average of Dec {year - 1} to Feb {year}; "
                         "all young people, not split by disadvantage; the model's NEET is "
                         "FSM at age 20")
            if measure.startswith("neet_or_not_known"):
                parts.append("includes young people whose activity is not known")
        else:
            parts.append(f"England ages 16-18 at end of calendar year {year}; all young "
                         "people, not split by disadvantage; the model's NEET is FSM at age 20")
    if group == "disadvantaged":
        parts.append("disadvantaged (ever-6 FSM or looked after) is wider than current FSM "
                     "and its rates run higher: not the model's FSM group")
    elif group == "non_disadvantaged":
        parts.append("'not known to be disadvantaged': not the model's non-FSM group")
    elif group == "non_fsm":
        if "All other" in notes:
            parts.append("non-FSM = 'all other' (not eligible or FSM eligibility unknown)")
        else:
            parts.append("non-FSM = 'not known to be FSM eligible'")
    elif group == "all" and stage in ("early_years", "ks2", "ks4"):
        parts.append("all pupils: compare with the projection's all-pupil rate, not its FSM "
                     "rate")
    if group == "fsm" and "FSM-based England comparator" in notes:
        parts.append("FSM split from smc-son 2.0 (a different file from the disadvantage "
                     "series)")
    if duplicated:
        parts.append("England figure also in another source with different rounding: "
                     "compare an LA with the England row from the same source")
    return "; ".join(parts)


def figures_rows():
    with open(FIGURES, newline="", encoding="utf-8") as f:
        source = list(csv.DictReader(f))
    picked = []
    for row in source:
        if row["measure"] not in MEASURES:
            continue
        if row["oa"] == "England":
            geography = ENGLAND
        elif row["oa"] == "Hastings" and row["geography_level"] == "local authority (upper tier)":
            if row["geography_name"] != "East Sussex":
                raise ValueError(f"unexpected Hastings LA {row['geography_name']!r}")
            geography = COUNTY
        else:
            continue
        year = year_of(row["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            continue
        picked.append((row, geography, year))
    # England figures published by more than one source for the same year and group.
    sources = {}
    for row, geography, year in picked:
        key = (geography, row["measure"], row["group"], year)
        sources.setdefault(key, set()).add(row["source_path"])
    out = []
    for row, geography, year in picked:
        stage = MEASURES[row["measure"]]
        measure = row["measure"].removesuffix("_pct")
        group = row["group"]
        duplicated = geography == ENGLAND and len(
            sources[(geography, row["measure"], group, year)]) > 1
        out.append({
            "area": "Hastings",
            "geography": geography,
            "stage": stage,
            "group": group,
            "year": year,
            "value": share(row["value"], row["unit"]),
            "measure": measure,
            "source": f"figures.csv: {row['source_repo']} {row['source_path']} "
                      f"@{row['source_commit'][:12]}",
            "caveat": figures_caveat(row, geography, stage, group, year, measure, duplicated),
        })
    return out


def domain_rows():
    if DOMAIN.exists():
        text = DOMAIN.read_text(encoding="utf-8")
        for item in DOMAIN_ROWS:
            if item["source_text"] not in text:
                print(f"warning: DOMAIN.md no longer contains: {item['source_text']}",
                      file=sys.stderr)
    out = []
    for item in DOMAIN_ROWS:
        out.append({
            "area": "Hastings",
            "geography": item["geography"],
            "stage": item["stage"],
            "group": item["group"],
            "year": item["year"],
            "value": share(item["value_pct"], "percent"),
            "measure": item["measure"],
            "source": item["source"],
            "caveat": item["caveat"],
        })
    return out


def sort_key(row):
    return (
        STAGE_ORDER.index(row["stage"]),
        GEOGRAPHY_ORDER.index(row["geography"]),
        GROUP_ORDER.index(row["group"]),
        row["measure"],
        row["year"],
        row["source"],
    )


def render():
    rows = sorted(figures_rows() + domain_rows(), key=sort_key)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv):
    text = render()
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
        if current != text:
            print(f"{OUTPUT} differs from what make_observed.py generates", file=sys.stderr)
            return 1
        print(f"{OUTPUT} is up to date ({text.count(chr(10)) - 1} rows)")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
