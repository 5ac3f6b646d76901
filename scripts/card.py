"""The generated card: dataset/README.md = YAML metadata (huggingface_hub card data, with
`dataset_info` from the `datasets` library) + the body of CARD.md with its generated parts
(data dictionary, errata, counts) filled in from the schemas and the tables."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from . import schemas
from .release import parquet_path

CARD_MD = Path(__file__).resolve().parent.parent / "CARD.md"
PRETTY_NAME = "JD x WeChat shopping entry: expert commentary with speaker attribution"
LICENSE_NAME = "article-text-rights-reserved-annotations-cc-by-4.0"


def card_data(tables: dict, version: str, root: Path):
    from huggingface_hub import DatasetCardData

    from .features import dataset_infos

    data = DatasetCardData(
        language=["zh", "en"], license="other", pretty_name=PRETTY_NAME, size_categories=["n<1K"],
        task_categories=["token-classification", "text-classification"],
        tags=["chinese", "traditional-chinese", "news", "commentary", "quote-attribution", "speaker-attribution", "e-commerce"],
        annotations_creators=["machine-generated", "expert-generated"], language_creators=["found"],
        multilinguality=["monolingual"], source_datasets=["original"],
        license_name=LICENSE_NAME, license_link="LICENSE.md",
        language_details="zh-Hant (Traditional script, with some Simplified characters left by conversion); en (platform notice only)",
        version=version, configs=_configs(),
    )
    dataset_infos(tables, _sizes(root)).to_dataset_card_data(data)
    return data


def _configs() -> list[dict]:
    return [{"config_name": t, "data_files": [{"split": "train", "path": f"data/{t}/train-*.parquet"}],
             **({"default": True} if t == schemas.DEFAULT_CONFIG else {})} for t in schemas.TABLES]


def _sizes(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for t in schemas.TABLES:
        path = parquet_path(root, t)
        out[t] = (pq.read_table(path).nbytes, path.stat().st_size)
    return out


def write_card(root: Path, tables: dict, version: str) -> None:
    from huggingface_hub import DatasetCard

    body = render_body(CARD_MD.read_text(encoding="utf-8"), tables, version)
    card = DatasetCard(f"---\n{card_data(tables, version, root).to_yaml()}\n---\n\n{body}")
    (Path(root) / "README.md").write_text(str(card), encoding="utf-8")


def render_body(template: str, tables: dict, version: str) -> str:
    parts = {"version": version, "data-dictionary": data_dictionary(), "counts": counts(tables),
             "errata": errata_list(tables["errata"])}
    for name, text in parts.items():
        template = template.replace(f"<!-- generated:{name} -->", text)
    return template


def data_dictionary() -> str:
    out = []
    for t in schemas.TABLES:
        schema = schemas.load_schema(t)
        out += [f"### `{t}`", "", schema["description"], "",
                f"Primary key: `{', '.join(schema['x-primary-key'])}`.", "",
                "| column | type | meaning |", "| --- | --- | --- |"]
        for name, prop in schema["properties"].items():
            out.append(f"| `{name}` | {_type_name(prop)} | {prop['description'].replace('|', '/')} |")
        out.append("")
    return "\n".join(out).rstrip()


def _type_name(prop: dict) -> str:
    base = next(t for t in schemas.types_of(prop) if t != "null")
    if base == "array":
        base = f"list of {_type_name(prop['items'])}"
    elif base == "object":
        base = "struct {" + ", ".join(f"{k}: {_type_name(v)}" for k, v in prop["properties"].items()) + "}"
    return base + (" or null" if schemas.nullable(prop) else "")


def counts(tables: dict) -> str:
    rows = ["| config | rows |", "| --- | --- |"]
    rows += [f"| `{t}`{' (default)' if t == schemas.DEFAULT_CONFIG else ''} | {len(tables[t])} |" for t in schemas.TABLES]
    return "\n".join(rows)


def errata_list(errata: list[dict]) -> str:
    rows = ["| id | block | printed | suggested | kind | found by |", "| --- | --- | --- | --- | --- | --- |"]
    rows += [f"| {e['erratum_id']} | {e['block_id']} | {e['printed']} | {e['suggested']} | {e['kind']} | {e['detected_by']} |"
             for e in errata]
    return "\n".join(rows)
