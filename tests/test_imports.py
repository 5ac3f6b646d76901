"""Speed rules from the 1.0.0 issue that a benchmark cannot guard: what each command imports."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import DATASET, ROOT


def _imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return set(out.split())


def test_validate_imports_neither_datasets_nor_pandas():
    code = f"from jd_wechat_commentary.cli import main\nassert main(['validate', {str(DATASET)!r}]) == 0"
    assert _imported_after(code).isdisjoint({"datasets", "pandas", "polars", "pypinyin", "huggingface_hub"})


def test_only_features_py_imports_datasets():
    """And corpus/hf.py, which reads an `hf:` corpus input with it (inside a function: a corpus
    of other inputs never imports it, see the next test)."""
    importers = [p.relative_to(ROOT / "scripts").as_posix() for p in sorted((ROOT / "scripts").rglob("*.py"))
                 if re.search(r"^\s*(from datasets|import datasets)\b", p.read_text(encoding="utf-8"), re.M)]
    assert importers == ["corpus/hf.py", "release/features.py"]


def test_a_corpus_of_text_files_imports_neither_datasets_nor_pandas(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("張三表示，計劃可行。", encoding="utf-8")
    code = ("from jd_wechat_commentary.corpus import build_corpus\n"
            f"assert build_corpus({str(tmp_path / 'in')!r}, {str(tmp_path / 'out')!r}, validate=False)[0]['articles']['built'] == 1")
    assert _imported_after(code).isdisjoint({"datasets", "polars"})


def test_validate_imports_nothing_from_rules():
    """Whether a release is valid must not change when the rules' lexicon does (issue 10)."""
    code = f"from jd_wechat_commentary.validate.run import validate_release\nassert validate_release({str(DATASET)!r}).valid"
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    assert [m for m in out if m.startswith("jd_wechat_commentary.rules")] == []


def test_every_form_of_address_the_rules_print_is_one_a_release_may_print():
    from jd_wechat_commentary.rules import lexicon
    from jd_wechat_commentary.validate.consistency import ADDRESSES

    used = set(lexicon.FORMS_OF_ADDRESS) | set(lexicon.NEWS_ADDRESSES) | {"發言人", "发言人"}
    assert used <= set(ADDRESSES), sorted(used - set(ADDRESSES))
