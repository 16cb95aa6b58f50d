"""The frozen app's entry script: build.spec points PyInstaller here."""

import sys

from naaccord_desktop.cli import main

sys.exit(main())
