"""Child process of the grader: run one notebook, print its answers as JSON.

Started by :func:`coursekit.teacher.grading._run_child` as a plain script, so it
imports nothing from coursekit (and so no pandas), and it talks to the kernel
through jupyter_client directly (nbclient would pull in nbformat, which takes
a second to import), so a submission costs little more than a kernel start:

    python _child.py NOTEBOOK NAMES_JSON TIMEOUT MAX_OUTPUT_BYTES
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ANSWER_MARKER = "@@COURSEKIT-ANSWERS@@"

# Runs inside the student's kernel after the notebook; only reads variables.
_EXTRACT = r'''
def __coursekit_encode(v, depth=0):
    import sys
    np = sys.modules.get("numpy")   # not imported by the notebook: no such values to encode
    pd = sys.modules.get("pandas")
    if depth > 3:
        return {"t": "unsupported", "type": "nested"}
    if v is ...:
        return {"t": "ellipsis"}
    if v is None:
        return {"t": "none"}
    if isinstance(v, bool) or (np and isinstance(v, np.bool_)):
        return {"t": "bool", "v": bool(v)}
    if isinstance(v, int) or (np and isinstance(v, np.integer)):
        return {"t": "int", "v": int(v)}
    if isinstance(v, float) or (np and isinstance(v, np.floating)):
        return {"t": "float", "v": repr(float(v))}
    if isinstance(v, str):
        return {"t": "str", "v": v[:10000]}
    if pd and isinstance(v, pd.Series):
        return {"t": "series", "index": [str(i) for i in v.index[:5000]],
                "v": [__coursekit_encode(x, depth + 1) for x in v.iloc[:5000]]}
    if (pd and isinstance(v, pd.Index)) or (np and isinstance(v, np.ndarray)):
        return {"t": "list", "v": [__coursekit_encode(x, depth + 1) for x in list(v)[:5000]]}
    if pd and isinstance(v, pd.DataFrame):
        return {"t": "frame", "v": v.head(5000).to_json(orient="split", date_format="iso")}
    if isinstance(v, (list, tuple, set, frozenset)):
        kind = "list" if isinstance(v, (list, tuple)) else "set"
        return {"t": kind, "v": [__coursekit_encode(x, depth + 1) for x in list(v)[:5000]]}
    if isinstance(v, dict):
        return {"t": "dict", "v": [[str(k), __coursekit_encode(x, depth + 1)]
                                   for k, x in list(v.items())[:5000]]}
    return {"t": "unsupported", "type": type(v).__name__}

def __coursekit_dump(names):
    import json
    found = {}
    for name in names:
        if name in globals():
            try:
                found[name] = __coursekit_encode(globals()[name])
            except Exception as error:
                found[name] = {"t": "unsupported", "type": type(error).__name__}
    print(MARKER + json.dumps(found, ensure_ascii=True))

__coursekit_dump(NAMES)
'''




class _TooMuchOutput(Exception):
    pass


def code_cells(path: Path) -> list[str]:
    """Sources of the code cells, read as plain JSON (nbformat takes ~1 s to import)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    sources = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            sources.append("".join(source) if isinstance(source, list) else source)
    return sources


def run_submission(path: Path, names: list[str], timeout: float, max_output: int) -> dict:
    """Execute the notebook's code cells in a fresh kernel; return answers and problems."""
    from jupyter_client.manager import start_new_kernel

    seen, captured, problems = [0], [], []

    def on_output(message):
        seen[0] += len(json.dumps(message.get("content", {})))
        if seen[0] > max_output:
            raise _TooMuchOutput()
        if message["msg_type"] == "stream":
            captured.append(message["content"].get("text", ""))

    extract = _EXTRACT.replace("MARKER", repr(ANSWER_MARKER)).replace("NAMES", repr(names))
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(path.parent))
    try:
        for index, source in enumerate([*code_cells(path), extract], start=1):
            captured.clear()
            reply = client.execute_interactive(source, timeout=timeout, output_hook=on_output,
                                               allow_stdin=False, stop_on_error=False)
            if reply["content"]["status"] == "error":
                problems.append(f"第 {index} 个代码单元格报错：{reply['content'].get('ename')}")
    except TimeoutError:
        return {"answers": None, "problems": [f"运行超时（单个单元格超过 {timeout:g} 秒）"]}
    except _TooMuchOutput:
        return {"answers": None, "problems": [f"输出太多（超过 {max_output / 1e6:g} MB）"]}
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return {"answers": _answers_from("".join(captured)), "problems": problems}


def _answers_from(text: str) -> dict | None:
    if ANSWER_MARKER not in text:
        return None
    return json.loads(text.split(ANSWER_MARKER, 1)[1].splitlines()[0])


if __name__ == "__main__":
    _path, _names, _timeout, _max = sys.argv[1:5]
    print(json.dumps(run_submission(Path(_path), json.loads(_names), float(_timeout), int(_max))))
