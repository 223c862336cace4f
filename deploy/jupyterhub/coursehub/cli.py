"""``sudo python3 deploy/jupyterhub/coursehub.py <command>``: the teacher's commands.

up --class-list 名单.xlsx      install, start the hub, create the class's accounts, hand out 00_start
add-students 名单.xlsx         accounts for students not yet on the server (their one-time passwords)
reset-password 学号            a new one-time password for one student (or the teacher's name)
handout u01                    copy unit 1 into every student's home (never over their work)
collect u01                    gather unit 1 as 学号_姓名_u01.ipynb into the teacher's 作业/u01
grade u01                      collect, then grade into the teacher's 成绩/u01成绩.csv (+ .xlsx)
status                         the hub, each running server and its memory
backup 备份.tar.gz             homes, class list and hub database in one file
stop                           stop the hub and every student's server
remove-class --yes             delete the class's accounts and homes (after a backup!)
"""
from __future__ import annotations

import argparse
import os
import secrets
import sys
import tarfile
from pathlib import Path

from . import accounts, install, service
from .errors import HubError
from .install import say
from .settings import Settings, load, state_dir_from_env

SCRIPT = Path(__file__).resolve().parents[1] / "coursehub.py"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="coursehub.py", description="课堂服务器（JupyterHub）(classroom server)")
    p.add_argument("--state-dir", default=None, help="状态文件夹（默认 /srv/coursehub 或 $COURSEHUB_STATE）")
    sub = p.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="安装并启动 (install and start)")
    up.add_argument("--class-list", help="学号/姓名 名单（.xlsx 或 .csv）")
    # Options left out keep the value of the last `up` (or the default the first time).
    up.add_argument("--teacher", help="教师账号名（管理员），默认 teacher")
    up.add_argument("--ip", help="监听地址（默认：所有网卡）")
    up.add_argument("--port", type=int, help="网址的端口，默认 8000")
    up.add_argument("--hub-port", type=int)
    up.add_argument("--proxy-api-port", type=int)
    up.add_argument("--mem-limit", help="每个学生的内存上限，默认 1G")
    up.add_argument("--cpu-limit", type=float, help="每个学生最多用几个 CPU 核，默认 1")
    up.add_argument("--cull-idle-minutes", type=int, help="闲置多少分钟后自动关闭学生的服务器，默认 60")
    up.add_argument("--runtime-dir", help="运行环境的位置，默认 /opt/coursehub")
    up.add_argument("--home-base", help="学生家目录的上级文件夹，默认 /home")
    up.add_argument("--spawner", choices=["auto", "systemd", "cgroup"])
    up.add_argument("--installed", action="store_true", help=argparse.SUPPRESS)
    add = sub.add_parser("add-students", help="加学生")
    add.add_argument("class_list")
    reset = sub.add_parser("reset-password", help="重设密码")
    reset.add_argument("who", help="学号、用户名或教师账号名")
    for name, text in (("handout", "发放单元"), ("collect", "收作业"), ("grade", "收作业并批改")):
        command = sub.add_parser(name, help=text)
        command.add_argument("unit", help="单元，例如 u01")
        if name != "handout":
            command.add_argument("--out", help="收集到哪个文件夹（默认：教师家目录的 作业/单元）")
        if name == "grade":
            command.add_argument("--gradebook", help="成绩单 CSV（默认：教师家目录的 成绩/单元成绩.csv）")
            command.add_argument("--timeout", type=float, default=180, help="每份作业的时间上限（秒）")
    sub.add_parser("status", help="运行情况")
    backup = sub.add_parser("backup", help="备份")
    backup.add_argument("archive", help="备份文件，例如 备份.tar.gz")
    sub.add_parser("stop", help="停止")
    remove = sub.add_parser("remove-class", help="删除全班账号（先备份！）")
    remove.add_argument("--yes", action="store_true", help="确认删除")
    remove.add_argument("--with-teacher", action="store_true", help="连教师账号一起删除")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    if args.state_dir:
        os.environ["COURSEHUB_STATE"] = args.state_dir
    try:
        return _dispatch(args, argv)
    except HubError as error:
        print(error, file=sys.stderr)
        return 2


