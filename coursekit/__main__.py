"""Command line: ``python -m coursekit <command>``.

student-edition OUT_DIR            build the student edition into OUT_DIR
handout OUT_DIR                    build the folder students receive (no answers, a hashed key)
refresh [NOTEBOOK ...]             re-run notebooks (both editions) and store outputs
grade SUBMISSIONS_DIR --out FILE   grade submitted notebooks into a gradebook (CSV + xlsx)
reset NOTEBOOK                     replace a student's notebook by a fresh copy (old one kept as .bak)
site OUT_DIR                       build the offline course website from the student edition
slides OUT_DIR [--notes]           build one reveal.js deck per notebook (--notes: reference points as speaker notes)
present NOTEBOOK [--port N]        live demos without code on screen (Voila), e.g. present u01
classtime [FOLDER]                 estimated class minutes per notebook (a read-through model)
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
    handout = commands.add_parser("handout", help="生成发给学生的课程包 (build the student handout)")
    handout.add_argument("out_dir", help="新的输出文件夹 (a new output folder)")
    rerun = commands.add_parser("refresh", help="重新运行笔记本并保存输出 (re-run notebooks, store outputs)")
    rerun.add_argument("notebooks", nargs="*", help="只运行这些文件名 (only these file names)")
    grader = commands.add_parser("grade", help="批改学生提交的笔记本 (grade submitted notebooks)")
    grader.add_argument("submissions", help="作业文件夹，文件名：学号_姓名_单元.ipynb")
    grader.add_argument("--out", required=True, help="成绩单 CSV 路径，旁边同时写 .xlsx")
    grader.add_argument("--unit", help="单元，例如 u01（默认：从文件名判断）")
    grader.add_argument("--timeout", type=float, default=180, help="每份作业的时间上限（秒）")
    grader.add_argument("--max-output-mb", type=float, default=5, help="每份作业的输出上限（MB）")
    grader.add_argument("--jobs", type=int, default=2, help="同时批改几份")
    grader.add_argument("--questions", help="只在批改时判分的附加题（.py 文件，定义 QUESTIONS）")
    grader.add_argument("--no-sandbox", action="store_true",
                        help="不用沙箱批改（作业代码能读写本机文件；成绩单每行都会注明）")
    reset = commands.add_parser("reset", help="把一个学生笔记本恢复成全新的 (fresh copy of a notebook)")
    reset.add_argument("notebook", help="要恢复的笔记本路径，例如 student/u01_customer_basics.ipynb")
    site = commands.add_parser("site", help="生成离线课程网站 (build the offline course website)")
    site.add_argument("out_dir", help="输出文件夹 (output folder)")
    site.add_argument("--source", help="学生版文件夹（默认 student/）(student edition folder)")
    slides = commands.add_parser("slides", help="生成课堂幻灯片 (build reveal.js class slides)")
    slides.add_argument("out_dir", help="输出文件夹 (output folder)")
    slides.add_argument("notebooks", nargs="*", help="只生成这些笔记本 (only these notebooks)")
    slides.add_argument("--notes", action="store_true",
                        help="把教师版的参考要点放进演讲者备注 (reference points as speaker notes)")
    slides.add_argument("--hide-code", action="store_true", help="不显示代码 (no code cells)")
    present = commands.add_parser("present", help="演示模式：隐藏代码、控件可用 (presenter mode, Voila)")
    present.add_argument("notebook", help="单元或文件名，例如 u01 或 u01_customer_basics.ipynb")
    present.add_argument("--port", type=int, default=8866, help="端口 (port)")
    present.add_argument("--no-browser", action="store_true", help="不自动打开浏览器 (do not open a browser)")
    present.add_argument("--teacher", action="store_true",
                         help="演示教师版（含参考答案的输出）(present the instructor edition)")
    timing = commands.add_parser("classtime", help="估计每个笔记本的课堂用时 (estimated class minutes)")
    timing.add_argument("folder", nargs="?", help="笔记本文件夹（默认 student/）(default: student/)")
    timing.add_argument("--speed", type=float, default=300, help="阅读速度，字/分钟（默认 300）")
    args = parser.parse_args(argv)

    if args.command == "student-edition":
        from .teacher.edition import build_student_edition

        for path in build_student_edition(args.out_dir):
            print(f"已生成 (written) {path}")
    elif args.command == "handout":
        from .teacher.handout import build_handout

        try:
            folder = build_handout(args.out_dir)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"已生成讲义 (handout written) {folder}：学生版笔记本、数据、不含题库的 coursekit "
              "和加盐哈希的答案密钥 (salted hashed answer key)")
    elif args.command == "refresh":
        from .teacher.refresh import refresh

        refresh(args.notebooks)
    elif args.command == "reset":
        from .teacher.edition import reset_notebook

        try:
            path = reset_notebook(args.notebook)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"已恢复 (reset) {path}；原来的文件保存为 .bak.ipynb")
    elif args.command == "grade":
        from .teacher.grading import grade

        try:
            book = grade(args.submissions, args.out, unit=args.unit, timeout=args.timeout,
                         max_output_mb=args.max_output_mb, jobs=args.jobs,
                         questions=args.questions,
                         isolation="none" if args.no_sandbox else None)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        except KeyboardInterrupt as stop:
            print(f"\n{stop}" if str(stop) else "\n批改被中断 (interrupted)", file=sys.stderr)
            return 130
        if book.attrs.get("isolation"):
            print(f"注意 (note): {book.attrs['isolation']}", file=sys.stderr)
        problems = int((book["problem"] != "").sum())
        review = int((book["review"] != "").sum())
        print(f"已批改 (graded) {len(book)} 行，其中 {problems} 行有问题、{review} 份需复核；"
              f"成绩单 (gradebook): {args.out}")
    elif args.command == "classtime":
        from .teacher.classtime import print_report
        from .teacher.edition import STUDENT_DIR

        return print_report(args.folder or STUDENT_DIR, args.speed)
    elif args.command in ("site", "slides", "present"):
        return _publish(args)
    return 0


def _publish(args) -> int:
    """The site, slides and present commands (coursekit.teacher.publish)."""
    try:
        if args.command == "site":
            from .teacher.publish.site import build_site

            index = build_site(args.out_dir, **({"source_dir": args.source} if args.source else {}))
            print(f"课程网站已生成 (site written): {index}")
            print(f"本机预览 (preview): python -m http.server --directory {index.parent} 8000")
        elif args.command == "slides":
            from .teacher.publish.slides import build_slides

            decks = build_slides(args.out_dir, notes=args.notes, hide_code=args.hide_code,
                                 names=args.notebooks or None)
            print(f"已生成 {len(decks)} 套幻灯片 (decks written): {decks[0].parent / 'index.html'}")
        else:
            from .teacher.publish.presenter import present

            return present(args.notebook, port=args.port, open_browser=not args.no_browser,
                           teacher=args.teacher)
    except (ValueError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
