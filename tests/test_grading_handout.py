"""The student handout: everything a student needs, no answer and no code that computes one."""
import json
import subprocess
import sys
import tomllib

import pytest

from coursekit import exercises
from coursekit.exercises import CORRECT, LATER, UNANSWERED, WRONG
from coursekit.questions import QUESTIONS, number
from coursekit.teacher.edition import NOTEBOOKS_DIR
from coursekit.teacher.handout import answer_key, build_handout, find_leaks


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    # exactly the teacher guide's command, with the real (slow) hash cost
    work = tmp_path_factory.mktemp("handout")
    result = subprocess.run([sys.executable, "-m", "coursekit", "handout", "讲义"], cwd=work,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return work / "讲义"


def test_handout_holds_the_student_course_and_no_bank(handout):
    names = {p.name for p in handout.iterdir()}
    assert {"student", "datasets", "coursekit", "course.py", "README.md", "pyproject.toml"} <= names
    assert not {"notebooks", "tests", "benchmarks", "docs"} & names
    assert not (handout / "coursekit" / "questions").exists()
    assert (handout / "coursekit" / "answer_key.json").is_file()
    assert sorted(p.name for p in (handout / "student").glob("*.ipynb")) == \
        sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    assert find_leaks(handout) == []
    packages = tomllib.loads((handout / "pyproject.toml").read_text(encoding="utf-8"))
    listed = packages["tool"]["setuptools"]["packages"]
    assert "coursekit" in listed and not [p for p in listed if "questions" in p]
    assert not list(handout.rglob("__pycache__"))


def test_key_knows_every_question_and_shows_no_answer(handout):
    key = json.loads((handout / "coursekit" / "answer_key.json").read_text(encoding="utf-8"))
    assert set(key["questions"]) == set(QUESTIONS)
    text = json.dumps({qid: {k: v for k, v in entry.items() if k not in ("hint", "errors")}
                       for qid, entry in key["questions"].items()}, ensure_ascii=False)
    for qid, question in QUESTIONS.items():
        expected = question.expected_value()
        if isinstance(expected, str) and len(expected) > 1:
            assert json.dumps(expected, ensure_ascii=False) not in text, qid
        if isinstance(expected, list):
            assert not [v for v in expected if isinstance(v, str) and f'"{v}"' in text], qid


# A student installs the handout itself; this test's interpreter has the teacher's course
# installed in editable mode, whose finder would find coursekit.questions: drop that finder.
HANDOUT_CHECK = """
import json, sys
sys.meta_path = [f for f in sys.meta_path if "editable" not in getattr(f, "__module__", "")]
sys.path.insert(0, sys.argv[1])
import coursekit
from coursekit import exercises
assert coursekit.__file__.startswith(sys.argv[1]), coursekit.__file__
assert exercises.bank() is None
answers = json.loads(sys.argv[2])
print(json.dumps([[qid, [exercises.check(qid, a).status for a in given]]
                  for qid, given in answers]))
"""


def test_check_in_the_handout_gives_instant_feedback_without_the_bank(handout):
    picks = ["u00.first_sum", "u01.n_a", "u01.chain_roles", "u05.implication_questions",
             "u05.fab_labels", "u07.max_unhappy", "u07.best_fix"]
    answers = [[qid, [_jsonable(QUESTIONS[qid].expected_value()),
                      _jsonable(QUESTIONS[qid].wrong_answers()[0]), None]] for qid in picks]
    answers.append(["u01.not_in_the_key", [1]])
    result = subprocess.run([sys.executable, "-c", HANDOUT_CHECK, str(handout),
                             json.dumps(answers)], capture_output=True, text=True,
                            cwd=handout, timeout=300)
    assert result.returncode == 0, result.stderr
    statuses = dict(json.loads(result.stdout))
    for qid in picks:
        assert statuses[qid] == [CORRECT, WRONG, UNANSWERED], qid
    assert statuses["u01.not_in_the_key"] == [LATER]


def _jsonable(value):
    return value if isinstance(value, (int, float, str)) else list(value)


def test_graded_only_questions_are_in_the_key_by_name_only(monkeypatch):
    hidden = number("u01.secret_total", 1234.5, hint="重读「1.4」", wrong=[1], graded_only=True)
    key = answer_key(iterations=1, questions={"u01.secret_total": hidden,
                                              "u00.first_sum": QUESTIONS["u00.first_sum"]})
    assert key["questions"]["u01.secret_total"] == {"graded_only": True, "hint": "重读「1.4」"}
    monkeypatch.setattr(exercises, "bank", lambda: None)
    monkeypatch.setattr(exercises._answerkey, "load_key", lambda: key)
    result = exercises.check("u01.secret_total", 1234.5)
    assert result.status == LATER and "老师批改" in repr(result)
    assert exercises.check("u00.first_sum", 12).status == CORRECT
    assert exercises.check("u00.first_sum", 11).status == WRONG


def test_handout_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="不是空文件夹"):
        build_handout(tmp_path, iterations=1)
    assert [p.name for p in tmp_path.iterdir()] == ["old.txt"]
