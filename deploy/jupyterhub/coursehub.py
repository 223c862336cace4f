#!/usr/bin/env python3
"""The classroom server's one command: ``sudo python3 deploy/jupyterhub/coursehub.py up --class-list 名单.xlsx``.

Runs with the server's own python3 (3.10+, standard library only until the
runtime environment exists). ``python3 coursehub.py --help`` lists the commands;
docs/classroom_server.md is the teacher's chapter.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coursehub.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
