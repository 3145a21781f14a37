"""Write baotinh/labels/data/former_districts.json: districts articles of 2008–2025 name that the
gazetteer (the districts of June 2025) does not know, from the official lists of those years.

The General Statistics Office's list of administrative units (danhmuchanhchinh.gso.gov.vn), as
downloaded on each date it changed and kept in git by two public repositories:

- github:daohoangson/dvhcvn-historical-data: one commit per list date, 2003 to July 2021, each
  commit message naming the resolutions or decrees of that date;
- github:daohoangson/dvhcvn: `data/dvhcvn.json`, one commit per list date, 2019 to March 2025.

Comparing the lists of successive dates finds each district-level unit whose name left the list
(merged, split or renamed) and, by the codes of its communes, the unit(s) they went to. We ship
names, kinds, provinces, dates, resolution numbers and where each fact was read; no third party's
text. A few spellings come from elsewhere, each with its page (`_OTHER_SPELLINGS`).

    fetch github:daohoangson/dvhcvn-historical-data and github:daohoangson/dvhcvn, then
    .venv/bin/python scripts/build_former_districts.py HISTORICAL_GIT_DIR DVHCVN_GIT_DIR
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from baotinh.core.text import fold
from baotinh.labels.places import modern_tones

DATA = Path(__file__).resolve().parents[1] / "baotinh" / "labels" / "data"
HISTORICAL = "daohoangson/dvhcvn-historical-data"
DVHCVN = "daohoangson/dvhcvn"
SINCE = "2008-01-01"  # the papers we read start in 2010; a unit gone by 2008 is history
_KINDS = ("Thành phố", "Thị xã", "Quận", "Huyện")
# A city named like its province ("thành phố Huế", "thành phố Ninh Bình") is found through the
# province's own name already; as a district it would only change how the mention is read.
_PROVINCE_NAMED = "a city named like its province, found by the province's name"
# Spellings in official use that the GSO list does not have, each with where it was read.
_OTHER_SPELLINGS = (
    {
        "name": "Mù Cang Chải",
        "current": "Mù Căng Chải",
        "kind": "Huyện",
        "province": "Yên Bái",
        "source": "the Yên Bái provincial portal writes it so: https://yenbai.gov.vn:443/noidung/"
        "tintuc/Pages/chi-tiet-tin-tuc.aspx?l=TinSonganhdiaphuong"
        "++++++++++++++++++++++++++++++++++&lv=11&page=95; so does the national tourism site:"
        " http://vietnamtourism.vn/index.php/tourism/items/2768",
    },
)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, check=True
    ).stdout.decode()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _short(name: str) -> tuple[str, str]:
    """("Huyện", "Tĩnh Gia") from "Huyện Tĩnh Gia" (the list writes "Thành Phố" too)."""
    for kind in _KINDS:
        if name.lower().startswith(kind.lower() + " "):
            return kind, name[len(kind) + 1 :]
    return "", name


def _snapshots(historical: Path, dvhcvn: Path) -> list[dict]:
    """Every list from 2008 on, oldest first: date, where it was read, resolutions, units."""
    logs = [
        (historical, HISTORICAL, "data.json", "2000-01-01", "2021-07-15"),
        (dvhcvn, DVHCVN, "data/dvhcvn.json", "2021-07-15", "2099-01-01"),
    ]
    snapshots = []
    for repo, name, path, start, end in logs:
        log = _git(repo, "log", "--reverse", "--format=%H %ad %s", "--date=short", "--", path)
        for line in log.splitlines():
            sha, date, message = line.split(" ", 2)
            if not (max(start, SINCE) <= date < end):
                continue
            data = json.loads(_git(repo, "show", f"{sha}:{path}"))
            units = {}
            for province in data["data"] if isinstance(data, dict) else data:
                for unit in province["level2s"]:
                    units[unit["level2_id"]] = {
                        "province": _nfc(province["name"]),
                        "name": _nfc(unit["name"]),
                        "communes": {c["level3_id"] for c in unit.get("level3s", [])},
                    }
            source = f"github:{name}@{sha[:10]} {path} ({date})"
            snapshots.append({"date": date, "source": source, "message": message, "units": units})
    return snapshots


def _same_letters(one: str, other: str) -> bool:
    """ "Nà Hang"/"Na Hang", "Qui Nhơn"/"Quy Nhơn": one name, respelt."""
    return fold(one).lower().replace("qui", "quy") == fold(other).lower().replace("qui", "quy")


def _resolution(messages: list[str], province: str, names: list[str]) -> str:
    """The resolution, among those its list date names, that names this unit or its successor,
    or else arranges the district-level units of its province ("sắp xếp … cấp huyện … tỉnh Cao
    Bằng")."""
    parts = [part.partition(":") for message in messages for part in message.split(";")]
    numbered = [
        (found.group(), fold(text).lower())
        for number, _, text in parts
        if (found := re.search(r"\d+/(?:\d{4}/)?(?:NQ|NĐ|QĐ)-[\wĐ]+", number))
    ]
    for name in names:
        for number, text in numbered:
            if re.search(rf"\b{re.escape(fold(name).lower())}\b", text):
                return number
    for number, text in numbered:
        if "cap huyen" in text and fold(province).lower() in text:
            return number
    return ""


def build(historical: Path, dvhcvn: Path) -> dict:
    gazetteer = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    provinces = {fold(name).lower(): name for name in gazetteer["provinces"]}
    provinces[fold("Thừa Thiên Huế").lower()] = "Huế"

    def province_of(listed: str) -> str | None:
        return provinces.get(fold(re.sub(r"^(Tỉnh|Thành phố) ", "", listed)).lower())

    # "Cai Lậy (Huyện)" and "Cai Lậy (Thị xã)": the package tells apart two units of one name
    current = {
        (province, modern_tones(re.sub(r" \(.*\)$|^Quận (?=\d+$)", "", short)))
        for short, _kind, province in gazetteer["districts"]
    }
    snapshots = _snapshots(historical, dvhcvn)
    final = snapshots[-1]["units"]
    last_seen: dict[tuple[str, str], tuple[int, str]] = {}
    for index, snapshot in enumerate(snapshots):
        for code, unit in snapshot["units"].items():
            # Hà Tây's districts are named by the province their code is in at the end (Hà Nội)
            province = province_of(unit["province"]) or province_of(
                final.get(code, unit)["province"]
            )
            kind, short = _short(unit["name"])
            if province and (province, modern_tones(short)) not in current:
                last_seen[(province, short)] = (index, code)
    former, spellings, left_out = [], [], []
    for (province, short), (index, code) in sorted(last_seen.items()):
        kind = _short(snapshots[index]["units"][code]["name"])[0]
        row = {"name": short, "kind": kind, "province": province}
        if short.isdigit():  # "Quận 2": a number is no name to find in prose (places.py)
            left_out.append(row | {"why": "a number, not matched in prose"})
            continue
        if province_of(short) == province:
            left_out.append(row | {"why": _PROVINCE_NAMED})
            continue
        if index == len(snapshots) - 1:  # still listed in 2025, spelt otherwise than we have
            same = [
                name
                for name, _, p in gazetteer["districts"]
                if p == province and fold(name).replace(" ", "") == fold(short).replace(" ", "")
            ]
            spellings.append(
                row | {"current": same[0] if same else "", "source": snapshots[-1]["source"]}
            )
            continue
        # The last list that has its communes (a merger can empty a unit a list date early).
        with_communes = max(
            i for i in range(index + 1) if snapshots[i]["units"].get(code, {}).get("communes")
        )
        communes = snapshots[with_communes]["units"][code]["communes"]
        after = snapshots[index + 1]
        went = {}
        for other in after["units"].values():
            shared = len(other["communes"] & communes)
            if shared:
                _kind, name = _short(other["name"])
                went[(_kind, name)] = went.get((_kind, name), 0) + shared
        into = [f"{k.lower()} {n}" for k, n in sorted(went, key=lambda key: -went[key])]
        renamed = code in after["units"] and _short(after["units"][code]["name"])[1] != short
        if renamed and _same_letters(_short(after["units"][code]["name"])[1], short):
            spellings.append(
                row
                | {
                    "current": _short(after["units"][code]["name"])[1],
                    "source": f"{snapshots[index]['source']}; respelt in {after['source']}",
                }
            )
            continue
        if code in after["units"] and _short(after["units"][code]["name"])[1] == short:
            left_out.append(row | {"why": "moved to another province under its own name"})
            continue
        former.append(
            row
            | {
                "change": "renamed" if renamed else "merged",
                "into": into,
                "listed_until": snapshots[index]["source"],
                "gone_in": after["source"],
                "resolution": _resolution(
                    [after["message"]]
                    + [snapshots[index]["message"]] * (snapshots[index]["date"] == after["date"]),
                    province,
                    [short, *(name for _, name in went)],
                ),
            }
        )
    spellings += [dict(row) for row in _OTHER_SPELLINGS]
    return {
        "source": (
            "the General Statistics Office's lists of administrative units of 2008-2025 as kept"
            " in github:daohoangson/dvhcvn-historical-data and github:daohoangson/dvhcvn"
            " (compared list by list), and the pages named per row; built by"
            " scripts/build_former_districts.py"
        ),
        "former": sorted(former, key=lambda row: (row["gone_in"].split("(")[-1], row["name"])),
        "spellings": sorted(spellings, key=lambda row: (row["province"], row["name"])),
        "left_out": left_out,
    }


if __name__ == "__main__":
    table = build(Path(sys.argv[1]), Path(sys.argv[2]))
    out = DATA / "former_districts.json"
    out.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"{out}: {len(table['former'])} former districts, {len(table['spellings'])} spellings,"
        f" {len(table['left_out'])} left out"
    )
