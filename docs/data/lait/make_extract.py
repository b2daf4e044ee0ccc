#!/usr/bin/env python3
"""Regenerates the LAIT extract Pathways builds its area files from, byte for byte.

Run by hand (not in CI, not by the app), from the repository root:

    python3 docs/data/lait/make_extract.py [path to the LAIT copy, default ../shared/data/lait]

It reads LAIT's education rows (`lait-education.csv`, a plain conversion of the DfE's
`bds_long_0.parquet`) and the May 2025 statistical neighbours (`sn_may_2025.csv`), keeps
the measures Pathways uses, and writes beside this script:

- `extract.csv`: one row per (measure, area, year) as published, the value as text
  exactly as LAIT gives it (suppression marks such as `x`, `c` and `-` included), and
  its source: repository, path, commit and measure code;
- `neighbours_may_2025.csv`: each LA's ten statistical neighbours, in order.

Nothing is computed: every derived number is made, and documented, by the generator.
"""

import csv
import sys
from pathlib import Path

SOURCE_REPO = "dfe-analytical-services/local-authority-interactive-tool"
SOURCE_COMMIT = "2e30e3959a6ab8b2d22941b84764da41a40ac91b"
DATA_PATH = "01_data/02_prod/bds_long_0.parquet"
NEIGHBOURS_PATH = "01_data/02_prod/sn_may_2025.xlsx"

# The measures Pathways uses, by LAIT's code, and what for.
MEASURES = {
    # Model outcomes, FSM and not FSM.
    "FSP_Gooddev_FSM": "early years: good level of development, FSM",
    "FSP_Gooddev_FSM_Other": "early years: good level of development, not FSM",
    "FSM_NEW_KS2_RWM": "KS2: reading, writing and maths at the expected standard, FSM",
    "NonFSM_NEW_KS2_RWM": "KS2: reading, writing and maths at the expected standard, not FSM",
    "FSM_AVG_Attain8_Score": "KS4: average Attainment 8, FSM",
    "NonFSM_AVG_Attain8_Score": "KS4: average Attainment 8, not FSM",
    "EngMaths9-4": "KS4: grade 4+ in English and maths, all pupils (for the Attainment 8 mapping)",
    "Level3_FMS_Attain": "Level 3 by 19, FSM at 15",
    "NonFSM_L3_aged19": "Level 3 by 19, not FSM at 15",
    "16-17 NEET": "NEET at 16-17, all young people",
    "16-17_not known_NEET": "activity not known at 16-17, all young people",
    # Group sizes.
    "PriFSM": "FSM share of primary pupils",
    "SecFSM": "FSM share of secondary pupils",
    "No_3&4yr_olds": "number of 3 and 4 year olds taking up funded early education (two year groups: the size of a year group)",
    # Context beside the outcomes (not model outcomes).
    "KS1P_FSM": "context: phonics decoding, FSM",
    "TotPerAbNew": "context: persistent absence, all pupils",
    "3&4yr_Ofsted_rating": "context: 3 and 4 year olds in funded early education at good or outstanding providers",
}

EXTRACT_HEADER = [
    "measure", "la_number", "area", "region", "years", "value",
    "source_repo", "source_path", "source_commit",
]


def la_number(text):
    """LAIT's LA number as an integer's text ('201.0' -> '201'); blank for England and regions."""
    text = text.strip()
    if not text:
        return ""
    return str(int(float(text)))


def extract(lait):
    rows = []
    with open(lait / "lait-education.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["Short Desc"]
            if code not in MEASURES:
                continue
            rows.append([
                code, la_number(row["LA Number"]), row["LA and Regions"], row["Region"],
                row["Years"], row["Values"], SOURCE_REPO, DATA_PATH, SOURCE_COMMIT,
            ])
    missing = sorted(set(MEASURES) - {r[0] for r in rows})
    if missing:
        sys.exit(f"lait-education.csv has no rows for {', '.join(missing)}")
    # A stable order: measure, then LA number (England and regions first, by name), then year.
    rows.sort(key=lambda r: (r[0], r[1] != "", int(r[1]) if r[1] else 0, r[2], r[4]))
    return rows


def neighbours(lait):
    with open(lait / "sn_may_2025.csv", newline="", encoding="utf-8") as f:
        records = list(csv.reader(f))
    # Two rows of column letters and numbers, then the sheet's own header.
    header = records[2]
    if header[:2] != ["LA num", "LA Name"]:
        sys.exit(f"sn_may_2025.csv: unexpected header {header[:5]}")
    sn = [i for i, name in enumerate(header) if name.startswith("SN") and name[2:].isdigit()]
    if len(sn) != 10:
        sys.exit(f"sn_may_2025.csv: {len(sn)} neighbour columns, not 10")
    out = []
    for record in records[3:]:
        if not record or not record[0].strip():
            continue
        out.append([la_number(record[0]), record[1]] + [la_number(record[i]) for i in sn]
                   + [SOURCE_REPO, NEIGHBOURS_PATH, SOURCE_COMMIT])
    out.sort(key=lambda r: int(r[0]))
    return out


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    lait = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/lait")
    here = Path(__file__).resolve().parent
    rows = extract(lait)
    write(here / "extract.csv", EXTRACT_HEADER, rows)
    sn = neighbours(lait)
    write(here / "neighbours_may_2025.csv",
          ["la_number", "la_name"] + [f"sn{i}" for i in range(1, 11)]
          + ["source_repo", "source_path", "source_commit"], sn)
    print(f"extract.csv: {len(rows)} rows, {len(MEASURES)} measures; "
          f"neighbours_may_2025.csv: {len(sn)} local authorities")


if __name__ == "__main__":
    main()
