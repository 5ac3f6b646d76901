"""`corpus build` and `corpus validate`: many articles, one sharded release, on datatrove.

The command is command.py; the pipeline's steps (steps.py) run the rules of `build --source` on
each article (input.py, hf.py read the inputs); release.py numbers the shards and writes the card
(card.py), catalogs (catalog.py) and summary (summary.py); validate.py streams the checks shard by
shard (keys.py: primary keys across shards); diff.py and publish.py serve the top-level commands.
"""
from .command import EXAMPLE, add_arguments, build_corpus, prepare_pipeline, run  # noqa: F401  the command's interface
