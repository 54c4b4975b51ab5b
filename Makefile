# Zhuanxing — the two commands: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
PORT ?= 8000
# pytest-xdist workers for `make test`: one per core (`auto`); 0 runs the suite in one process.
PYTEST_WORKERS ?= auto
VENV := .venv
ZX := $(VENV)/bin/zhuanxing
UV_VERSION := 0.13.9

.PHONY: demo test install system-test-deps lint messages clean-demo user-guide

install: $(VENV)/.installed

# uv comes from PyPI; it uses the machine's Python 3.11 (python-downloads = "never").
$(VENV)/.installed: pyproject.toml uv.lock package-lock.json
	$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	$(PYTHON) -m uv sync --frozen --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	npm ci --no-audit --no-fund --silent
	touch $@

demo: install
	@bash scripts/install-system-packages.sh demo
	$(ZX) migrate --noinput
	$(ZX) collectstatic --noinput >/dev/null
	$(ZX) demo --port $(PORT)
	$(ZX) analytics build --incremental  # full the first time; a no-op when the store is current
	$(ZX) assessment_demo_targets
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	@# gunicorn serves the app (static files through whitenoise); imports run in the background
	@# worker (django-tasks) beside it; Ctrl-C stops both (docs/deployment.md).
	$(ZX) serve --bind "127.0.0.1:$(PORT)" --worker-log var/worker.log

system-test-deps:
	@bash scripts/install-system-packages.sh test

test: install system-test-deps
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

# Needs GNU gettext (msgfmt); the compiled .mo files are committed so the demo does not.
messages: install
	cd src/zhuanxing && ../../$(ZX) makemessages -l zh_Hans -l en --no-obsolete
	cd src/zhuanxing && ../../$(ZX) compilemessages

# The user guide's screenshots, taken from the demo city by tests/browser/test_user_guide.py.
user-guide: install system-test-deps
	ZHUANXING_USER_GUIDE=1 $(VENV)/bin/pytest tests/browser/test_user_guide.py -q -p no:cacheprovider

clean-demo:
	rm -f var/zhuanxing.sqlite3*
