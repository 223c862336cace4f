"""A test class for the grader: honest students and one hostile submission per known attack.

Used by tests/test_grading*.py. The unit is ``t99``, with four questions that
exist only in the test (passed to the grader as graded-only questions, so no
file anywhere holds their answers). Every hostile notebook answers *wrong* by
itself and then attacks; if an attack worked, the notebook would end with
full marks (or another student would lose theirs), so "earns no more than its
own answers" is a real check.

Processes a hostile notebook starts carry ``MARK`` on their command line, so a
test can prove none of them is alive after the run.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import nbformat

from coursekit.questions import choice, items, number, series

UNIT = "t99"
MARK = "coursekit-hostile-process"
QUESTIONS_SOURCE = '''
import pandas as pd
from coursekit.questions import choice, items, number, series

QUESTIONS = [
    number("t99.total", 12, hint="重读「测试」", wrong=[11]),
    choice("t99.letter", "B", hint="重读「测试」"),
    items("t99.ids", ["C1", "C2"], hint="重读「测试」", wrong=[["C1"]]),
    series("t99.share", pd.Series({"快递": 0.9, "零担": 0.8}), hint="重读「测试」",
           wrong=[pd.Series({"快递": 0.8, "零担": 0.8})], tolerance=0.001),
]
'''


def test_questions():
    import pandas as pd

    return [
        number("t99.total", 12, hint="重读「测试」", wrong=[11]),
        choice("t99.letter", "B", hint="重读「测试」"),
        items("t99.ids", ["C1", "C2"], hint="重读「测试」", wrong=[["C1"]]),
        series("t99.share", pd.Series({"快递": 0.9, "零担": 0.8}), hint="重读「测试」",
               wrong=[pd.Series({"快递": 0.8, "零担": 0.8})], tolerance=0.001),
    ]


IDS = ["t99.total", "t99.letter", "t99.ids", "t99.share"]
RIGHT = {"total": "3 + 4 + 5", "letter": '"B"', "ids": '["C2", "C1"]',
         "share": 'pd.Series({"零担": 0.8, "快递": 0.9})'}
WRONG = {"total": "11", "letter": '"A"', "ids": '["C1"]',
         "share": 'pd.Series({"零担": 0.7, "快递": 0.9})'}
ALL_RIGHT = ["正确"] * 4
ALL_WRONG = ["错误"] * 4


def notebook(answers: dict, after=(), unit=UNIT, metadata=None) -> nbformat.NotebookNode:
    """A student notebook: imports, one cell per answer, then ``after`` cells."""
    cells = [nbformat.v4.new_code_cell("import pandas as pd\nimport numpy as np")]
    for name in ("total", "letter", "ids", "share"):
        cells.append(nbformat.v4.new_code_cell(f"{name} = {answers.get(name, '...')}"))
    cells.extend(nbformat.v4.new_code_cell(source) for source in after)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["coursekit"] = {"edition": "student", "unit": unit}
    if metadata is not None:
        nb.metadata.update(metadata)
    return nb


def write(folder: Path, name: str, nb) -> Path:
    path = folder / name
    nbformat.write(nb, str(path))
    return path


def detached(code: str) -> str:
    """Python source that starts ``code`` in a double-forked, setsid process carrying MARK."""
    return (f"import subprocess, sys\n"
            f"subprocess.Popen([sys.executable, '-c', {code!r}, {MARK!r}], "
            f"start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)")


FORGED = json.dumps({"total": {"t": "int", "v": "12"}, "letter": {"t": "str", "v": "B"},
                     "ids": {"t": "list", "type": "list", "kind": "list",
                             "v": [{"t": "str", "v": "C1"}, {"t": "str", "v": "C2"}]}})


def hostile_notebooks(out: Path, folder: Path) -> dict:
    """name → notebook, each answering wrong and then attacking (paths it may aim at given)."""
    import IPython.paths

    import coursekit

    package = Path(coursekit.__file__).resolve().parent
    teacher_ipython = Path(IPython.paths.get_ipython_dir())
    temp = Path(tempfile.gettempdir())
    bank_hunt = f"""
