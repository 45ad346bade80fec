PY ?= .venv/bin/python
DIGEST ?= .venv/bin/digest

.PHONY: html serve publish test bench clean

html:
	$(DIGEST) build

serve: html
	$(PY) -m http.server --directory output 8000

publish:
	$(DIGEST) build --settings publishconf.py --strict

test:
	$(PY) -m pytest

bench:
	$(PY) bench/bench.py

clean:
	rm -rf output content .cache
