"""`npm ci` for machines whose Node comes without a working npm.

NodeSource's repacked nodejs on these machines leaves npm out, and Debian's npm
cannot be installed beside it. The browser tests need one file of one package
(axe-core), so this installs exactly what package-lock.json pins: each package's
tarball from the npm registry, checked against the lockfile's integrity hash,
unpacked into node_modules/. Packages with install scripts or a dependency of
their own are refused: those need the real npm.

    python scripts/npm_ci.py
"""

import base64
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/")


def tarball_url(name: str, version: str) -> str:
    return f"{REGISTRY.rstrip('/')}/{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"


def install(path: str, entry: dict) -> None:
    name = path.removeprefix("node_modules/")
    if (
        "/node_modules/" in name
        or entry.get("hasInstallScript")
        or entry.get("dependencies")
    ):
        sys.exit(f"{name}: needs the real npm (nested, install script or dependencies)")
    url = entry.get("resolved") or tarball_url(name, entry["version"])
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - https registry
        data = response.read()
    algorithm, _, expected = entry["integrity"].partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        sys.exit(f"{name}: the tarball does not match package-lock.json's integrity")
    target = ROOT / path
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            top, _, rest = member.name.partition("/")
            if rest:
                member.name = rest  # npm tarballs hold everything under package/
                archive.extract(member, target, filter="data")
    print(f"{name} {entry['version']}")


def main() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    shutil.rmtree(ROOT / "node_modules", ignore_errors=True)
    for path, entry in lock["packages"].items():
        if path:
            install(path, entry)


if __name__ == "__main__":
    main()
