"""Files -> report: every check of a release folder, each with its codes (report.py).

Never imports the rules (`rules/`): whether a release is valid does not change when the lexicon
does.
"""
