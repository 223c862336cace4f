"""Every instructor notebook, graded through grade() in the sandbox, scores 100%.

Its written deliverables (markdown cells tagged ``deliverable``) reach the teacher's sheet.
"""
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pandas as pd

from coursekit.questions import QUESTIONS
from coursekit.teacher import grading
from coursekit.teacher.edition import NOTEBOOKS_DIR, unit_of


def deliverable_ids(path):
    notebook = nbformat.read(path, as_version=4)
    return [c.metadata["coursekit"]["deliverable"] for c in notebook.cells
            if c.cell_type == "markdown" and "deliverable" in c.metadata.get("tags", [])]


def test_every_instructor_notebook_scores_full_marks(tmp_path):
    # Whatever the course holds today, except notebooks without exercises (own_data).
    notebooks = [path for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
                 if any(qid.startswith(unit_of(path) + ".") for qid in QUESTIONS)]
    assert len(notebooks) >= 14

    def grade_one(path):
        unit = unit_of(path)
        folder = tmp_path / unit
        folder.mkdir()
        (folder / f"2024001_教师_{unit}.ipynb").write_bytes(path.read_bytes())
        book = grading.grade(folder, tmp_path / f"{unit}.csv", jobs=1, progress=False)
        sheet = tmp_path / f"{unit}_deliverables.csv"
        handed_in = list(pd.read_csv(sheet, encoding="utf-8-sig")["书面作业"]) \
            if sheet.exists() else []
        assert handed_in == deliverable_ids(path), path.name
        return path.name, book.iloc[0].to_dict()

    with ThreadPoolExecutor(max_workers=2) as pool:
        rows = dict(pool.map(grade_one, notebooks))
    for name, row in rows.items():
        assert row["percent"] == 100.0, (name, row)
        assert row["problem"] == "", (name, row["problem"])
