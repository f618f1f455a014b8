#!/usr/bin/env bash
# Build the one-folder bundle dist/cchc/ in a clean virtualenv under build/ (Linux; on Windows run the
# same steps in Git Bash, then compile packaging/cchc.iss with Inno Setup 6).
#
#     packaging/build.sh            # PYTHON=python3.11 to choose the interpreter
#
# Linux build machine (Debian/Ubuntu package names):
#   - python3-venv, binutils (PyInstaller strips the libraries);
#   - icu-devtools and gcc: packaging/slim_icu.py trims Qt's ICU data library from 31 MB to 4 MB with
#     them; without them it keeps the full library (it says so) and the bundle is about 160 MB instead
#     of 132 MB, over the 150 MB that tests/test_packaging.py allows;
#   - the libraries the Qt xcb platform needs (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, …) are
#     collected from the build machine when it has them; the desktops that run the app need them too.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV=build/venv
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q ".[package]"
rm -rf dist/cchc
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/cchc.spec

echo "bundle: dist/cchc/ ($(du -sh dist/cchc | cut -f1) unpacked)"
dist/cchc/cchc --version
if [ "$(uname -s)" = Linux ]; then
  "$VENV/bin/python" packaging/check_icu.py dist/cchc  # Vietnamese collation and names with its ICU
fi
