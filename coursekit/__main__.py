"""Command line: ``python -m coursekit <command>``.

student-edition OUT_DIR            build the student edition into OUT_DIR
refresh [NOTEBOOK ...]             re-run notebooks (both editions) and store outputs
"""
from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit",
                                     description="物流客户开发与服务 课程工具 (course tools)")
    commands = parser.add_subparsers(dest="command", required=True)
    student = commands.add_parser("student-edition", help="生成学生版笔记本 (build the student edition)")
    student.add_argument("out_dir", help="输出文件夹 (output folder)")
    rerun = commands.add_parser("refresh", help="重新运行笔记本并保存输出 (re-run notebooks, store outputs)")
    rerun.add_argument("notebooks", nargs="*", help="只运行这些文件名 (only these file names)")
    args = parser.parse_args(argv)

    if args.command == "student-edition":
        from .edition import build_student_edition

        for path in build_student_edition(args.out_dir):
            print(f"已生成 (written) {path}")
    elif args.command == "refresh":
        from .refresh import refresh

        refresh(args.notebooks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
