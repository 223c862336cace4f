"""The course beyond JupyterLab: an offline website, reveal.js decks, a presenter mode.

* :mod:`~coursekit.teacher.publish.site`: ``build_site`` (``python -m coursekit site OUT_DIR``).
* :mod:`~coursekit.teacher.publish.slides`: ``build_slides`` (``python -m coursekit slides OUT_DIR``).
* :mod:`~coursekit.teacher.publish.slide_metadata`: ``add_slide_metadata``, the heading rule
  that gives every cell its slide type (also applied by ``refresh``).
* :mod:`~coursekit.teacher.publish.presenter`: ``presenter_command``, live demos with Voila
  (``python3 course.py present u01``).
* :mod:`~coursekit.teacher.publish.order`: the course's reading order (``course_parts``).

The JavaScript these need ships in ``vendor/`` with its licences: nothing is
fetched from the internet at build time or when a page opens.
"""
from .order import course_parts
from .slide_metadata import add_slide_metadata
from .site import build_site

__all__ = ["add_slide_metadata", "build_site", "course_parts"]
