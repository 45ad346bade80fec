"""The accuracy gate: no field may fall below its pinned baseline (tests/accuracy_baseline.json).

Moving the baseline takes `python -m tests.accuracy --update`. Scored with generator.score on the
corpus and the bundled seeds (tests/data/): nothing outside the clone, so the gate never skips.
"""

import json

import pytest

from tests.accuracy import BASELINE, SLACK, scores

# The floor the issue sets, whatever the baseline says: a baseline can never be pinned below it.
FLOOR = {
    "chairs": 0.95,
    "speakers": 0.95,
    "attendees": 0.95,
    "tasks": 0.95,
    "targets": 0.90,
    "frameworks": 0.90,
    "date_exact": 0.95,
    "place": 0.97,
}


@pytest.fixture(scope="module")
def current():
    return scores()


def _cases():
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    for name, fields in sorted(baseline.items()):
        for field, pinned in sorted(fields.items()):
            yield pytest.param(name, field, pinned, id=f"{name}-{field}")


@pytest.mark.parametrize("name, field, pinned", list(_cases()))
def test_field_holds_its_baseline(current, name, field, pinned):
    assert current[name][field] >= pinned - SLACK, f"{name} {field} fell to {current[name][field]} from {pinned}"


def test_baseline_meets_the_floor():
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    low = {(n, f): v for n, fs in baseline.items() for f, v in fs.items() if v < FLOOR[f]}
    assert not low, f"pinned below the required floor: {low}"