def _in_runtime(settings: Settings, argv: list[str]) -> None:
    """Continue in the runtime environment (it has openpyxl, bcrypt, SQLAlchemy, JupyterHub)."""
    if Path(sys.prefix).resolve() != settings.venv.resolve():
        if not settings.python.exists():
            raise HubError("还没有安装运行环境：请先运行 coursehub.py up。", "Not installed: run 'coursehub.py up' first.")
        os.execv(str(settings.python), [str(settings.python), str(SCRIPT), *argv])


def _dispatch(args, argv: list[str]) -> int:
    if args.command == "up":
        return _up(args, argv)
    settings = load()
    _in_runtime(settings, argv)
    from . import collect, handout, roster

    students = roster.read_roster(settings.roster_file)
    if args.command == "add-students":
        _add_students(settings, roster.read_class_list(args.class_list))
    elif args.command == "reset-password":
        _reset_password(settings, args.who, students)
    elif args.command == "handout":
        result = handout.handout(settings, args.unit, [s.username for s in students])
        say(f"已发放 {result.notebook} 给 {len(result.given)} 人；{len(result.kept)} 人已经有这个文件，未覆盖。")
    elif args.command in ("collect", "grade"):
        found = collect.collect(settings, args.unit, students, Path(args.out) if args.out else None)
        say(f"已收 {len(found.collected)} 份到 {found.folder}；未收 {len(found.problems)} 份，见 {found.report}")
        if args.command == "grade":
            unit = handout.unit_of(handout.notebook_for(settings, args.unit))
            book = Path(args.gradebook) if args.gradebook else collect.default_gradebook(settings, unit)
            graded = collect.grade(settings, found.folder, book, args.timeout)
            print(graded.stdout.strip())
            notes = [line for line in graded.stderr.splitlines() if line.startswith("注意")]
            if notes:   # e.g. grading without a sandbox: the teacher must see it
                print("\n".join(notes), file=sys.stderr)
    elif args.command == "status":
        _status(settings, students)
    elif args.command == "backup":
        _backup(settings, students, Path(args.archive))
    elif args.command == "stop":
        service.stop(settings)
        say("课堂服务器已停止 (stopped)")
    elif args.command == "remove-class":
        _remove_class(settings, args)
    return 0


# ------------------------------------------------------------------------ up

def _settings_for_up(args) -> Settings:
    """The saved settings (or the defaults), with the options given this time on top."""
    state = state_dir_from_env()
    settings = load(state) if (Path(state) / "settings.json").exists() else Settings(state_dir=state)
    given = {name: getattr(args, name) for name in ("runtime_dir", "home_base", "ip", "port", "hub_port",
                                                    "proxy_api_port", "teacher", "mem_limit", "cpu_limit",
                                                    "spawner")}
    if args.cull_idle_minutes is not None:
        given["cull_idle_seconds"] = args.cull_idle_minutes * 60
    for name, value in given.items():
        if value is not None:
            setattr(settings, name, value)
    settings.repo = Settings.repo  # always the folder this command runs from
    return settings


def _up(args, argv: list[str]) -> int:
    settings = _settings_for_up(args)
    if not args.installed:
        install.install_all(settings)
        _prepare_state(settings)
        os.execv(str(settings.python), [str(settings.python), str(SCRIPT), *argv, "--installed"])
    if not settings.use_systemd():
        from . import limits

        limits.require()
    from . import handout, roster

    service.start(settings)
    say(f"课堂服务器已启动 (hub is up): {settings.url}")
    rows = []
    if accounts.create_account(settings.teacher, settings.home_of(settings.teacher), "coursehub teacher"):
        rows.append(("", "教师", settings.teacher, accounts.set_one_time_password(settings, settings.teacher)))
    install.build_teacher_folder(settings)
    if args.class_list:
        rows += _add_students(settings, roster.read_class_list(args.class_list), print_slips=False)
    if rows:
        say(f"初始密码（请打印后发给学生）(one-time passwords): {accounts.write_slips(settings, rows)}")
    students = roster.read_roster(settings.roster_file)
    for name in handout.published(settings) or ["00_start"]:
        handout.handout(settings, name, [s.username for s in students])
    return 0


