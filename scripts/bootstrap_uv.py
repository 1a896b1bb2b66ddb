"""Install into .venv the uv that uv.lock pins, checked against the lock's hashes.

Usage: .venv/bin/python scripts/bootstrap_uv.py
uv then installs everything else from the lock (`uv sync --locked`), itself included.
"""

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "uv.lock"


def main() -> None:
    with LOCK.open("rb") as lock:
        packages = tomllib.load(lock)["package"]
    uv = next((p for p in packages if p["name"] == "uv"), None)
    if uv is None:
        sys.exit("uv.lock does not pin uv: add it to the dev group in pyproject.toml.")
    hashes = [wheel["hash"] for wheel in uv.get("wheels", [])]
    requirement = f"uv=={uv['version']} " + " ".join(f"--hash={h}" for h in hashes)
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as requirements:
        requirements.write(requirement + "\n")
        requirements.flush()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "-qq",
                "--no-deps",
                "--only-binary=:all:",
                "--require-hashes",
                "-r",
                requirements.name,
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
