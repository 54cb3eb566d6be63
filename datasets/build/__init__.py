"""Build the course datasets from datasets/raw (python -m datasets.build).

One file per table in ``tables/`` (listed in the registry ``tables/__init__.py``); ``build.py`` runs them and writes
the CSV files, datapackage.json and the codebook. docs/datasets.md is the checklist for adding a table.
"""
