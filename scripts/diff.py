"""Placeholder: the diff command lands with its issue."""
EXAMPLE = None


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    print("diff: not implemented yet")
    return 2
