# Two entry points do all the set-up: `make run` (install + start the app) and `make test`.
# Both check first that Qt's platform plugin can load here (scripts/check_system.sh).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
ARGS   ?=

CHECK  := sh scripts/check_system.sh --python $(BIN)/python

.PHONY: run demo test lint typecheck catalogs system venv venv-test venv-package bench clean \
        dist app

run: venv                              ## install into .venv and start Termijn (DEMO=1 for demo data)
	@$(CHECK)
	$(BIN)/termijn-gui $(if $(DEMO),--demo) $(ARGS)

test: venv-test lint typecheck         ## install test extras and run every check and test
	@$(CHECK) --platform offscreen
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check desktop tests benchmarks scripts hatch_build.py packaging
	$(BIN)/ruff format --check desktop tests benchmarks scripts hatch_build.py packaging

typecheck:
	$(BIN)/mypy desktop/core desktop/store desktop/privacy desktop/feed

catalogs:
	$(BIN)/python scripts/i18n.py compile

system: venv                           ## the libraries the window needs here (X11 or Wayland)
	@$(CHECK)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@ $(VENV)/.installed

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[package]"
	touch $@ $(VENV)/.installed

# Each also compiles the Dutch catalog (quick): the commands speak Dutch straight away.
venv: $(VENV)/.installed catalogs
venv-test: $(VENV)/.installed-test catalogs
venv-package: $(VENV)/.installed-package catalogs

dist: venv-package                     ## wheel + sdist into dist/ (catalogs compiled by hatch_build.py)
	rm -f dist/termijn-*.whl dist/termijn-*.tar.gz
	$(BIN)/python -m build --outdir dist .

app: venv-package                      ## one-folder app into dist/app/termijn (PyInstaller) + a .tar.gz on Linux
	@# The X11 and Wayland libraries present here are bundled; the installer checks for the rest.
	@if [ "$$(uname -s)" = Linux ]; then $(CHECK) --platform xcb --platform wayland; fi
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist/app \
		--workpath build/pyinstaller packaging/pyinstaller/termijn.spec
	@if [ "$$(uname -s)" = Linux ]; then \
		v=$$($(BIN)/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])'); \
		out=dist/termijn-$$v-linux-$$(uname -m).tar.gz; \
		tar -C dist/app -czf $$out termijn && echo "wrote $$out"; \
	fi

bench: venv-test
	$(BIN)/python benchmarks/core.py

clean:
	rm -rf $(VENV) build dist desktop/locale
