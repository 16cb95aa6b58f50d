#!/usr/bin/env bash
# Build the Linux one-folder bundle with build.spec and run its self-test.
#
#   installers/build_linux.sh            (from anywhere; uses ./.venv)
#
# Needs the apt packages of .ci/run (the xcb plugin's libraries must be on the
# build machine). Installs every package from the lock (requirements-lock.txt,
# PyInstaller included) into .venv, builds dist/naaccord-desktop/, runs
# `naaccord-desktop --self-test` offscreen from the bundle and prints the
# bundle's size and the build time.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
[ -x "$PY" ] || python3 -m venv .venv
"$PY" -m pip install -q --require-hashes -r requirements-lock.txt
"$PY" -m pip install -q --no-deps --no-build-isolation -e .

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
built=$(( $(date +%s) - start ))

BUNDLE=dist/naaccord-desktop
QT_QPA_PLATFORM=offscreen "$BUNDLE/naaccord-desktop" --self-test

echo "bundle: $BUNDLE: $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files; build took ${built} s"
