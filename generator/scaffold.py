"""`digest init DIR`: a new site folder, the way pelican-quickstart makes one.

The folder gets seeds/ (reports go there), pelicanconf.py and publishconf.py (importing the tool's
settings), a README, a .gitignore and the GitHub Pages workflow. Nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import __version__
from .errors import DigestError

# skeleton file -> where it goes in the new site folder
LAYOUT = {
    "pelicanconf.py": "pelicanconf.py",
    "publishconf.py": "publishconf.py",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "site.yml": ".github/workflows/site.yml",
}


@dataclass(frozen=True)
class SiteSpec:
    sitename: str = "会议通稿摘要"
    author: str = "meeting-digest"


def init_site(folder: Path, spec: SiteSpec = SiteSpec()) -> list[Path]:
    """Create a site folder; refuse one that exists and is not empty. Return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DigestError(str(folder), "exists and is not empty; `digest init` makes a new site folder")
    values = {"{sitename}": spec.sitename, "{author}": spec.author, "{version}": __version__}
    skeleton = resources.files("generator").joinpath("skeleton")
    written = []
    for src, dest in LAYOUT.items():
        text = skeleton.joinpath(src).read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        path = folder / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / "seeds").mkdir()
    written.append(folder / "seeds")
    return written
