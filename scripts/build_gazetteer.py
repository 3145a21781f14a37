"""Write baotinh/labels/data/gazetteer.json from the vietnamadminunits package's data.

vietnamadminunits (MIT licence, © 2025 Tran Ngoc Minh Hieu) publishes the 63 provinces and their
districts as they were before 1 July 2025, the 34 provinces after, and which old provinces each
new one was made of. We ship only the part we match on (names, kinds, the merger table), so the
service does not depend on the package and its geometry libraries at run time.

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    unzip -o /tmp/vau/*.whl -d /tmp/vau
    .venv/bin/python scripts/build_gazetteer.py /tmp/vau/vietnamadminunits/data
"""

from __future__ import annotations

import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "baotinh" / "labels" / "data" / "gazetteer.json"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def build(data_dir: Path) -> dict:
    db = sqlite3.connect(data_dir / "dataset.db")
    converter = json.loads((data_dir / "converter_2025.json").read_text())["DICT_PROVINCE"]
    legacy_by_key = {
        key: (
            _nfc(short),
            _nfc(full).split(" ", 1)[0] if full.startswith("Tỉnh") else "Thành phố",
            code,
        )
        for key, short, full, code in db.execute(
            "SELECT DISTINCT provinceKey, provinceShort, province, provinceCode"
            " FROM admin_units_legacy"
        )
    }
    current_by_key = {
        key: _nfc(short)
        for key, short in db.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units")
    }
    provinces: dict[str, dict] = {}
    current: dict[str, list[str]] = {}
    for new_key, old_keys in sorted(converter.items()):
        new_name = current_by_key[new_key]
        parts = current.setdefault(new_name, [])
        for old_key in old_keys:
            name, kind, code = legacy_by_key[old_key]
            provinces[name] = {"code": code, "kind": kind, "current": new_name}
            parts.append(name)
    districts = sorted(
        {
            (_nfc(short), _nfc(kind).capitalize(), legacy_by_key[key][0])
            for key, short, kind in db.execute(
                "SELECT DISTINCT provinceKey, districtShort, districtType FROM admin_units_legacy"
            )
            if short
        }
    )
    return {
        "source": (
            "vietnamadminunits 1.0.4 (MIT licence, (c) 2025 Tran Ngoc Minh Hieu): provinces and"
            " districts before 1 July 2025, and the 2025 merger table; built by"
            " scripts/build_gazetteer.py"
        ),
        "provinces": dict(sorted(provinces.items(), key=lambda item: item[1]["code"])),
        "current": dict(sorted(current.items())),
        "districts": [list(row) for row in districts],
    }


if __name__ == "__main__":
    gazetteer = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(gazetteer, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"{OUT}: {len(gazetteer['provinces'])} provinces before the merger,"
        f" {len(gazetteer['current'])} after, {len(gazetteer['districts'])} districts"
    )
