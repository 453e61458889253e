#!/usr/bin/env python3
"""Fails when a relative link in a tracked Markdown file points at a file that does not exist,
or at a heading (#anchor) that a Markdown file does not have.

    python3 scripts/check-links.py            # every *.md that git tracks
    python3 scripts/check-links.py A.md B.md  # these files only

Links with a scheme (https:, mailto:) are not followed. Code blocks and code spans are not read.
Anchors are GitHub's: the heading in lower case, punctuation dropped, spaces as hyphens.
"""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+).*?\1")
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def prose_lines(text):
    """(line number, line) of the lines outside fenced code blocks."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def slug(heading):
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading counts by its text
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        found, repeats = set(), {}
        for _, line in prose_lines(path.read_text(encoding="utf-8")):
            match = HEADING.match(line)
            if match:
                base = slug(match.group(1))
                repeats[base] = repeats.get(base, -1) + 1
                found.add(base if repeats[base] == 0 else f"{base}-{repeats[base]}")  # GitHub: a, a-1, a-2
        cache[path] = found
    return cache[path]


def targets(text):
    for number, line in prose_lines(text):
        line = CODE_SPAN.sub("", line)
        for match in INLINE_LINK.finditer(line):
            yield number, match.group(1)
        match = REFERENCE_DEFINITION.match(line)
        if match:
            yield number, match.group(1)


def problems(markdown):
    for number, target in targets(markdown.read_text(encoding="utf-8")):
        if SCHEME.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        if file_part:
            linked = (ROOT / file_part.lstrip("/")) if file_part.startswith("/") else markdown.parent / file_part
        else:
            linked = markdown
        where = f"{markdown.relative_to(ROOT)}:{number}: {target}"
        if not linked.exists():
            yield f"{where}: no such file"
        elif anchor and linked.suffix == ".md" and linked.is_file() and anchor not in anchors(linked.resolve()):
            yield f"{where}: no such heading"


def tracked_markdown():
    listed = subprocess.run(["git", "ls-files", "-z", "*.md"], cwd=ROOT, check=True, capture_output=True, text=True)
    return [ROOT / name for name in listed.stdout.split("\0") if name]


def main(arguments):
    files = [Path(name).resolve() for name in arguments] or tracked_markdown()
    found = [problem for markdown in files for problem in problems(markdown)]
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print(f"check-links: {len(found)} broken link(s) in {len(files)} Markdown file(s)", file=sys.stderr)
        return 1
    print(f"check-links: every relative link of {len(files)} Markdown file(s) resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