import glob, importlib.util, os
found = False
try:
    from coursekit.questions import QUESTIONS
    found = True
except Exception:
    pass
for pattern in [{str(package / 'questions' / '*.py')!r}, '/proc/1/root/**/questions/u0*.py',
                os.path.expanduser('~/**/questions/u0*.py'), '/work/**/questions/u0*.py',
                '/root/**/questions/u0*.py', '/home/**/questions/u0*.py']:
    found = found or bool(glob.glob(pattern, recursive=True))
found = found or importlib.util.find_spec('coursekit.questions') is not None
found = found or os.path.exists({str(package.parent / 'notebooks')!r})
if found:
    total, letter, ids, share = 12, 'B', ['C1', 'C2'], pd.Series({{'快递': 0.9, '零担': 0.8}})
"""
    hook = f"""
ip = get_ipython()
forged = '@@COURSEKIT-ANSWERS@@' + {FORGED!r}
ip.events.register('pre_run_cell', lambda *args: print(forged))
ip.events.register('post_run_cell', lambda *args: print(forged))
print(forged)
"""
    stdout_attack = detached(f"""
import os, time, glob
line = ('@@COURSEKIT-ANSWERS@@' + {FORGED!r} + '\\n').encode()
for _ in range(20):
    for path in ['/proc/1/fd/1', '/proc/self/fd/1'] + glob.glob('/proc/*/fd/1'):
        try:
            fd = os.open(path, os.O_WRONLY); os.write(fd, line); os.close(fd)
        except OSError:
            pass
    time.sleep(0.5)
time.sleep(1000)
""")
    gradebook_attack = detached(f"""
import os, time
if os.fork():
    os._exit(0)
os.setsid()
time.sleep(3)
for path in [{str(out)!r}, {str(out.with_suffix('.xlsx'))!r}]:
    try:
        open(path, 'w').write('hacked')
    except OSError:
        pass
time.sleep(1000)
""")
    backdoor = f"""
import coursekit, os, site, sys
evil = '\\ndef check(*args):\\n    return "✅"\\n'
for path in [os.path.join(os.path.dirname(coursekit.__file__), 'exercises.py'),
             {str(package / 'exercises.py')!r}, {str(package / '__init__.py')!r}]:
    try:
        open(path, 'a').write(evil)
    except OSError:
        pass
for folder in site.getsitepackages() + [site.getusersitepackages()]:
    for name in ['zz_coursekit_evil.pth', 'sitecustomize.py']:
        try:
            open(os.path.join(folder, name), 'w').write('import os\\n')
        except OSError:
            pass
"""
    others = f"""
import glob, json, os
blank = json.dumps({{"cells": [], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}})
targets = glob.glob({str(folder / '*')!r}) + glob.glob({str(temp / 'coursekit-grading-*' / 'staging' / '*')!r})
targets += glob.glob('/tmp/coursekit-grading-*/staging/*') + glob.glob('/tmp/**/*.json', recursive=True)
for path in targets:
    try:
        open(path, 'w').write(blank)
    except OSError:
        pass
"""
    startup = f"""
import os
zero = 'total = letter = ids = share = None\\n'
for base in [os.environ.get('IPYTHONDIR', ''), os.path.expanduser('~/.ipython'),
             {str(teacher_ipython)!r}]:
    folder = os.path.join(base, 'profile_default', 'startup')
    try:
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, '00-zero.py'), 'w').write(zero)
    except OSError:
        pass
"""
    string_report = f"""
ip = get_ipython()
fake = {{'status': 'ok', 'data': {{'text/plain': repr(json.dumps({{
    'total': {{'t': 'float', 'v': 'twelve'}}, 'letter': {{'t': 'int', 'v': 'B'}},
    'ids': 'junk', 'share': {{'t': 'series', 'index': [1], 'v': []}}}}))}}, 'metadata': {{}}}}
ip.user_expressions = lambda expressions: {{name: fake for name in expressions}}
"""
    runaway = detached("import time; time.sleep(1000)") + """
import os, time
for _ in range(8):
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            while True:
                time.sleep(0.2)
        os._exit(0)
    os.waitpid(pid, 0)
