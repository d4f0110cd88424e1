"""A stored model is data: rebuilt from our own config, only its weights read; anything else is refused in one line."""
from __future__ import annotations

import subprocess
import sys

import pytest
import srsly

from annotator.core.errors import AnnotatorError
from annotator.services.suggestions import Suggester, load_project_model, run_suggest
from annotator.services.training import train_model
from annotator.storage import ProjectStore
from annotator.suggest.pipeline import ModelError, TrainingSettings, predict


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from tests.helpers.projects import make_labelled_project

    path = make_labelled_project(tmp_path_factory.mktemp("m") / "p.db", 14, done=12)
    with ProjectStore(path) as store:
        train_model(store, "alice", TrainingSettings(epochs=2))
        blob = bytes(store.db.execute("SELECT pipeline FROM suggestion_models").fetchone()[0])
    return path, blob


def _with_config(blob: bytes, old: str, new: str) -> bytes:
    stored = srsly.msgpack_loads(blob)
    assert old in stored["config"], old
    parts = srsly.msgpack_loads(stored["bytes"])
    parts["config.cfg"] = parts["config.cfg"].decode().replace(old, new).encode()
    return srsly.msgpack_dumps({"config": stored["config"].replace(old, new), "bytes": srsly.msgpack_dumps(parts)})


def _with_part(blob: bytes, name: str, change) -> bytes:
    stored = srsly.msgpack_loads(blob)
    parts = srsly.msgpack_loads(stored["bytes"])
    parts[name] = change(parts.get(name))
    return srsly.msgpack_dumps({"config": stored["config"], "bytes": srsly.msgpack_dumps(parts)})


def _catastrophic_tokenizer(data: bytes) -> bytes:
    rules = srsly.msgpack_loads(data)
    rules["token_match"] = "^(a+)+$"  # backtracks for ever on "aaaa...b"
    rules["prefix_search"] = "^((x|x)*)*y"
    return srsly.msgpack_dumps(rules)


CRAFTED_MODELS = {
    "source a component from a package": lambda b: _with_config(b, 'factory = "ner"', 'source = "en_core_web_sm"'),
    "source from a path": lambda b: _with_config(b, 'factory = "ner"', 'source = "/tmp/evil_pipeline"'),
    "another factory": lambda b: _with_config(b, 'factory = "ner"', 'factory = "entity_ruler"'),
    "a registered architecture": lambda b: _with_config(b, '@architectures = "spacy.TransitionBasedParser.v2"',
                                                        '@architectures = "evil.Arch.v1"'),
    "a creation callback": lambda b: _with_config(b, "after_creation = null",
                                                  'after_creation = {"@callbacks":"spacy.copy_from_base_model.v1",'
                                                  '"tokenizer":"/tmp/x","vocab":"/tmp/x"}'),
    "a vectors path": lambda b: _with_config(b, "vectors = null", 'vectors = "/etc"'),
    "another tokenizer": lambda b: _with_config(b, '@tokenizers = "spacy.Tokenizer.v1"', '@tokenizers = "evil.v1"'),
    "another language": lambda b: _with_config(b, 'lang = "en"', 'lang = "xx"'),
    "a config that does not parse": lambda b: _with_config(b, "[nlp]", "[nlp"),
    "tokenizer rules with catastrophic regexes": lambda b: _with_part(b, "tokenizer", _catastrophic_tokenizer),
    "a component of its own": lambda b: _with_part(b, "entity_ruler", lambda _: b"\x80"),
    "no weights": lambda b: _with_part(b, "ner", lambda _: None),
    "weights that do not fit": lambda b: _with_part(b, "ner", lambda _: srsly.msgpack_dumps({"model": b"\x00"})),
    "not msgpack": lambda b: b"\xc1" * 40,
    "a pickle": lambda b: b"\x80\x04\x95cos\nsystem\n(S'touch /tmp/pwned'\ntR.",
}


@pytest.mark.parametrize("case", CRAFTED_MODELS, ids=list(CRAFTED_MODELS))
def test_a_crafted_model_is_refused_in_one_line_and_the_other_sources_still_come(trained, tmp_path, case):
    path, blob = trained
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    with ProjectStore(copy) as store:
        store.db.execute("UPDATE suggestion_models SET pipeline = ?", (CRAFTED_MODELS[case](blob),))
        with pytest.raises(ModelError) as err:
            load_project_model(store)
        assert "\n" not in str(err.value) and ("refused" in str(err.value) or "cannot be read" in str(err.value))
        run = run_suggest(store, ("rules", "memory", "model"), [1, 2])
        assert run.per_source["rules"] > 0 and "model" not in run.per_source and run.model_problem
    assert "en_core_web_sm" not in sys.modules and "evil" not in " ".join(sys.modules)


@pytest.mark.parametrize("column, value", [("labels", "ACTOR, FIGURE"), ("labels", '[1, 2]'), ("scores", "NaN"),
                                           ("scores", "{"), ("documents", "'many'")])
def test_metadata_columns_that_are_not_what_we_write_are_one_line(trained, tmp_path, column, value):
    path, _ = trained
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    with ProjectStore(copy) as store:
        store.db.execute(f"UPDATE suggestion_models SET {column} = ?" if column != "documents"
                         else f"UPDATE suggestion_models SET {column} = {value}", (value,) if column != "documents" else ())
        with pytest.raises(AnnotatorError, match="metadata") as err:
            Suggester(store, ["model"])
        assert "\n" not in str(err.value)


def test_a_model_predicting_labels_our_table_lacks_is_refused(trained):
    from annotator.suggest.pipeline import load_pipeline, spacy_version

    _, blob = trained
    with pytest.raises(ModelError, match="LOCATION"):
        load_pipeline(blob, spacy_version(), ["ACTOR", "ATTRIBUTION", "FIGURE"])


def test_our_own_model_loads_and_predicts_as_it_was_trained(trained):
    path, _ = trained
    with ProjectStore(path) as store:
        nlp = load_project_model(store)
        doc = next(store.iter_documents())
        found = predict(nlp, [doc.text])[0]
    assert {s.label for s in found} <= {"ACTOR", "ATTRIBUTION", "FIGURE", "LOCATION"}
    assert nlp.pipe_names == ["ner"] and nlp.lang == "en"


def test_the_cli_says_why_model_suggestions_did_not_come_and_stores_the_rest(trained, tmp_path):
    path, blob = trained
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    with ProjectStore(copy) as store:
        store.db.execute("UPDATE suggestion_models SET pipeline = ?", (CRAFTED_MODELS["another factory"](blob),))
    done = subprocess.run([sys.executable, "-m", "annotator", "--project", str(copy), "suggest", "--documents", "all"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "no model suggestions" in done.stderr and "refused" in done.stderr and "from rules" in done.stdout
