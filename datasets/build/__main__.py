"""python -m datasets.build: build the course tables (see build.py)."""
from .build import main

raise SystemExit(main())