"""
    return {
        "bank": notebook(WRONG, [bank_hunt]),
        "hook": notebook(WRONG, [hook]),
        "stdout": notebook(WRONG, [stdout_attack, "import time\ntime.sleep(2)"]),
        "gradebook": notebook(WRONG, [gradebook_attack]),
        "backdoor": notebook(WRONG, [backdoor]),
        "others": notebook(WRONG, [others]),
        "startup": notebook(WRONG, [startup]),
        "string_report": notebook(WRONG, ["import json\n" + string_report]),
        "runaway": notebook(WRONG, [runaway]),
        "flood": notebook(WRONG, ["while True:\n    print('x' * 100000)"]),
        "loops": notebook(WRONG, ["while True:\n    pass"]),
        "memory": notebook(WRONG, ["hog = bytearray(64 * 2 ** 30)"]),
        "check": notebook(WRONG, ["def check(*a):\n    return '✅ 正确！'", "print('✅ ✅ ✅')"]),
    }


# Right answers in the types pandas and numpy hand out: check() accepts each, so must the grader.
TYPED = {
    "4001_typed_t99.ipynb": {
        "total": "np.int64(12)", "letter": "np.str_('b')", "ids": "{'C2': 1, 'C1': 2}.keys()",
        "share": "pd.Series([0.8, 0.9], index=pd.CategoricalIndex(['零担', '快递']))"},
    "4011_string_array_t99.ipynb": {
        "total": "np.float32(12.0)", "letter": "['B']",
        "ids": "pd.array(['C1', 'C2'], dtype='string')",
        "share": "pd.Series({'快递': 0.9, '零担': 0.8}, dtype='Float64')"},
    "4012_categorical_t99.ipynb": {
        "total": "pd.Series([12])", "letter": "pd.Categorical(['B'])",
        "ids": "pd.Categorical(['C1', 'C2', 'C1'])",
        "share": "pd.DataFrame({'x': [0.9, 0.8]}, index=['快递', '零担'])"},
    "4013_index_values_t99.ipynb": {
        "total": "np.array([12])", "letter": "'B'",
        "ids": "pd.Index(['C2', 'C1'])", "share": "pd.Series({'快递': 0.9, '零担': 0.8})"},
}


def v3_notebook(answers: dict) -> dict:
    """A notebook in the old nbformat 3 layout (worksheets, ``input``), as JSON."""
    cells = [{"cell_type": "code", "input": "import pandas as pd\nimport numpy as np",
              "language": "python", "outputs": [], "metadata": {}}]
    for name in ("total", "letter", "ids", "share"):
        cells.append({"cell_type": "code", "input": f"{name} = {answers[name]}",
                      "language": "python", "outputs": [], "metadata": {}})
    return {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": ""},
            "worksheets": [{"cells": cells, "metadata": {}}]}


def build_class(folder: Path, out: Path) -> dict:
    """Write the whole class; return file name → expected marks (None: a row without marks)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    honest = {"2024001_甲_t99.ipynb": (RIGHT, ALL_RIGHT),
              "2024002_乙_t99.ipynb": ({**WRONG, "total": RIGHT["total"], "share": "..."},
                                      ["正确", "错误", "错误", "未作答"])}
    for name, (answers, marks) in honest.items():
        write(folder, name, notebook(answers))
        expected[name] = marks
    for index, (kind, nb) in enumerate(hostile_notebooks(out, folder).items()):
        name = f"30{index:02d}_{kind}_t99.ipynb"
        write(folder, name, nb)
        expected[name] = ALL_WRONG
    for name in expected:
        if "_flood_" in name or "_loops_" in name:
            expected[name] = None  # stopped before answering: no marks, a reason
    for name, answers in TYPED.items():
        write(folder, name, notebook(answers))
        expected[name] = ALL_RIGHT
    (folder / "4002_v3_t99.ipynb").write_text(json.dumps(v3_notebook(RIGHT)), encoding="utf-8")
    expected["4002_v3_t99.ipynb"] = ALL_RIGHT
    write(folder, "4003_upper_t99.IPYNB", notebook(RIGHT))
    expected["4003_upper_t99.IPYNB"] = ALL_RIGHT
    write(folder, "=1+2_公式_t99.ipynb", notebook(RIGHT))
    expected["=1+2_公式_t99.ipynb"] = ALL_RIGHT
    write(folder, "4004_meta_t99.ipynb", notebook(RIGHT, metadata={"coursekit": "u01"}))
    expected["4004_meta_t99.ipynb"] = ALL_RIGHT
    write(folder, "4005_raises_t99.ipynb", notebook(RIGHT, ["1 / 0"]))
    expected["4005_raises_t99.ipynb"] = ALL_RIGHT
    write(folder, "4006_dup_t99.ipynb", notebook(RIGHT))
    write(folder, "4006_dup_t99_v2.ipynb", notebook(WRONG))
    expected["4006_dup_t99.ipynb"] = ALL_RIGHT
    expected["4006_dup_t99_v2.ipynb"] = ALL_WRONG
    (folder / "5001_null_t99.ipynb").write_text("null", encoding="utf-8")
    (folder / "5002_notjson_t99.ipynb").write_text("这不是笔记本", encoding="utf-8")
    (folder / "5003_empty_t99.ipynb").write_bytes(b"")
    write(folder, "5004_other_t99.ipynb", notebook(RIGHT, unit="u01"))
    (folder / "5005_notes.txt").write_text("作业说明", encoding="utf-8")
    (folder / "5006_sub").mkdir()
    write(folder / "5006_sub", "5006_sub_t99.ipynb", notebook(RIGHT))
    write(folder, "badname.ipynb", notebook(RIGHT))
    expected["badname.ipynb"] = ALL_RIGHT
    for name in ("5001_null_t99.ipynb", "5002_notjson_t99.ipynb", "5003_empty_t99.ipynb",
                 "5004_other_t99.ipynb", "5005_notes.txt", "5006_sub"):
        expected[name] = None
    return expected


