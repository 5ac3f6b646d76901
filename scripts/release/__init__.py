"""Records -> files: the tables' rows, the Parquet files, the card, the catalogs and the figure
of a release, and the safe handling of the folder it is written to. The only package that
imports `datasets` (features.py, for the card's Features)."""
