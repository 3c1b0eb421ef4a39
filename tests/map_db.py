"""A copy of the bundled database whose places have points, for the map's tests.

Once the reference layer gives every place a point, the copy is used as it is; before
that, a few places get theirs here (capitals, to 0.01°), so the map has markers.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_DB = REPO_ROOT / "data" / "polyu.db"

POINTS = {
    "hong-kong": ("HK", 22.30, 114.17),
    "macao": ("MO", 22.19, 113.54),
    "mainland-china": ("CN", 39.90, 116.40),
    "japan": ("JP", 35.68, 139.69),
    "thailand": ("TH", 13.76, 100.50),
    "new-zealand": ("NZ", -41.29, 174.78),
    "canada": ("CA", 45.42, -75.70),
    "uk": ("GB", 51.51, -0.13),
    "france": ("FR", 48.86, 2.35),
    "slovenia": ("SI", 46.05, 14.51),
}


def db_with_points(folder: Path) -> Path:
    path = folder / "points.db"
    shutil.copyfile(BUNDLED_DB, path)
    conn = sqlite3.connect(path)
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(place)")}
        if "lat" not in columns:
            for column in ("iso_code TEXT", "lat REAL", "lon REAL"):
                conn.execute(f"ALTER TABLE place ADD COLUMN {column}")
            conn.executemany(
                "UPDATE place SET iso_code = ?, lat = ?, lon = ? WHERE id = ?",
                [(code, lat, lon, place) for place, (code, lat, lon) in POINTS.items()],
            )
            conn.commit()
    finally:
        conn.close()
    path.chmod(0o444)
    return path
