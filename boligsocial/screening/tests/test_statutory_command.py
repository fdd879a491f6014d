"""The command-line contract: `manage.py statutory_lists --input IN.csv --output OUT.csv`."""

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HEADER = (
    "year,area,municipality,residents,pct_outside_work_education,pct_convicted,"
    "national_pct_convicted,pct_basic_education,income_pct_of_region,pct_nonwestern,"
    "published_lists"
)


def _run(tmp_path, text: str):
    src = tmp_path / "in.csv"
    out = tmp_path / "out.csv"
    src.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "statutory_lists", "--input", str(src), "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result, out


def test_command_writes_one_row_per_input_row_with_the_lists(tmp_path):
    text = (
        f"{HEADER}\n"
        "2019,Nordparken,Aarhus,2500,41.0,2.10,0.70,55.0,50.0,55.0,\n"
        "2019,Sydparken,Aarhus,2500,40.0,1.00,0.70,55.0,60.0,55.0,\n"
        "2021,Vestparken,Aarhus,1200,35.0,1.50,0.70,40.0,70.0,31.0,\n"
        "2017,Østparken,Aarhus,,,,,,,,parallelsamfund\n"
    )
    result, out = _run(tmp_path, text)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    got = [
        (
            r["area"],
            r["udsat"],
            r["parallelsamfund"],
            r["omdannelse"],
            r["forebyggelse"],
            r["criteria_met"],
        )
        for r in rows
    ]
    assert got[0][:5] == ("Nordparken", "1", "1", "0", "0")
    assert set(got[0][5].split(";")) >= {"beskaeftigelse", "kriminalitet", "indkomst"}
    assert got[1][:5] == ("Sydparken", "0", "0", "0", "0")  # 40.0 is not > 40
    assert got[2][:5] == ("Vestparken", "0", "0", "0", "1")
    assert got[3][:5] == ("Østparken", "0", "1", "0", "0")


def test_malformed_input_gives_a_danish_message_exit_2_and_no_file(tmp_path):
    text = f"{HEADER}\n2019,Nordparken,Aarhus,2500,41,0,2.10,0.70,55.0,50.0,55.0\n"
    result, out = _run(tmp_path, text)
    assert result.returncode == 2
    assert "Linje 2" in result.stderr
    assert not out.exists()


def test_missing_input_file_exits_2(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "statutory_lists",
            "--input",
            str(tmp_path / "nope.csv"),
            "--output",
            str(tmp_path / "out.csv"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "findes ikke" in result.stderr
    assert not (tmp_path / "out.csv").exists()
