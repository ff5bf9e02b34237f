"""Fixtures for the document tests."""

import pytest

from tests.documents.support import ASYLUM, REGULAR, REPRESENTATIVE, case_and_result


@pytest.fixture
def regular():
    return case_and_result(REGULAR)


@pytest.fixture
def asylum():
    return case_and_result(ASYLUM)


@pytest.fixture
def represented():
    return case_and_result({**REGULAR, "representative": REPRESENTATIVE})
