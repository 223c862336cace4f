"""The classroom server for real: JupyterHub on 127.0.0.1 from deploy/jupyterhub.

One hub is set up with the documented command (``coursehub.py up``) for a class
of six, each a real Linux account. Every student logs in through the hub's own
log-in form, must replace the one-time password first, starts a server and runs
the start notebook in it. Then: per-student limits (one notebook that allocates
past its memory limit is stopped, the others keep running), one student cannot
read another's files or the teacher's course, handout never overwrites,
collection gathers exactly the class's notebooks, and grading them works.
Screenshots of a student's and the teacher's view go to test-artifacts/.

Which spawner this covers: ``CgroupSpawner`` (LocalProcessSpawner + cgroup v1),
because PID 1 is not systemd here or in CI. The SystemdSpawner path for a plain
school server is configuration only; ``test_systemd_configuration_loads``
loads it and checks every setting names a real option.

Needs Linux, root and cgroup v1 (memory, cpu, pids). In CI a missing one fails
with a clear message; on a developer's machine without them it skips, saying why.
Every process, account and cgroup the test made is removed at the end, even on failure.
"""
import csv
import doctest
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

if sys.platform != "linux":
    pytest.skip("课堂服务器只在 Linux 上运行 (the classroom server is Linux-only)", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "jupyterhub"
SCRIPT = DEPLOY / "coursehub.py"
sys.path.insert(0, str(DEPLOY))

from coursehub import accounts, errors, handout, limits, roster, settings  # noqa: E402
from coursehub.errors import HubError  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
RUNTIME = Path("/var/tmp/coursehub-test-runtime")  # kept between runs: the environment takes minutes to build
TEACHER = "thubtest"
CLASS = [("2099101", "张三"), ("2099102", "李四"), ("2099103", "王五"),
         ("2099104", "赵六"), ("2099105", "钱七"), ("2099106", "孙八")]
LATE = ("2099107", "周九")  # added later from a GBK CSV
MEM_LIMIT = "600M"
PASSWORD = "wuliu-{}"      # each student's own password after the first log-in
UNIT_FILE = "u01_customer_basics.ipynb"


# ----------------------------------------------------------- no hub needed

def test_doctests_of_the_deploy_modules():
    for module in (errors, roster, settings, limits, handout, accounts):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__


def test_class_list_from_xlsx_and_gbk_csv(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["序号", "学号", "姓名"])
    book.active.append([1, 2024001, "张三"])  # Excel stores the id as a number
    book.active.append([2, "2024A02", "李四"])
    book.save(tmp_path / "名单.xlsx")
    students = roster.read_class_list(tmp_path / "名单.xlsx")
    assert [(s.student_id, s.name, s.username) for s in students] == [
        ("2024001", "张三", "s2024001"), ("2024A02", "李四", "s2024a02")]
    (tmp_path / "gbk.csv").write_bytes("学号,姓名\n2024003,王五\n".encode("gbk"))
    assert roster.read_class_list(tmp_path / "gbk.csv")[0].name == "王五"


@pytest.mark.parametrize("text,problem", [
    ("编号,姓名\n1,张三\n", "学号"),                       # no 学号 column
    ("学号,姓名\n2024001,张三\n2024001,李四\n", "重复"),    # the same id twice
    ("学号,姓名\n2024 001,张三\n", "只能由字母"),           # a space in the id
    ("学号,姓名\n2024001,张_三\n", "文件名"),               # '_' would break 学号_姓名_单元
    ("学号,姓名\n", "没有学生"),
])
def test_class_list_mistakes_are_named(tmp_path, text, problem):
    path = tmp_path / "名单.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HubError, match=problem):
        roster.read_class_list(path)


CHAPTER = ROOT / "docs" / "classroom_server.md"
PREFIX = "sudo python3 deploy/jupyterhub/coursehub.py "
# Every command of the teacher's chapter, with what runs it on a real hub here.
COVERED = {
    "up": "hub (the fixture runs it with the chapter's options plus loopback ports and temp folders)",
    "add-students": "test_add_students_and_reset_password",
    "reset-password": "test_add_students_and_reset_password",
    "handout": "test_handout_never_overwrites_a_students_work",
    "collect": "test_collect_and_grade_exactly_the_class",
    "grade": "test_collect_and_grade_exactly_the_class",
    "status": "test_status_and_backup",
    "backup": "test_status_and_backup",
    "stop": "teardown (then checks that no process is left)",
    "remove-class": "teardown (then checks that no account is left)",
}


def test_every_command_in_the_chapter_is_tested():
    import re

    from coursehub.cli import parser

    text = CHAPTER.read_text(encoding="utf-8")
    commands = [line.strip() for block in re.findall(r"```bash\n(.*?)```", text, re.DOTALL)
                for line in block.splitlines() if line.strip()]
    verbs = set()
    for command in commands:
        assert command.startswith(PREFIX), f"a command the tests do not know: {command}"
        verbs.add(command[len(PREFIX):].split()[0])
    assert verbs == set(COVERED)
    choices = next(a for a in parser()._actions if a.dest == "command").choices
    assert set(choices) == set(COVERED)          # the chapter names every command the tool has
    for where in COVERED.values():
        name = where.split()[0]
        assert name in globals(), where
    assert "classroom_server.md" in (ROOT / "docs" / "teacher_guide.md").read_text(encoding="utf-8")


def test_up_again_keeps_the_options_not_given(tmp_path, monkeypatch):
    from coursehub.cli import _settings_for_up, parser

    monkeypatch.setenv(settings.STATE_ENV, str(tmp_path))
    first = _settings_for_up(parser().parse_args(["up", "--port", "80", "--teacher", "wang"]))
    first.save()
    again = _settings_for_up(parser().parse_args(["up", "--mem-limit", "768M"]))
    assert (again.port, again.teacher, again.mem_limit, again.cpu_limit) == (80, "wang", "768M", 1.0)


# ------------------------------------------------------------ the real hub

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_machine() -> None:
    """Root and cgroup v1: fail in CI, skip on a developer's machine, saying which is missing."""
    missing = []
    if os.geteuid() != 0:
        missing.append("root（建账号和资源限制要 root / accounts and limits need root）")
    elif not limits.available():
        missing.append("cgroup v1 memory/cpu/pids under /sys/fs/cgroup")
    for tool in ("useradd", "runuser", "npm"):
        if shutil.which(tool) is None:
            missing.append(tool)
    if missing:
        message = "课堂服务器测试缺少 (the hub test needs): " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def coursehub(state: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(SCRIPT), "--state-dir", str(state), *args],
                            capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    assert result.returncode == 0, f"coursehub {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def passwords(state: Path) -> dict[str, str]:
    """The newest one-time password of every account, from the slips the teacher prints."""
    found = {}
    for path in sorted((state / "passwords").glob("*.csv"), key=lambda p: p.stat().st_mtime):
        for row in csv.DictReader(path.open(encoding="utf-8-sig")):
            found[row["用户名"]] = row["初始密码"]
    return found


def remove_leftovers() -> None:
    """Accounts and cgroups of this test from an earlier run that died half-way."""
    ours = {"s" + sid for sid, _ in [*CLASS, LATE]} | {TEACHER}
    for username in set(accounts.ours()) & ours:
        accounts.remove_account(username)
    for username in ours:
        limits.UserGroup(username).remove()


class Hub:
    def __init__(self, base: Path, state: Path, settings_):
        self.base, self.state, self.settings = base, state, settings_
        self.url = settings_.url
        self.clients = {}

    def student(self, student_id: str):
        return self.clients["s" + student_id]


@pytest.fixture(scope="module")
def machine_lock():
    """One hub test at a time on a machine: two runs (two checkouts) would share accounts and ports."""
    import fcntl

    require_machine()
    with open("/var/tmp/coursehub-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits for the other run to finish
        yield


@pytest.fixture(scope="module")
def hub(machine_lock):
    remove_leftovers()
    # Not under pytest's temp folder: that is private to root, and students' homes are in here.
    base = Path(tempfile.mkdtemp(prefix="coursehub-test-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    state, homes = base / "state", base / "home"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["学号", "姓名", "班级"])
    for sid, name in CLASS:
        book.active.append([sid, name, "物流2班"])
    book.save(base / "名单.xlsx")
    repo_mode = ROOT.stat().st_mode
    try:
        coursehub(state, "up", "--class-list", str(base / "名单.xlsx"), "--teacher", TEACHER,
                  "--ip", "127.0.0.1", "--port", str(free_port()), "--hub-port", str(free_port()),
                  "--proxy-api-port", str(free_port()), "--mem-limit", MEM_LIMIT, "--cpu-limit", "0.5",
                  "--runtime-dir", str(RUNTIME), "--home-base", str(homes), timeout=1800)
        yield Hub(base, state, settings.load(str(state)))
    finally:
        try:
            teardown(state, repo_mode)
        finally:
            shutil.rmtree(base, ignore_errors=True)


def teardown(state: Path, repo_mode: int) -> None:
    problems = []
    pids = _our_processes(state)
    if (state / "hub.log").exists():  # kept for reading after a failure (test-artifacts/ is not committed)
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(state / "hub.log", ARTIFACTS / "hub_test.log")
    if (state / "settings.json").exists():
        for args in (["stop"], ["remove-class", "--yes", "--with-teacher"]):
            result = subprocess.run([sys.executable, str(SCRIPT), "--state-dir", str(state), *args],
                                    capture_output=True, text=True, timeout=300)
            if result.returncode:
                problems.append(result.stderr)
    remove_leftovers()
    os.chmod(ROOT, repo_mode)
    for username in [TEACHER, *("s" + sid for sid, _ in [*CLASS, LATE])]:
        if accounts.exists(username):
            problems.append(f"account {username} still exists")
    alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
    if alive:
        problems.append(f"processes of the hub or of the class still running: {alive}")
    assert not problems, problems


def _our_processes(state: Path) -> list[int]:
    """The hub, its proxy, and every process of the class's accounts, as the test ends."""
    pids = []
    for name in ("hub-daemon.pid", "proxy.pid"):
        try:
            pids.append(int((state / name).read_text()))
        except (OSError, ValueError):
            pass
    uids = set()
    for username in [TEACHER, *("s" + sid for sid, _ in [*CLASS, LATE])]:
        try:
            uids.add(str(pwd.getpwnam(username).pw_uid))
        except KeyError:
            pass
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            uid = next(line.split()[1] for line in status.read_text().splitlines() if line.startswith("Uid:"))
        except (OSError, StopIteration):
            continue
        if uid in uids:
            pids.append(int(status.parent.name))
    return pids


def login_and_start(hub: Hub, username: str, one_time: str) -> dict:
    from coursehub.client import StudentClient

    client = StudentClient(hub.url, username)
    assert client.log_in(one_time).endswith("/hub/change-password")  # first log-in: password page
    client.start_server(retry_seconds=0)
    assert _spawn_failed(client), "a server started before the password change"
    page = client.change_password(one_time, one_time)
    assert "没有改成" in page                       # the one-time password cannot stay
    page = client.change_password(one_time, PASSWORD.format(username))
    assert "密码已经改好了" in page
    client.log_in(PASSWORD.format(username))
    client.get_token()
    assert client.start_server().status_code in (201, 202)
    start_seconds = client.wait_ready()
    run, session = client.run_notebook("00_start.ipynb")
    hub.clients[username] = client
    return {"client": client, "run": run, "session": session, "start": start_seconds}


def _spawn_failed(client) -> bool:
    """The refused spawn may be reported after the request: wait until the hub has given up."""
    for _ in range(120):
        user = client._hub_api("GET", f"/users/{client.username}").json()
        if not user.get("servers") and not user.get("pending"):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture(scope="module")
def class_running(hub):
    one_time = passwords(hub.state)
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda sid: login_and_start(hub, "s" + sid, one_time["s" + sid]),
                                [sid for sid, _ in CLASS]))
    return dict(zip([sid for sid, _ in CLASS], results))


def test_accounts_from_the_class_list(hub):
    slips = passwords(hub.state)
    assert set(slips) == {"s" + sid for sid, _ in CLASS} | {TEACHER}
    for sid, _ in CLASS:
        account = pwd.getpwnam("s" + sid)
        home = Path(account.pw_dir)
        assert home.parent == Path(hub.settings.home_base)
        assert home.stat().st_uid == account.pw_uid and home.stat().st_mode & 0o777 == 0o700
        assert account.pw_shell == accounts.SHELL and accounts.is_ours("s" + sid)
        start = home / "00_start.ipynb"
        assert start.stat().st_uid == account.pw_uid
        assert "### BEGIN SOLUTION" not in start.read_text(encoding="utf-8")
    assert ROOT.stat().st_mode & 0o007 == 0  # the teacher's course folder is closed to students


def test_every_student_logs_in_and_runs_the_start_notebook(class_running):
    for sid, result in class_running.items():
        run = result["run"]
        assert run.ok, (sid, [(c.status, c.error) for c in run.cells])
        assert len(run.cells) >= 8 and "⏳ u00.first_sum" in run.text and "customers" in run.text


def test_limits_hold_per_student(hub, class_running):
    hog_id, *others = list(class_running)
    hog = class_running[hog_id]["client"]
    group = limits.UserGroup("s" + hog_id)
    assert int(Path(group.paths["memory"], "memory.limit_in_bytes").read_text()) == limits.parse_bytes(MEM_LIMIT)
    assert int(Path(group.paths["cpu"], "cpu.cfs_quota_us").read_text()) == 50000  # half a core
    assert int(Path(group.paths["pids"], "pids.max").read_text()) == 256
    kernel = class_running[hog_id]["session"]["kernel"]["id"]
    assert os.getpid() not in group.pids()
    before = group.oom_kills()
    run = hog.run(kernel, ["data = b'x' * (2 * 600 * 2**20)"], timeout=120)
    assert run.cells[0].status == "died", run.cells
    assert group.oom_kills() > before
    assert hog.api("GET", "/status")["kernels"] >= 1           # the student's server lives on
    for sid in others:                                          # and the class carries on
        client = class_running[sid]["client"]
        again = client.run(class_running[sid]["session"]["kernel"]["id"], ["print(customers.shape[0] > 0)"], 60)
        assert again.ok and "True" in again.text, sid


def test_a_student_cannot_read_another_or_the_teacher(hub, class_running):
    (a, _), (b, _) = CLASS[0], CLASS[1]
    client = class_running[a]["client"]
    other_home = hub.settings.home_of("s" + b)
    code = [f"open('{other_home / '00_start.ipynb'}').read()",
            f"import os; os.listdir('{other_home}')",
            f"open('{ROOT / 'notebooks' / UNIT_FILE}').read()",
            f"open('{hub.state / 'jupyterhub.sqlite'}', 'rb').read()"]
    kernel = client.open_notebook("probe.ipynb")["kernel"]["id"]
    for line in code:
        run = client.run(kernel, [line], 60)
        assert run.cells[0].status == "error" and "PermissionError" in run.cells[0].error, line
    whoami = client.run(kernel, ["import os; print(os.getuid())"], 60)
    assert whoami.text.strip() == str(pwd.getpwnam("s" + a).pw_uid)


def test_the_interface_is_chinese(class_running):
    client = next(iter(class_running.values()))["client"]
    response = client.http.get(f"{client.server_url}/lab/api/settings/@jupyterlab/translation-extension:plugin",
                               headers={"Authorization": f"token {client.token}"}, timeout=60)
    # overrides.json (written by up) turns into the schema's default: zh_CN unless a student changes it
    assert response.json()["schema"]["properties"]["locale"]["default"] == "zh_CN"


def test_add_students_and_reset_password(hub, class_running):
    late = hub.base / "补录.csv"
    late.write_bytes(f"学号,姓名\n{LATE[0]},{LATE[1]}\n".encode("gbk"))
    coursehub(hub.state, "add-students", str(late))
    slips = passwords(hub.state)
    assert (hub.settings.home_of("s" + LATE[0]) / "00_start.ipynb").exists()
    from coursehub.client import StudentClient

    assert StudentClient(hub.url, "s" + LATE[0]).log_in(slips["s" + LATE[0]]).endswith("/change-password")
    sid = CLASS[2][0]
    output = coursehub(hub.state, "reset-password", sid).stdout
    new = passwords(hub.state)["s" + sid]
    assert new in output
    with pytest.raises(PermissionError):
        StudentClient(hub.url, "s" + sid).log_in(PASSWORD.format("s" + sid))  # the old one is gone
    assert StudentClient(hub.url, "s" + sid).log_in(new).endswith("/change-password")


def test_handout_never_overwrites_a_students_work(hub, class_running):
    keeper = class_running[CLASS[1][0]]["client"]
    mine = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    keeper.api("PUT", f"/contents/{UNIT_FILE}", json={"type": "notebook", "format": "json", "content": mine})
    output = coursehub(hub.state, "handout", "u01").stdout
    assert "未覆盖" in output
    kept = json.loads((hub.settings.home_of(keeper.username) / UNIT_FILE).read_text(encoding="utf-8"))
    assert kept["cells"] == []
    for sid, _ in CLASS:
        assert (hub.settings.home_of("s" + sid) / UNIT_FILE).exists()
    assert (hub.settings.home_of("s" + LATE[0]) / UNIT_FILE).exists()


def test_collect_and_grade_exactly_the_class(hub, class_running):
    solved, blank, missing, linker = (sid for sid, _ in CLASS[:4])
    # One student hands in a complete notebook (the instructor edition's answers), one
    # leaves the handout blank, one deletes it, one replaces it by a link to a classmate's.
    answers = json.loads((ROOT / "notebooks" / UNIT_FILE).read_text(encoding="utf-8"))
    hub.student(solved).api("PUT", f"/contents/{UNIT_FILE}",
                            json={"type": "notebook", "format": "json", "content": answers})
    hub.student(missing).api("DELETE", f"/contents/{UNIT_FILE}")
    solved_path = hub.settings.home_of("s" + solved) / UNIT_FILE
    link = hub.student(linker)
    link.run(link.open_notebook("probe.ipynb")["kernel"]["id"],
             [f"import os; os.remove('{UNIT_FILE}'); os.symlink('{solved_path}', '{UNIT_FILE}')"], 60)
    collected = coursehub(hub.state, "collect", "u01").stdout
    assert "已收 5 份" in collected   # four of the class and the late student; two refused
    output = coursehub(hub.state, "grade", "u01", "--timeout", "240", timeout=1200).stdout
    folder = hub.settings.home_of(TEACHER) / "作业" / "u01"
    names = dict(CLASS + [LATE])
    expected = {f"{sid}_{names[sid]}_u01.ipynb" for sid in names if sid not in (missing, linker)}
    assert {p.name for p in folder.iterdir()} == expected
    report = {row["学号"]: row["情况"] for row in
              csv.DictReader((folder.parent / "u01的收集情况.csv").open(encoding="utf-8-sig"))}
    assert report[solved] == "已收" and "未找到" in report[missing] and "符号链接" in report[linker]
    import pandas as pd

    book = pd.read_csv(hub.settings.home_of(TEACHER) / "成绩" / "u01成绩.csv", encoding="utf-8-sig",
                       dtype={"学号": str}).set_index("学号")   # the gradebook's headers are Chinese
    assert set(book.index) == {sid for sid in names if sid not in (missing, linker)}
    assert book.loc[solved, "百分比"] == 100.0
    assert book.loc[blank, "得分"] == 0
    # The "blank" student emptied the notebook in test_handout_never_overwrites_a_students_work:
    # the row says so. Students who never touched the handout are graded: every answer 未作答.
    assert "没有代码" in book.loc[blank, "问题"]
    unit_questions = [c for c in book.columns if c.startswith("u01.")]
    for untouched, _ in CLASS[4:]:
        assert pd.isna(book.loc[untouched, "问题"]), book.loc[untouched, "问题"]
        assert set(book.loc[untouched, unit_questions]) == {"未作答"}, untouched
    assert "已批改" in output
    teacher = pwd.getpwnam(TEACHER).pw_uid
    assert folder.stat().st_uid == teacher and (folder.parent.parent / "成绩" / "u01成绩.xlsx").stat().st_uid == teacher


def test_status_and_backup(hub, class_running):
    status = coursehub(hub.state, "status").stdout
    assert all(f"s{sid}" in status for sid, _ in CLASS[1:])
    archive = hub.base / "备份.tar.gz"
    coursehub(hub.state, "backup", str(archive))
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert "state/roster.csv" in names and "state/jupyterhub.sqlite" in names
    for sid, _ in CLASS:
        assert f"home/s{sid}/00_start.ipynb" in names
    assert archive.stat().st_mode & 0o077 == 0


def test_browser_views_of_student_and_teacher(hub, class_running):
    """Screenshots as a new teacher would see them, after grading (test order: last)."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("没有 /usr/bin/chromium (apt-get install chromium fonts-noto-cjk)")
    playwright = pytest.importorskip("playwright.sync_api")
    sid = CLASS[0][0]
    teacher_one_time = passwords(hub.state)[TEACHER]
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            _browser_login(page, hub.url, "s" + sid, PASSWORD.format("s" + sid))
            page.goto(f"{hub.url}/user/s{sid}/lab/tree/00_start.ipynb")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
            page.wait_for_timeout(2000)
            assert "文件" in page.locator(".lm-MenuBar").first.inner_text()
            page.screenshot(path=str(ARTIFACTS / "hub_student_view.png"))
            page.close()

            page = browser.new_page(viewport={"width": 1280, "height": 860})
            _browser_login(page, hub.url, TEACHER, teacher_one_time)
            assert "change-password" in page.url
            page.screenshot(path=str(ARTIFACTS / "hub_first_login.png"))
            page.fill("#old_password_input", teacher_one_time)
            page.fill("#new_password_input", "laoshi-2024")
            page.fill("#new_password_confirmation_input", "laoshi-2024")
            page.click("#signup_submit")
            page.click("text=打开我的课程")
            page.wait_for_url("**/lab**", timeout=180_000)
            # The collection report open, the collected folder in the file browser beside it.
            page.goto(f"{hub.url}/user/{TEACHER}/lab/tree/作业/u01的收集情况.csv")
            page.wait_for_selector(".jp-CSVViewer, .lm-DataGrid", timeout=120_000)
            page.locator(".jp-DirListing-item", has_text="u01").first.dblclick()
            page.wait_for_selector(f".jp-DirListing-item:has-text('{sid}_张三')", timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(ARTIFACTS / "hub_teacher_collection.png"))
            page.goto(f"{hub.url}/user/{TEACHER}/lab/tree/成绩/u01成绩.csv")
            page.wait_for_selector(".jp-CSVViewer, .lm-DataGrid", timeout=120_000)
            page.wait_for_timeout(2500)
            page.screenshot(path=str(ARTIFACTS / "hub_teacher_gradebook.png"))
            page.goto(f"{hub.url}/hub/admin")
            page.wait_for_timeout(3000)
            page.screenshot(path=str(ARTIFACTS / "hub_teacher_admin.png"))
        finally:
            browser.close()


def _browser_login(page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/hub/login")
    assert "课堂服务器" in page.content()
    page.fill("#username_input", username)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_load_state("networkidle", timeout=120_000)


# ------------------------------------------------------ configuration only

def test_systemd_configuration_loads(hub, tmp_path):
    """The real-server path (SystemdSpawner) cannot run here: load it and check every option exists."""
    python = RUNTIME / "venv" / "bin" / "python"
    settings.Settings(state_dir=str(tmp_path), runtime_dir=str(RUNTIME), spawner="systemd").save()
    (tmp_path / "api_token").write_text("x" * 64)
    probe = f"""
import json, sys
from traitlets.config.loader import PyFileConfigLoader
sys.path.insert(0, {str(DEPLOY)!r})
config = PyFileConfigLoader({str(DEPLOY / 'jupyterhub_config.py')!r}).load_config()
from systemdspawner import SystemdSpawner
from coursehub.auth import CourseAuthenticator
from jupyterhub.app import JupyterHub
from jupyterhub.spawner import Spawner
out = {{"spawner": config.JupyterHub.spawner_class}}
for section, cls in (("SystemdSpawner", SystemdSpawner), ("CourseAuthenticator", CourseAuthenticator),
                     ("JupyterHub", JupyterHub), ("Spawner", Spawner)):
    known = set(cls.class_trait_names(config=True))
    out[section] = sorted(set(config[section]) - known)
out["limits"] = [config.Spawner.mem_limit, config.Spawner.cpu_limit,
                 config.SystemdSpawner.unit_extra_properties["TasksMax"]]
print(json.dumps(out))
"""
    result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, timeout=120,
                            env={**os.environ, settings.STATE_ENV: str(tmp_path)})
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["spawner"] == "systemdspawner.SystemdSpawner"
    assert out["SystemdSpawner"] == out["CourseAuthenticator"] == out["JupyterHub"] == out["Spawner"] == []
    assert out["limits"] == ["1G", 1.0, "256"]
    from coursehub import service

    unit = service.systemd_unit(settings.load(str(tmp_path)))
    assert f"COURSEHUB_STATE={tmp_path}" in unit and "jupyterhub_config.py" in unit


def test_hub_packages_satisfy_the_pins(hub):
    """The hub's environment has what pyproject's `hub` extra asks for (pip resolved it)."""
    python = RUNTIME / "venv" / "bin" / "python"
    from coursehub.install import requirements

    probe = ("import sys, json; from importlib.metadata import version; from packaging.requirements import "
             "Requirement as R; bad=[r for r in json.loads(sys.argv[1]) if R(r).specifier and "
             "not R(r).specifier.contains(version(R(r).name), prereleases=True)]; print(json.dumps(bad))")
    result = subprocess.run([str(python), "-c", probe, json.dumps(requirements(ROOT))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
