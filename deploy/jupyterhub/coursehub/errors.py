"""The one error the classroom server raises for a teacher's mistake."""
from __future__ import annotations


class HubError(Exception):
    """A problem the teacher can fix, said in Chinese first, then in English.

    >>> print(HubError("名单里没有学号列。", "The class list has no 学号 column."))
    名单里没有学号列。
    The class list has no 学号 column.
    """

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh}\n{en}")
        self.zh, self.en = zh, en