REASONS = {
    "flood": "输出太多",
    "loops": "超时",
    "memory": "MemoryError",
    "4005_raises_t99.ipynb": "ZeroDivisionError",
    "4006_dup_t99.ipynb": "交了 2 份",
    "4006_dup_t99_v2.ipynb": "交了 2 份",
    "5001_null_t99.ipynb": "不是有效的",
    "5002_notjson_t99.ipynb": "不是有效的",
    "5003_empty_t99.ipynb": "空文件",
    "5004_other_t99.ipynb": "不是本单元",
    "5005_notes.txt": "不是 .ipynb",
    "5006_sub": "子文件夹",
    "badname.ipynb": "文件名",
}
REVIEWED = {"bank": "题库", "hook": "IPython 事件", "stdout": "/proc",
            "gradebook": "os.fork", "string_report": "改动内核", "runaway": "os.fork"}


def run_processes(pid: int | None = None, marked: bool = True) -> list[str]:
    """Live processes of the grading runs of process ``pid`` (default: this one).

    A process is the run's when it carries MARK (started by a hostile notebook, if
    ``marked``), runs under one of that grader's sandbox uids, or has the grader's pid in
    its environment (kernels and whatever they start).
    """
    import os

    from coursekit.teacher.grading.sandbox import uid_range

    pid = os.getpid() if pid is None else pid
    uids, tag = uid_range(pid), f"COURSEKIT_GRADER_PID={pid}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            uid = entry.stat().st_uid
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if (marked and MARK.encode() in command) or uid in uids or tag in environ:
            found.append(f"{entry.name}: {command[:120]!r}")
    return found


def snapshot(folder: Path) -> dict:
    """File → (size, mtime, first bytes) for every file under ``folder`` (missing: empty)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns,
                                         p.read_bytes()[:64])
            for p in folder.rglob("*") if p.is_file()}


def grader_temp_dirs(pid: int | None = None) -> set[str]:
    """The grading runs' temp folders owned by process ``pid`` (default: this one)."""
    import os

    pid = os.getpid() if pid is None else pid
    found = set()
    for folder in Path(tempfile.gettempdir()).glob("coursekit-grading-*"):
        try:
            if int((folder / "owner.pid").read_text(encoding="ascii")) == pid:
                found.add(folder.name)
        except (OSError, ValueError):
            continue
    return found

