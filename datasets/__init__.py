"""Shipped course tables (CSV + datapackage.json), installed as course_utils.datasets."""