def _prepare_state(settings: Settings) -> None:
    state = Path(settings.state_dir)
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o700)  # database, passwords, tokens: root only
    settings.save()
    if not settings.api_token_file.exists():
        fd = os.open(settings.api_token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(fd, "w") as handle:
            handle.write(secrets.token_hex(32))


# ------------------------------------------------------------------ accounts

def _add_students(settings: Settings, new: list, print_slips: bool = True) -> list:
    from . import handout, roster

    known = {s.username: s for s in roster.read_roster(settings.roster_file)}
    rows, added = [], []
    for student in new:
        if accounts.create_account(student.username, settings.home_of(student.username),
                                   f"coursehub student {student.student_id}"):
            rows.append((student.student_id, student.name, student.username,
                         accounts.set_one_time_password(settings, student.username)))
            added.append(student.username)
        known[student.username] = student
    roster.write_roster(list(known.values()), settings.roster_file)
    for name in handout.published(settings):
        handout.handout(settings, name, added)
    say(f"新建 {len(added)} 个学生账号，名单共 {len(known)} 人 (accounts created: {len(added)})")
    if rows and print_slips:
        say(f"初始密码（请打印后发给学生）(one-time passwords): {accounts.write_slips(settings, rows)}")
    return rows


def _reset_password(settings: Settings, who: str, students: list) -> None:
    match = [s for s in students if who in (s.student_id, s.username)]
    if match:
        student_id, name, username = match[0].student_id, match[0].name, match[0].username
    elif who == settings.teacher:
        student_id, name, username = "", "教师", who
    else:
        raise HubError(f"名单里没有“{who}”（可以写学号或用户名）。", f"No '{who}' on the class list.")
    password = accounts.set_one_time_password(settings, username)
    path = accounts.write_slips(settings, [(student_id, name, username, password)])
    say(f"{username} 的新初始密码 (new one-time password): {password}（也记在 {path}）；登录后须先改密码。")


def _remove_class(settings: Settings, args) -> None:
    if not args.yes:
        raise HubError("删除全班账号和家目录不能恢复：确认要删时加上 --yes（先做 backup！）。",
                       "This deletes every student's account and home: add --yes (back up first!).")
    for username in accounts.ours():
        if username == settings.teacher and not args.with_teacher:
            continue
        accounts.remove_account(username)
        accounts.forget_password(settings, username)
    if not args.with_teacher:
        from . import roster

        roster.write_roster([], settings.roster_file)
    say("已删除全班账号 (class accounts removed)")


# ------------------------------------------------------------- status, backup

def _status(settings: Settings, students: list) -> None:
    import json
    import urllib.request

    token = settings.api_token_file.read_text().strip()
    request = urllib.request.Request(f"{settings.url}/hub/api/users?state=active",
                                     headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            active = json.loads(response.read().decode("utf-8"))
    except OSError:
        raise HubError(f"课堂服务器没有在运行（{settings.url}）。", f"The hub is not running at {settings.url}.")
    from . import limits

    print(f"课堂服务器 {settings.url}：名单 {len(students)} 人，正在运行的服务器 {len(active)} 个")
    total = 0
    for user in active:
        used = limits.UserGroup(user["name"]).memory_bytes() if not settings.use_systemd() else 0
        total += used
        print(f"  {user['name']:<16} {used / 2**20:8.0f} MB  最近活动 {user.get('last_activity') or '-'}")
    available = _meminfo("MemAvailable")
    print(f"学生共用 {total / 2**30:.1f} GB；机器还剩 {available / 2**30:.1f} GB 可用内存"
          f"（每人上限 {settings.mem_limit}）")


def _meminfo(field: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _backup(settings: Settings, students: list, archive: Path) -> None:
    """Homes of the class and the teacher, the class list, the hub's database and settings."""
    names = [s.username for s in students] + [settings.teacher]
    tmp = archive.with_name(archive.name + ".part")
    with tarfile.open(tmp, "w:gz") as tar:
        for path in (settings.roster_file, settings.db_file, settings.settings_file, settings.published_file):
            if path.exists():
                tar.add(path, arcname=f"state/{path.name}")
        for name in names:
            home = settings.home_of(name)
            if home.exists():
                tar.add(home, arcname=f"home/{name}", filter=_skip_caches)
    os.chmod(tmp, 0o600)
    tmp.replace(archive)
    say(f"已备份 {len(names)} 个家目录到 {archive} (backed up)")


def _skip_caches(info: tarfile.TarInfo):
    parts = Path(info.name).parts
    return None if ".cache" in parts or ".ipython" in parts else info
