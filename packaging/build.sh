#!/usr/bin/env bash
# Build the one-folder bundle dist/cchc/ in a clean virtualenv under build/ (Linux; on Windows run the
# same steps in Git Bash, then compile packaging/cchc.iss with Inno Setup 6).
#
#     packaging/build.sh            # PYTHON=python3.11 to choose the interpreter
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
