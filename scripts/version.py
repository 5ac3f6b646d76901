"""The dataset version: one string, kept here only.

Semantic versioning for data: MAJOR when a column or table is removed, renamed or changes
meaning; MINOR when columns, tables or rows are added; PATCH when annotations are corrected.
"""
DATASET_VERSION = "1.0.0"
