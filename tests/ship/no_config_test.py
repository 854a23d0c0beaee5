#!/usr/bin/env python3
"""ship.no_config: every test that starts heard-server passes --no-config (or names its own
--config file), so a machine with /etc/heard/server.conf installed runs the tests unchanged.

Rules, over every file under tests/ and bench/:
  - C++: HEARD_SERVER_EXE is only handed to the shared helpers of tests/sync/server_process.h
    (runServerExecutable, ServerProcess), and those helpers put --no-config first;
  - Python: each argument list that starts with the server executable (args.server) has
    "--no-config" or "--config" next;
  - shell: each command line that runs a heard-server binary has --no-config or --config.
Also runs on planted bad files, so the check itself can fail.
usage: no_config_test.py <repository root>
"""
import os
import re
import sys
import tempfile

CPP = (".cpp", ".h", ".inc")
PY_START = re.compile(r"\[\s*args\.server\s*,\s*(\"[^\"]*\")")
SH_RUN = re.compile(r"(\"\$SERVER\"|heard-server\")\s+(\S+)")


def problems_in(path):
    found = []
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    helper = path.endswith(os.path.join("sync", "server_process.cpp"))
    for number, line in enumerate(lines, 1):
        where = "%s:%d" % (path, number)
        if path.endswith(CPP) and not helper and "HEARD_SERVER_EXE" in line:
            code = line.split("//")[0]
            if "HEARD_SERVER_EXE" in code and not re.search(r"runServerExecutable\(|ServerProcess\b|#\s*(ifn?def|define)", code):
                found.append(where + ": heard-server started without the shared helper (tests/sync/server_process.h)")
        if path.endswith(".py"):
            for first in PY_START.findall(line):
                if first not in ('"--no-config"', '"--config"'):
                    found.append(where + ": heard-server started without --no-config")
        if path.endswith(".sh"):
            for _, first in SH_RUN.findall(line):
                if first not in ("--no-config", "--config"):
                    found.append(where + ": heard-server run without --no-config")
    if helper:
        text = "\n".join(lines)
        if text.count("kNoConfig") < 3 or '"--no-config"' not in text:
            found.append(path + ": the shared helpers no longer pass --no-config")
    return found


def scan(root):
    found, seen = [], 0
    for top in ("tests", "bench"):
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if name.endswith(CPP + (".py", ".sh")) and name != os.path.basename(__file__):
                    seen += 1
                    found += problems_in(os.path.join(folder, name))
    return found, seen


def main():
    root = sys.argv[1]
    found, seen = scan(root)
    for problem in found:
        print("FAIL: " + problem)
    # The check can fail: planted files that start the server without --no-config are caught.
    with tempfile.TemporaryDirectory() as planted:
        os.makedirs(os.path.join(planted, "tests"))
        bad = {
            "a_test.cpp": 'auto p = ::popen(HEARD_SERVER_EXE " admin stats", "r");\n',
            "b_test.py": 'subprocess.run([args.server, "--db", db])\n',
            "c_test.sh": '"$SERVER" --version\n',
        }
        for name, text in bad.items():
            with open(os.path.join(planted, "tests", name), "w") as f:
                f.write(text)
        caught, _ = scan(planted)
        if len(caught) != len(bad):
            print("FAIL: the check missed a planted file: %s" % caught)
            return 1
    print("ship.no_config: %d files read, %d problems" % (seen, len(found)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
