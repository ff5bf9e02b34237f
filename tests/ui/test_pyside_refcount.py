"""Guard against the PySide6 build that drops references to None (6.12.0 on CPython 3.11)."""

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication
app = QApplication([])
model = QStandardItemModel(10, 1)  # kept: the index needs a live model
index = model.index(0, 0)
before = sys.getrefcount(None)
for _ in range(20000):
    index.data()  # returns None: a faulty binding loses one reference each time
print(sys.getrefcount(None) - before)
"""


def test_none_survives_many_model_calls():
    # In a child process: the faulty build aborts the interpreter ("deallocating None").
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"PySide6 crashed: {done.stderr[-300:]}"
    assert abs(int(done.stdout.strip())) < 100
