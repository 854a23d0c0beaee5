#!/usr/bin/env python3
"""ship.links: every relative link in README.md and docs/*.md points to a file in the repository.

Checks Markdown links and images, [text](target) and ![alt](target); a target with a scheme
(https:, mailto:) or a bare #anchor is not a file and is skipped; "#section" after a path is
dropped. A path that leaves the repository (../shared/...) fails too: a person who clones Heard
cannot follow it. Also runs on a planted bad link, so the check itself can fail.
usage: links_test.py <repository root>
"""
import os
import re
import sys
import tempfile

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~)")


def links_in(path):
    in_fence = False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if FENCE.match(line.strip()):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            # Inline code is not a link.
            line = re.sub(r"`[^`]*`", "", line)
            for target in LINK.findall(line):
                yield number, target


def broken_links(root):
    root = os.path.realpath(root)
    files = [os.path.join(root, "README.md")]
    docs = os.path.join(root, "docs")
    for folder, _, names in os.walk(docs):
        files += [os.path.join(folder, n) for n in sorted(names) if n.endswith(".md")]
    problems = []
    checked = 0
    for path in files:
        if not os.path.exists(path):
            problems.append(f"{path}: missing")
            continue
        for number, target in links_in(path):
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
                continue
            checked += 1
            file_part = target.split("#", 1)[0]
            resolved = os.path.realpath(os.path.join(os.path.dirname(path), file_part))
            where = f"{os.path.relpath(path, root)}:{number}: {target}"
            if not (resolved == root or resolved.startswith(root + os.sep)):
                problems.append(f"{where}: leaves the repository")
            elif not os.path.exists(resolved):
                problems.append(f"{where}: no such file")
    return problems, checked


def main():
    root = sys.argv[1]
    problems, checked = broken_links(root)
    for p in problems:
        print("broken link:", p)
    print(f"checked {checked} relative links")
    if checked < 10:
        print("too few links checked: is the path right?")
        return 1
    # The check must be able to fail: a small tree with one good and two bad links.
    with tempfile.TemporaryDirectory() as fake:
        os.mkdir(os.path.join(fake, "docs"))
        with open(os.path.join(fake, "README.md"), "w") as f:
            f.write("[good](docs/a.md) [outside](../shared/ARCHITECTURE.md)\n```\n[in code](nowhere.md)\n```\n")
        with open(os.path.join(fake, "docs", "a.md"), "w") as f:
            f.write("![picture](pictures/missing.png) [web](https://example.invalid/x) [top](#top)\n")
        planted, _ = broken_links(fake)
        if len(planted) != 2:
            print("the checker missed planted bad links:", planted)
            return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
