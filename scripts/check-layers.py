#!/usr/bin/env python3
"""Fails on an #include that crosses Heard's layers the wrong way (docs/architecture.md).

    scripts/check-layers.py                # the repository this script is in
    scripts/check-layers.py --root DIR     # another tree (the checker's own test plants a bad file)

Reads every #include in app/ storage/ sync/ server/ platform/ base/ and prints, for each
forbidden one, `file:line: forbidden include "x": why`; exits 1 if any, 0 if none, 2 on bad usage.
The build runs it (target heard_layers), so a wrong include fails the build. Python 3, stdlib only.
"""

import argparse
import os
import re
import sys

# --------------------------------------------------------------------------------------------
# The rules. A file is checked against every rule whose FILES pattern matches its path (relative
# to the root, with '/'); an include it makes is forbidden when it matches FORBIDDEN and does not
# match ALLOWED. Patterns are Python regular expressions matched at the start of the path.
# "OURS" is any header of this project; SDL and IMGUI are the two UI libraries.
OURS = r"(app|storage|sync|server|platform|base|tests|bench)/"
SDL = r"SDL2?[/_.]|SDL\.h$"
IMGUI = r"imgui|backends/imgui"
RULES = [
    # files                        forbidden                                   allowed                                 why
    (r"app/ui/kit/",               r"app/(tools|report)/|app/ui/|sync/|server/", r"app/ui/kit/",                         "the widget kit is below the tools and screens: it knows no tool, screen or App"),
    (r"app/tools/",                r"app/ui/|app/report/|server/",              r"app/ui/kit/",                         "tools use the widget kit only, never the App or a screen"),
    (r"app/tools/framework/",      r"app/tools/",                               r"app/tools/framework/",                "the activity framework never names a concrete tool (tools register themselves in app/tools/builtin_*.cpp)"),
    (r"app/tools/[^/]+/model/",    SDL + "|" + IMGUI + r"|app/ui/|app/tools/[^/]+/view/|platform/", None,                "a tool's model is plain C++: no ImGui, no SDL, no views"),
    (r"app/(model|i18n)/",         SDL + "|" + IMGUI + r"|app/(ui|tools|report)/|platform/|sync/", None,                "app/model is plain C++ below the tools: no ImGui, no SDL, no UI"),
    (r"storage/",                  SDL + "|" + IMGUI + r"|(app|sync|server|platform)/", None,                          "storage is the bottom layer: no SDL, no ImGui, nothing above it"),
    (r"sync/",                     SDL + "|" + IMGUI + r"|(app|server|platform)/", None,                               "sync sits on storage only: no SDL, no ImGui, no app"),
    (r"server/(?!console/record_drawings\.cpp$)", SDL + "|" + IMGUI + "|" + OURS, r"(server|base)/|sync/protocol[^/]*$|storage/(?!store\.h$)", "the server shares only the protocol (sync/protocol*), storage helpers and base/ with the device"),
    (r"server/console/record_drawings\.cpp$", SDL + "|" + IMGUI + "|" + OURS, r"(server|base)/|app/i18n/i18n\.h$|app/report/case_reports\.h$|app/tools/(skin_map|parental_conflict)/(model|report)/", "the console's record view draws with the tablet's skin map renderer and citation resolver (issue 15, item 4), and nothing else of the app"),
    (r"platform/",                 r"(app|storage|sync|server)/",               None,                                   "platform is below the app and knows none of it"),
    (r"base/",                     SDL + "|" + IMGUI + "|" + OURS,              r"base/",                               "base/ is below everything and includes only itself"),
]

# Known violations that are someone's open work, each with its reason. Keep this list short and
# remove an entry the moment its include is gone (the checker says so when one is stale).
EXCEPTIONS = [
    # (file, include, why it is tolerated for now)
    ("server/heard_server.cpp", "sync/https_channel.h",
     "ignoreBrokenPipes() only; to move to base/ or sync/protocol (issue 12, item 6)"),
]

FOLDERS = ["app", "storage", "sync", "server", "platform", "base"]
EXTENSIONS = (".h", ".hpp", ".hh", ".c", ".cc", ".cpp", ".cxx", ".inc", ".ipp")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
# --------------------------------------------------------------------------------------------


def sources(root):
    for folder in FOLDERS:
        top = os.path.join(root, folder)
        if not os.path.isdir(top):
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(EXTENSIONS):
                    path = os.path.join(dirpath, name)
                    yield os.path.relpath(path, root).replace(os.sep, "/"), path


def includes(path):
    """(line number, included name) of each #include, skipping /* block comments */."""
    in_comment = False
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if in_comment:
                end = line.find("*/")
                if end < 0:
                    continue
                line, in_comment = line[end + 2:], False
            start = line.find("/*")
            if start >= 0 and line.find("*/", start) < 0 and not INCLUDE.match(line[:start]):
                in_comment = True
            match = INCLUDE.match(line)
            if match:
                yield number, match.group(2).strip()


def check(root):
    rules = [(re.compile(f), re.compile(bad), re.compile(ok) if ok else None, why)
             for f, bad, ok, why in RULES]
    problems, used_exceptions, checked = [], set(), 0
    for rel, path in sources(root):
        checked += 1
        applicable = [r for r in rules if r[0].match(rel)]
        if not applicable:
            continue
        for number, name in includes(path):
            for _, bad, ok, why in applicable:
                if bad.match(name) and not (ok and ok.match(name)):
                    if any(rel == f and name == i for f, i, _ in EXCEPTIONS):
                        used_exceptions.add((rel, name))
                        continue
                    problems.append(f'{rel}:{number}: forbidden include "{name}": {why}')
                    break
    stale = [f"{f}: stale exception for \"{i}\" in scripts/check-layers.py (the include is gone: remove it)"
             for f, i, _ in EXCEPTIONS
             if os.path.exists(os.path.join(root, f)) and (f, i) not in used_exceptions]
    return problems, stale, checked


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--root", default=default_root, help="the tree to check (default: this repository)")
    parser.add_argument("--quiet", action="store_true", help="print nothing when the tree is clean")
    args = parser.parse_args()
    if not os.path.isdir(args.root):
        print(f"check-layers: no such folder: {args.root}", file=sys.stderr)
        return 2
    problems, stale, checked = check(args.root)
    for line in problems + stale:
        print(line)
    if problems:
        print(f"check-layers: {len(problems)} forbidden include(s) in {checked} files; "
              "the rules are at the top of scripts/check-layers.py and in docs/architecture.md", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"check-layers: {checked} files, no forbidden include")
    return 0


if __name__ == "__main__":
    sys.exit(main())
