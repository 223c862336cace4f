"""Part 2 notebooks: the pieces of an answer are not printed right after the exercise.

The leak scan (test_leaks.py) looks for an answer itself; here the rates that
u08b 练习 4 asks a student to compute (stop rates of 衰退期 and 成熟期 customers,
whose ratio is the answer) must not be on screen in the cells after it either.
"""
import json
import re

from coursekit.questions import u08b
from coursekit.teacher.edition import STUDENT_DIR


def _shown(cell) -> str:
    texts = [cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])]
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        texts += [data.get("text/plain", ""), data.get("text/html", ""), output.get("text", "")]
    return "\n".join("".join(t) if isinstance(t, list) else t for t in texts)


def test_u08b_back_test_does_not_print_the_stop_rates_exercise_4_asks_for():
    notebook = json.loads((STUDENT_DIR / "u08b_service_plan.ipynb").read_text(encoding="utf-8"))
    cells = notebook["cells"]
    start = next(i for i, c in enumerate(cells) if "check(\"u08b.decline_risk_ratio\"" in "".join(c["source"]))
    after = "\n".join(_shown(c) for c in cells[start + 1:])
    rates = u08b._stop_rates()
    for rate in (rates["衰退期"], rates["成熟期"]):
        for text in (f"{rate:.3f}", f"{rate:.1%}", f"{rate * 100:.0f}%"):
            assert not re.search(rf"(?<![\d.]){re.escape(text)}(?!\d)", after), text
