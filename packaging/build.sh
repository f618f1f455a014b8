#!/usr/bin/env bash
# Build the one-folder bundle dist/cchc/ in a clean virtualenv under build/ (Linux, or Git Bash on Windows;
# then compile packaging/cchc.iss with Inno Setup 6: docs/installer.md).
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
VENV_PYTHON="$VENV/bin/python"
case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*) VENV_PYTHON="$VENV/Scripts/python.exe" ;;  # Git Bash on Windows
esac
if [ ! -x "$VENV_PYTHON" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV_PYTHON" -m pip install -q --upgrade pip
"$VENV_PYTHON" -m pip install -q ".[package]"
rm -rf dist/cchc
"$VENV_PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/cchc.spec

echo "bundle: dist/cchc/ ($(du -sh dist/cchc | cut -f1) unpacked)"
if [ "$(uname -s)" = Linux ]; then
  dist/cchc/cchc --version  # the Windows exe is windowed: it prints nothing
  "$VENV_PYTHON" packaging/check_icu.py dist/cchc  # Vietnamese collation and names with its ICU
fi
