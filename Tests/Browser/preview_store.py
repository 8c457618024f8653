"""What the real-browser tests share: failures collected by `check`, prices read back, and a copy of the
sample store served by the built `showroom serve` on a free loopback port."""
import argparse
import json
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pagefind_bin

WIDTHS = (390, 1280)
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message, flush=True)
    return condition


def cents(display):
    """'$1,234.50' -> 123450 (the sample store is in USD)."""
    match = re.search(r"([0-9][0-9,]*)\.([0-9]{2})", display)
    assert match, f"no price in {display!r}"
    return int(match.group(1).replace(",", "")) * 100 + int(match.group(2))


class PreviewStore:
    """A copy of the sample store (`adjust` edits its site and catalog first), served by `showroom serve`.
    `image_cache`: where the preview keeps resized pictures, the Swift tests' shared cache, filled beforehand."""

    def __init__(self, repo, showroom, adjust=lambda store: None, image_cache=None):
        self.root = Path(tempfile.mkdtemp(prefix="showroom-browser-"))
        shutil.copytree(repo / "Content", self.root / "Content")
        shutil.copytree(repo / "Themes", self.root / "Themes")
        self.site = json.loads((self.root / "Content/site.json").read_text())
        self.catalog = json.loads((self.root / "Content/catalog.json").read_text())
        adjust(self)
        self.save()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        # Pagefind (from PyPI, beside Playwright) builds the search index.
        command = [str(showroom.resolve()), "serve", "--port", str(self.port), "--pagefind", str(pagefind_bin.get_executable())]
        if image_cache:
            command += ["--image-cache", image_cache]
        self.process = subprocess.Popen(command, cwd=self.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_until(lambda: self.fetch("/") is not None, "the preview server did not start")
        # Pages show the pictures' renditions once the cache has them; until then a background pass would
        # reload every open page in the middle of shopping.
        self.wait_until(lambda: b"/img/" in (self.fetch("/") or b""), "the preview never offered resized pictures", seconds=300)

    def save(self):
        (self.root / "Content/site.json").write_text(json.dumps(self.site, indent=2, ensure_ascii=False))
        (self.root / "Content/catalog.json").write_text(json.dumps(self.catalog, indent=2, ensure_ascii=False))

    def fetch(self, path):
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.read()
        except OSError:
            return None

    def wait_until(self, condition, message, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.2)
        raise RuntimeError(message)

    def product(self, handle):
        return next(p for p in self.catalog["products"] if p["handle"] == handle)

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def arguments():
    """The command line both scripts take (BrowserTests passes it)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--showroom", required=True, type=Path)
    parser.add_argument("--repo", required=True, type=Path)
    parser.add_argument("--screenshots", type=Path, default=Path(tempfile.gettempdir()) / "showroom-browser-screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--image-cache")
    args = parser.parse_args()
    args.screenshots.mkdir(parents=True, exist_ok=True)
    return args
