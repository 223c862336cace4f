"""The hashed answer key judges exactly like the question bank, and holds no answer.

For every question in the bank at the time the test runs (others add questions
all the time: nothing here is a fixed list), the key entry is built and then
judged against the bank on the reference answer, the listed wrong answers,
answers just inside and just outside the tolerance, other types holding the
same answer, and odd values. Status *and* message must be equal.
"""
import itertools
import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from coursekit import _answerkey
from coursekit._judging import NotRepresentable, judge_plain
from coursekit._plain import PlainSeries, plain
from coursekit.questions import QUESTIONS, custom, number

SALT = "00" * 16
HEX = re.compile(r"^[0-9a-f]{32}$")
ALL_IDS = sorted(QUESTIONS)


def key_for(qid):
    try:
        spec = QUESTIONS[qid].spec()
    except NotRepresentable as error:  # loud: a new question the key cannot hold
        pytest.fail(f"{qid} cannot go into the students' answer key: {error}")
    return spec, _answerkey.build_key({qid: spec}, iterations=1, salt=SALT)


def number_variants(spec, expected):
    width = spec["params"]["width"]
    buckets = sorted(int(b) for b in spec["facets"]["value"])
    low, high = buckets[0] * width, (buckets[-1] + 1) * width
    edges = [low, np.nextafter(low, -np.inf), high, np.nextafter(high, -np.inf),
             low - width, high + width]
    e = float(expected)
    spread = (high - low) / 2
    near = [e + k * spread for k in (-1.5, -1.01, -0.99, -0.5, 0.5, 0.99, 1.01, 1.5)]
    typed = [np.float64(e), np.float32(e), np.array([e]), pd.Series([e]), str(e), True, round(e)]
    if float(e).is_integer():
        typed += [int(e), np.int64(int(e)), int(e) + 1, int(e) - 1]
    return edges + near + typed + [e * 100, e / 100, -e, float("inf"), 10 ** 400]


def choice_variants(question):
    options = question.options
    subsets = ["".join(c) for n in range(1, len(options) + 1)
               for c in itertools.combinations(options, n)]
    expected = question.expected_value()
    return subsets + [expected.lower(), list(expected), set(expected), "Z", "", 1,
                      np.array(list(expected)), " ".join(expected)]


def collection_variants(expected):
    values = list(plain(expected).values)
    out = [values, set(values), tuple(values), np.array(values, dtype=object),
           pd.Series(values), pd.Index(values), pd.Categorical(values),
           dict.fromkeys(values).keys(), values[:-1], values + ["X999"], values[1:] + ["X999"],
           [str(v) for v in values]]
    if all(isinstance(v, str) for v in values):
        out.append(pd.array(values, dtype="string"))
    return out


def _some_positions(n, each_end=10, middle=10):
    """Every position of a short table; the ends and an even spread of a long one.

    A row is judged the same way wherever it is, so 30 rows prove what 1150 would,
    in seconds instead of minutes (u03.my_score has 1150 rows).
    """
    if n <= 2 * each_end + middle:
        return range(n)
    spread = {round(i * (n - 1) / (middle + 1)) for i in range(1, middle + 1)}
    return sorted(set(range(each_end)) | set(range(n - each_end, n)) | spread)


def series_variants(expected, tolerance):
    tol = max(tolerance, 1e-9)
    out = [expected, expected.sort_index(), expected.iloc[:-1], expected.to_frame(),
           expected.rename(lambda label: f"{label}x"), expected.astype(object)]
    if pd.api.types.is_numeric_dtype(expected):
        for k in (0.99, 1.01, 2):
            for position in _some_positions(len(expected)):
                changed = expected.astype(float).copy()
                changed.iloc[position] += k * tol
                out.append(changed)
    else:
        out.append(expected.astype("string"))
        out.append(expected.astype("category"))
    return out


def letters_variants(expected, options):
    out = [expected, expected.lower(), expected[:-1], expected + options[0], 5]
    for position in range(len(expected)):
        for letter in options:
            out.append(expected[:position] + letter + expected[position + 1:])
    return out


def form_variants(expected):
    out = [expected, expected.iloc[:, :3], pd.concat([expected, expected])]
    for column in expected.columns:
        changed = expected.copy()
        changed[column] = "其他"
        out.append(changed)
        spaced = expected.copy()
        spaced[column] = " " + str(expected[column].iloc[0]) + " "
        out.append(spaced)
    return out


