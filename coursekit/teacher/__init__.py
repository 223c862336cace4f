"""The teacher's tools behind ``python -m coursekit``.

* :mod:`~coursekit.teacher.edition`: the student edition and resetting a student's notebook.
* :mod:`~coursekit.teacher.handout`: the folder students receive (no answers, a hashed key).
* :mod:`~coursekit.teacher.grading`: grading a class folder into a gradebook, one
  sandbox per submission.
* :mod:`~coursekit.teacher.refresh`: re-running both editions and storing their outputs.

This wing uses the analysis library and the classroom layer, never the other way round.
"""
from .edition import build_student_edition
from .grading import grade

__all__ = ["build_student_edition", "grade"]
