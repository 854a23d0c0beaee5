#!/usr/bin/env python3
"""Tests of the two tree checkers (issue 12, item 7), run by CTest as arch.layers_check and
arch.format_check:

    checkers_test.py layers SOURCE_DIR   # scripts/check-layers.py
    checkers_test.py format SOURCE_DIR   # scripts/check-format.sh

Each checker must pass on the real tree AND fail on a planted violation: the test builds a tiny
fake tree in a temporary folder, plants one bad file at a time, and asserts a non-zero exit
with the offending file (and for layers the line) named. Python 3, stdlib only.
"""

import os
import shutil
import subprocess
import sys
import tempfile

FAILURES = []


def expect(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        FAILURES.append(message)


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return result.returncode, result.stdout


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# A small tree that follows every rule: one file per layer, including what each may include.
CLEAN_TREE = {
    "app/model/visit.h": '#pragma once\n#include "storage/records.h"\n#include <string>\n',
    "app/ui/kit/widgets.cpp": '#include "app/ui/kit/widgets.h"\n#include "app/model/visit.h"\n#include <imgui.h>\n',
    "app/ui/kit/widgets.h": "#pragma once\n",
    "app/tools/framework/model/activity_type.cpp": '#include "app/tools/framework/model/activity_type.h"\n',
    "app/tools/framework/model/activity_type.h": "#pragma once\n",
    "app/tools/framework/view/activity_views.cpp": '#include "app/ui/kit/widgets.h"\n#include <imgui.h>\n',
    "app/tools/garden/model/garden_type.cpp": '#include "app/tools/framework/model/activity_type.h"\n',
    "app/tools/garden/view/garden_views.cpp": '#include "app/tools/garden/model/garden_type.h"\n#include <SDL.h>\n',
    "app/tools/builtin_types.cpp": '#include "app/tools/garden/model/garden_type.h"\n',
    "app/ui/app.cpp": '#include "app/tools/garden/view/garden_views.h"\n#include "app/ui/kit/widgets.h"\n',
    "storage/store.cpp": '#include "storage/store.h"\n#include <sqlite3.h>\n',
    "sync/client.cpp": '#include "sync/protocol.h"\n#include "storage/store.h"\n',
    "server/server.cpp": '#include "server/server.h"\n#include "sync/protocol.h"\n#include "storage/chain.h"\n',
    "platform/window.cpp": '#include "platform/window.h"\n#include <SDL.h>\n#include <imgui.h>\n',
    # A forbidden include in a comment is not an include.
    "storage/notes.h": '#pragma once\n// #include <SDL.h> would be wrong here\n/*\n#include "app/ui/app.h"\n*/\n',
}

# One violation per rule: (file, its text, the line the checker must name).
PLANTED = [
    ("app/tools/framework/model/registry.cpp",
     '#include "app/tools/framework/model/activity_type.h"\n#include "app/tools/garden/model/garden_type.h"\n', 2),
    ("app/tools/framework/view/picker.cpp", '#include "app/tools/garden/view/garden_views.h"\n', 1),
    ("app/tools/garden/view/garden_screen.cpp", '#include "app/ui/kit/widgets.h"\n#include "app/ui/app.h"\n', 2),
    ("app/tools/garden/model/garden_rules.cpp", "#include <string>\n#include <imgui.h>\n", 2),
    ("app/ui/kit/theme.cpp", '#include "app/ui/screens.h"\n', 1),
    ("app/ui/kit/tags.cpp", '#include "app/tools/garden/view/garden_views.h"\n', 1),
    ("app/model/concern.cpp", '#include "app/model/visit.h"\n\n#include <SDL.h>\n', 3),
    ("storage/keys.cpp", "#include <sodium.h>\n#include <SDL2/SDL.h>\n", 2),
    ("storage/outbox.cpp", '#include "app/model/visit.h"\n', 1),
    ("sync/service.cpp", "#include <imgui.h>\n", 1),
    ("sync/status.cpp", '#include "app/ui/app.h"\n', 1),
    ("server/console.cpp", '#include "sync/sync_client.h"\n', 1),
    ("server/intake.cpp", '#include "storage/store.h"\n', 1),
    ("server/pages.cpp", '#include "platform/window.h"\n', 1),
    ("platform/paths.cpp", '#include "storage/store.h"\n', 1),
    ("base/hex.cpp", '#include "storage/keys.h"\n', 1),
]


def test_layers(source):
    script = os.path.join(source, "scripts", "check-layers.py")
    code, out = run([sys.executable, script, "--root", source])
    expect(code == 0, "check-layers passes on the real tree:\n" + out)

    with tempfile.TemporaryDirectory(prefix="heard-layers-") as root:
        for rel, text in CLEAN_TREE.items():
            write(root, rel, text)
        code, out = run([sys.executable, script, "--root", root])
        expect(code == 0, "check-layers passes on a clean fake tree:\n" + out)

        for rel, text, line in PLANTED:
            write(root, rel, text)
            code, out = run([sys.executable, script, "--root", root])
            expect(code == 1, f"check-layers fails on {rel} (exit {code})")
            expect(f"{rel}:{line}: forbidden include" in out, f"check-layers names {rel}:{line}:\n{out}")
            os.remove(os.path.join(root, rel))

        code, out = run([sys.executable, script, "--root", root])
        expect(code == 0, "check-layers passes again once every planted file is gone:\n" + out)
        code, out = run([sys.executable, script, "--root", os.path.join(root, "no-such-folder")])
        expect(code == 2, "check-layers refuses a missing root")


def test_format(source):
    script = os.path.join(source, "scripts", "check-format.sh")
    if shutil.which("clang-format") is None:
        expect(False, "clang-format is installed (scripts/setup-deps.sh)")
        return
    code, out = run(["bash", script, "--root", source])
    expect(code == 0, "check-format passes on the real tree:\n" + out[-3000:])

    with tempfile.TemporaryDirectory(prefix="heard-format-") as root:
        shutil.copy(os.path.join(source, ".clang-format"), root)
        good = os.path.join(source, "app", "tools", "builtin_types.cpp")
        write(root, "app/good.cpp", open(good, encoding="utf-8").read())
        write(root, "app/good.h", "#pragma once\n\nint answer();\n")
        code, out = run(["bash", script, "--root", root])
        expect(code == 0, "check-format passes on a formatted fake tree:\n" + out)

        write(root, "app/tools/bad.cpp", "int  answer( ){return 42;}\n")
        code, out = run(["bash", script, "--root", root])
        expect(code == 1, f"check-format fails on a planted unformatted file (exit {code})")
        expect("app/tools/bad.cpp: not clang-formatted" in out, "check-format names the file:\n" + out)
        expect("app/good.cpp: not" not in out, "check-format does not name the good files")

        # A header counts too, and so does one wrong indent in an otherwise good file.
        os.remove(os.path.join(root, "app/tools/bad.cpp"))
        write(root, "app/good.h", "#pragma once\n\n  int answer();\n")
        code, out = run(["bash", script, "--root", root])
        expect(code == 1 and "app/good.h: not clang-formatted" in out, "check-format names a bad header:\n" + out)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("layers", "format"):
        print(__doc__)
        return 2
    source = os.path.abspath(sys.argv[2])
    (test_layers if sys.argv[1] == "layers" else test_format)(source)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
