"""The dataset version: one string, kept here only.

Semantic versioning for data: MAJOR when a column or table is removed, renamed or changes
meaning; MINOR when columns, tables or rows are added; PATCH when annotations are corrected.
"""
DATASET_VERSION = "2.0.0"
# The day this version was cut, set by hand with the version (never the build's clock, so that
# two builds stay byte-identical); CHANGELOG.md's heading for the version carries the same date.
RELEASE_DATE = "2026-12-02"
