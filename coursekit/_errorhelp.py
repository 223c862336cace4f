"""Help in Chinese when a student's cell raises, not only a traceback.

A ❌ with a hint helps only if the answer cell runs. The first try at many
exercises raises instead (``a == x & b == y``, a full-width comma, a column
name typed wrong), and a beginner then sees an English traceback and no hint.
:func:`install` registers a handler in IPython that shows the traceback as
usual and then a short box: what this kind of error usually means, and, when
the cell holds ``check("<question id>", ...)``, that exercise's hint.

It is installed when a notebook imports :mod:`coursekit.exercises`; outside
IPython it does nothing.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass

_CHECK_CALL = re.compile(r"""check\(\s*["']([A-Za-z0-9_]+\.[A-Za-z0-9_]+)["']""")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FULL_WIDTH = re.compile(r"invalid character '(.)'")
# what to type instead of a character Python does not accept in code
_ASCII_FOR = {"×": "*", "÷": "/", "−": "-", "，": ",", "。": ".", "：": ":", "；": ";",
              "（": "(", "）": ")", "【": "[", "】": "]", "“": '"', "”": '"', "‘": "'",
              "’": "'", "＝": "=", "＋": "+", "－": "-", "＊": "*", "／": "/", "＜": "<",
              "＞": ">", "！": "!", "、": ","}

# (exception class name, pattern in the message or None, explanation); first match wins.
_EXPLANATIONS = [
    ("TypeError", r"ellipsis",
     "用到了一个还是 ... 的变量：上面有练习还没有作答，先把那里的 ... 换成答案并运行。"),
    ("AttributeError", r"'ellipsis'",
     "用到了一个还是 ... 的变量：上面有练习还没有作答，先把那里的 ... 换成答案并运行。"),
    ("TypeError", r"unsupported operand type\(s\) for \^",
     "Python 里乘方写成 **，例如 (1 - c) ** 5；^ 在 Python 里不是乘方。"),
    ("TypeError", r"rand_|ror_|unsupported operand type\(s\) for [&|]",
     "两个条件用 & 或 | 连起来时，每个条件都要加括号：(表[\"a\"] == x) & (表[\"b\"] == y)。"
     "不加括号时 Python 先算 &，再算 ==，于是报错。"),
    ("ValueError", r"truth value of a (Series|DataFrame) is ambiguous",
     "对一整列数据不能用 and、or、not 或 if：组合条件用 &（并且）、|（或者）、~（不是），"
     "并给每个条件加括号。"),
    ("TypeError", r"Invalid comparison between dtype=datetime64",
     "日期列不能直接和数字比较：要比年份，先取出年份 表[\"日期列\"].dt.year；"
     "要比日期，写成 pd.Timestamp(\"2025-01-01\")。"),
    ("TypeError", r"Invalid comparison|not supported between instances of|can only concatenate str",
     "把文字和数字放在一起比较或计算了。先确认比较的是那一列数字（表[\"列名\"]），"
     "而不是整张表或一列文字；数字不要加引号。"),
    ("TypeError", None, "某个值的类型不对（例如把一张表当成一个数，或把文字当成数字）。"
     "用 type(变量) 看看它是什么。"),
    ("NameError", None, "这个名字还没有定义：定义它的单元格可能还没有运行（请从上往下依次运行），"
     "或者名字拼错了（大小写也要一致）。"),
    ("KeyError", None, "表里找不到这个标签：没有这一列（或这一行）。用 表.columns 看看列名的准确写法"
     "（一列数据没有 .columns，用 数据.index 看它的行标签），列名是英文，区分大小写。"),
    ("AttributeError", None, "这个对象没有这个属性或方法：检查拼写；取一列最稳妥的写法是 表[\"列名\"]。"),
    ("ValueError", r"could not convert string to float|Unable to parse string",
     "这段文字不能直接变成数字：先去掉千位分隔的逗号、单位或货币符号。"),
    ("IndexError", None, "位置超出了范围：表里没有这么多行或列。iloc 的位置从 0 开始数。"),
    ("ZeroDivisionError", None, "除数是 0：检查分母，是不是筛选后一行数据也没有了。"),
    ("FileNotFoundError", None, "找不到这个文件：检查文件名和它所在的文件夹。"),
    ("IndentationError", None, "缩进不对：同一段代码的每一行要对齐，if、for、def 下面的行要多缩进 4 个空格。"),
    ("SyntaxError", r"expected ':'", "if、for、def 这一行的末尾要有英文冒号 :。"),
    ("SyntaxError", r"unterminated string|EOL while scanning",
     "引号没有配对：每段文字都要用一对英文引号括起来。"),
    ("SyntaxError", r"was never closed|unmatched|does not match",
     "括号没有配对：数一数左括号和右括号是不是一样多。"),
    ("SyntaxError", r"unicodeescape",
     "Windows 路径里的反斜杠 \\ 在 Python 的文字里有特殊含义：在引号前加 r，写成 r\"C:\\Users\\运单.csv\"，"
     "或者把 \\ 都换成 /（\"C:/Users/运单.csv\"）。"),
    ("SyntaxError", None, "这一行不是合法的 Python 代码：看报错里 ^ 指向的位置，检查标点和括号。"),
]


@dataclass(frozen=True)
class ErrorHelp:
    """The help shown under a traceback; renders as HTML in JupyterLab and as text elsewhere."""

    lines: tuple

    def __repr__(self) -> str:
        return "💡 " + "\n   ".join(self.lines)

    def _repr_html_(self) -> str:
        body = "<br>".join(html.escape(line) for line in self.lines)
        return ('<div style="background:#e8f0fe;padding:6px 10px;border-radius:4px">'
                f"💡 {body}</div>")


def explain(error: BaseException) -> str | None:
    """A short Chinese explanation of an error, or None when the message is Chinese already.

    Examples
    --------
    >>> explain(NameError("name 'abc' is not defined"))[:10]
    '这个名字还没有定义：'
    >>> explain(SyntaxError("invalid character '，' (U+FF0C)"))[:27]
    '代码里混进了中文或全角符号「，」：这里应该写英文的 ,'
    >>> explain(ValueError("参数 year 应该是整数 ..."))  # coursekit explains itself
    """
    message = str(error.msg if isinstance(error, SyntaxError) and error.msg else error)
    names_a_label = isinstance(error, (KeyError, NameError, AttributeError))
    if _CJK.search(message) and not names_a_label:
        return None
    full_width = _FULL_WIDTH.search(message)
    if isinstance(error, SyntaxError) and full_width:
        return _non_ascii_symbol(full_width.group(1))
    advice = _label_advice(error, message)
    if isinstance(error, KeyError) and advice:
        return advice
    names = {cls.__name__ for cls in type(error).__mro__}
    for name, pattern, text in _EXPLANATIONS:
        if name in names and (pattern is None or re.search(pattern, message)):
            return text + advice
    return f"这个单元格出错了（{type(error).__name__}）。先读错误信息的最后一行，改好后再运行这个单元格。"


def _non_ascii_symbol(char: str) -> str:
    instead = _ASCII_FOR.get(char)
    advice = f"这里应该写英文的 {instead}" if instead else "代码里的符号都要用英文半角"
    return (f"代码里混进了中文或全角符号「{char}」：{advice}。"
            "代码中的逗号、括号、引号、冒号、运算符都要用英文半角符号。")


def _label_advice(error: BaseException, message: str) -> str:
    """Extra advice when the missing name is Chinese text or a lone option letter."""
    name = re.search(r"'([^']*)'", message)
    name = name.group(1) if name else ""
    if isinstance(error, KeyError) and _CJK.search(name):
        return (f"表里没有叫「{name}」的列或行。课程里的表格显示中文表头只是为了方便阅读，"
                "代码里的列名多半是英文（例如“客户编号”在代码里是 customer_id）："
                "用 表.columns 看这张表真正的列名（一列数据用 数据.index 看行标签）。")
    if isinstance(error, NameError) and (_CJK.search(name) or re.fullmatch(r"[A-Z]{1,8}", name)):
        return f"如果你想写的是一段文字或选项字母，要加英文引号：\"{name}\"。"
    return ""


def help_for(error: BaseException, cell: str) -> ErrorHelp | None:
    """The explanation plus the hint of every exercise checked in ``cell``."""
    lines = []
    explanation = explain(error)
    if explanation:
        lines.append(explanation)
    for question_id in dict.fromkeys(_CHECK_CALL.findall(cell or "")):
        hint, extra = _hint(question_id, type(error))
        if hint:
            lines.append(f"这个单元格是练习 {question_id} 的答案。提示：{hint}")
        if extra:
            lines.append(extra)
    return ErrorHelp(tuple(lines)) if lines else None


def _hint(question_id: str, error_type: type) -> tuple[str, str]:
    from .exercises import hint_for  # imported late: exercises imports this module

    try:
        hint, errors = hint_for(question_id)
    except (KeyError, ValueError):
        return "", ""
    extra = next((errors[c.__name__] for c in error_type.__mro__ if c.__name__ in errors), "")
    return hint, extra


# ------------------------------------------------------------------ IPython wiring

class _Installed:
    """What :func:`install` keeps per shell: the source of the cell being run."""

    def __init__(self, shell):
        self.shell = shell
        self.cell = ""
        self.original_syntax_error = shell.showsyntaxerror

    def remember(self, info) -> None:
        self.cell = getattr(info, "raw_cell", "") or ""

    def on_error(self, shell, etype, value, tb, tb_offset=None):
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        if not isinstance(value, SyntaxError):  # showtraceback sent those to on_syntax_error
            self.show(value)

    def on_syntax_error(self, *args, **kwargs):
        value = sys.exc_info()[1]
        self.original_syntax_error(*args, **kwargs)
        if isinstance(value, SyntaxError):
            self.show(value)

    def show(self, error: BaseException) -> None:
        from IPython.display import display

        box = help_for(error, self.cell)
        if box is not None:
            display(box)


def install(shell=None) -> bool:
    """Show Chinese help under errors in this IPython session; True if installed now."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or getattr(shell, "_coursekit_error_help", None) is not None:
        return False
    state = _Installed(shell)
    shell.events.register("pre_run_cell", state.remember)
    shell.set_custom_exc((Exception,), state.on_error)
    shell.showsyntaxerror = state.on_syntax_error
    shell._coursekit_error_help = state
    return True
