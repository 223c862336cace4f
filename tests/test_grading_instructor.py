"""Every instructor notebook, graded through grade() in the sandbox, scores 100%."""
from concurrent.futures import ThreadPoolExecutor

from coursekit.teacher import grading
from coursekit.teacher.edition import NOTEBOOKS_DIR, unit_of


def test_every_instructor_notebook_scores_full_marks(tmp_path):
    notebooks = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))  # whatever the course holds today
    assert notebooks

    def grade_one(path):
        unit = unit_of(path)
        folder = tmp_path / unit
        folder.mkdir()
        (folder / f"2024001_教师_{unit}.ipynb").write_bytes(path.read_bytes())
        book = grading.grade(folder, tmp_path / f"{unit}.csv", jobs=1, progress=False)
        return path.name, book.iloc[0].to_dict()

    with ThreadPoolExecutor(max_workers=2) as pool:
        rows = dict(pool.map(grade_one, notebooks))
    for name, row in rows.items():
        assert row["percent"] == 100.0, (name, row)
        assert row["problem"] == "", (name, row["problem"])
