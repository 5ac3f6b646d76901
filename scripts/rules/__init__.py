"""Text -> records: the rules that read an article (blocks, sections, statements, speakers).

Pure steps: they take strings and records and return records; they never open a file and never
import pyarrow or datasets. The lexicon (`lexicon.py`) is their data.
"""
