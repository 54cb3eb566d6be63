"""Build the course datasets from datasets/raw (python -m datasets.build)."""