def answers_for(question, spec):
    expected = question.expected_value()
    answers = [expected, *question.wrong_answers(), None, object(), float("nan"), "", [[1]],
               pd.DataFrame(), lambda: 1]
    kind = spec["kind"]
    if kind == "number":
        answers += number_variants(spec, expected)
    elif kind == "choice":
        answers += choice_variants(question)
    elif kind == "items":
        answers += collection_variants(expected)
    elif kind == "series":
        answers += series_variants(expected, question.tolerance)
    elif kind == "letters":
        answers += letters_variants(expected, spec["params"]["options"])
    elif kind == "form":
        answers += form_variants(expected)
    elif kind == "text":
        answers += [expected, f" {expected} ", "2025-1", "2025年1月", "2024-12"]
    return answers


@pytest.mark.parametrize("qid", ALL_IDS)
def test_hashed_key_judges_like_the_bank(qid):
    question = QUESTIONS[qid]
    spec, key = key_for(qid)
    assert judge_plain(spec, question.expected_value()) == (True, "")
    for answer in answers_for(question, spec):
        bank = judge_plain(spec, answer)
        hashed = _answerkey.judge_hashed(key, qid, answer)
        assert hashed == bank, f"{qid}: {answer!r}: key says {hashed}, bank says {bank}"
    for wrong in question.wrong_answers():
        assert not _answerkey.judge_hashed(key, qid, wrong)[0], f"{qid} key accepts {wrong!r}"


def _leaves(value, path=()):
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _leaves(item, path + (name,))
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item, path)
    else:
        yield path, value


def _secrets(spec):
    """Every accepted canonical text and the expected number itself, as text."""
    for texts in spec["facets"].values():
        yield from texts


@pytest.mark.parametrize("qid", ALL_IDS)
def test_key_holds_no_plaintext_answer(qid):
    spec, key = key_for(qid)
    entry = key["questions"][qid]
    question = QUESTIONS[qid]
    expected = question.expected_value()
    secrets = {s for s in _secrets(spec) if len(s) >= 2}
    if spec["kind"] == "letters":  # single letters are the public options; the order is secret
        secrets.add("".join(spec["facets"][f"pos:{i}"][0] for i in range(spec["params"]["n"])))
    if spec["kind"] == "number":
        secrets |= {repr(float(expected)), f"{float(expected):.4g}"}
    if isinstance(plain(expected), PlainSeries):
        secrets |= {repr(v) for v in plain(expected).values if isinstance(v, float)}
    for path, leaf in _leaves(entry):
        if path[0] == "facets":
            assert HEX.match(leaf), f"{qid}: facet {path} is not a hash: {leaf!r}"
            continue
        if path[0] in ("hint", "errors") or path[-1] == "options":
            continue  # public prose and the options every student sees
        for secret in secrets:
            # A number leaf (a bucket width such as 1e-10) leaks only if it is the answer itself;
            # a text leaf leaks if the answer appears anywhere in it.
            shown = str(leaf)
            leaks = secret == shown if isinstance(leaf, (int, float)) else secret in shown
            assert not leaks, f"{qid}: {path} shows the answer {secret!r}"


def test_a_free_custom_compare_cannot_enter_the_key():
    question = custom("t99.free", 1, hint="重读「x」", wrong=[2],
                      compare=lambda answer, expected: (answer == expected, ""))
    assert question.accepts(1) == (True, "")
    with pytest.raises(NotRepresentable, match="t99.free"):
        question.spec()


def test_relative_tolerance_does_not_tell_the_expected_value():
    # width and the stated tolerance must not give |expected| away (a relative one would)
    first = number("t99.a", 123456.789, hint="重读「x」", wrong=[1], rel_tolerance=0.001).spec()
    second = number("t99.b", 198765.4, hint="重读「x」", wrong=[1], rel_tolerance=0.001).spec()
    assert first["params"] == second["params"] == {"width": 10.0, "told": "±0.1%"}
    assert len(first["facets"]["value"]) < 60  # about 2 x 12.3 buckets either side


def test_hash_cost_is_split_over_the_hashes_of_one_check():
    # benchmarks/bench_grading.py measures what one check costs (goal: well under 0.3 s)
    one = _answerkey.iterations_for(QUESTIONS["u01.n_a"].spec())
    assert one == _answerkey.BASE_ITERATIONS
    series = next(q for q in QUESTIONS.values() if q.kind == "series").spec()
    assert _answerkey.iterations_for(series) * (1 + series["params"]["n"]) <= one


def test_every_facet_hash_is_salted_per_key():
    spec = QUESTIONS["u00.first_sum"].spec()
    one = _answerkey.build_key({"u00.first_sum": spec}, iterations=1)
    two = _answerkey.build_key({"u00.first_sum": spec}, iterations=1)
    assert one["salt"] != two["salt"]
    assert one["questions"]["u00.first_sum"]["facets"] != two["questions"]["u00.first_sum"]["facets"]
    assert math.isfinite(json.loads(json.dumps(one))["questions"]["u00.first_sum"]["iterations"])
