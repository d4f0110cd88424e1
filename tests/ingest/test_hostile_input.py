"""Hostile article files: each problem is one line naming the file or record, and the rest imports."""
from __future__ import annotations

import codecs
import json
import os
import threading

import pytest

from annotator.core.errors import InputError
from annotator.ingest.decode import decode_bytes
from annotator.ingest.readers import read_file
from annotator.services.importing import import_paths

LABELS = {"ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"}

# Real sentences as legacy files carry them (Polish, Czech, Croatian in cp1250; Turkish in cp1254;
# short Cyrillic in cp1251), with the Western ones that must still read as cp1252.
LEGACY = [
    ("cp1250", "Według ministerstwa obrony w wyniku ostrzału zginęło dwóch żołnierzy, a łącznie rannych "
               "zostało jedenaście osób."),
    ("cp1250", "Zginęło dwóch żołnierzy."),
    ("cp1250", "Podle ministerstva obrany při útoku zahynulo pět vojáků a dalších dvanáct bylo zraněno."),
    ("cp1250", "Při útoku zahynulo pět vojáků."),
    ("cp1250", "Prema izvješću policije, u napadu su ubijena četiri civila, a ozlijeđeno je još šest osoba."),
    ("cp1250", "Ubijena četiri civila, ozlijeđeno šest."),
    ("cp1254", "Suriye'nin kuzeyindeki çatışmalarda en az 12 sivil hayatını kaybetti, yüzlerce kişi göç etmek "
               "zorunda kaldı."),
    ("cp1254", "Çatışmada 12 kişi öldü."),
    ("cp1254", "İdlib'de saldırı: 3 ölü"),
    ("cp1251", "Обстрел Харькова"),
    ("cp1251", "Погибли 12 человек."),
    ("cp1251", "Загинули двоє людей."),
    ("cp1253", "Σύμφωνα με την αστυνομία, δύο άνθρωποι σκοτώθηκαν."),
    ("cp1252", "Les réfugiés ont fui la ville à l'aube, a déclaré l'ONU."),
    ("cp1252", "Près de 300 personnes ont été évacuées, selon la Croix-Rouge."),
    ("cp1252", "Flüchtlinge überquerten am Donnerstag die Grenze, teilte das Außenministerium mit."),
    ("cp1252", "España envió ayuda a la población afectada en Alepo, según el ministerio."),
    ("cp1252", "Enligt FN har tusentals människor flytt från området."),
]


@pytest.mark.parametrize("encoding, text", LEGACY, ids=[f"{e}-{t[:12]}" for e, t in LEGACY])
def test_legacy_code_pages_decode_to_the_real_sentence(encoding, text):
    assert decode_bytes(text.encode(encoding), "a.txt") == text


def test_bytes_no_language_explains_are_refused_not_stored_as_mojibake():
    with pytest.raises(InputError, match="reads as no single language") as info:
        decode_bytes(b"Shelling x\xa4\xa6\xacz and \xb6\xb1m", "odd.txt")  # symbols inside words in every page
    assert str(info.value).startswith("odd.txt: ") and "\n" not in str(info.value)


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf32_with_a_bom_is_text_not_nuls(bom, encoding):
    text = "Обстрел Харькова: 12 погибших"
    assert decode_bytes(bom + text.encode(encoding), "u32.txt") == text


def test_a_nul_byte_after_the_first_8_kib_is_refused():
    with pytest.raises(InputError, match="NUL"):
        decode_bytes(b"Shelling in Idlib. " * 1000 + b"\x00tail", "late.txt")


def test_a_nul_inside_utf16_is_refused():
    with pytest.raises(InputError, match="NUL"):
        decode_bytes("ab\x00cd".encode("utf-16"), "nul16.txt")


def jsonl(write, name, lines):
    return write(name, "\n".join(lines) + "\n")


HOSTILE_RECORDS = {
    "NaN": '{"text": "Shelling in Idlib.", "score": NaN}',
    "Infinity": '{"text": "Shelling in Idlib.", "meta": {"x": -Infinity}}',
    "huge float": '{"text": "Shelling in Idlib.", "x": 1e999}',
    "lone surrogate": '{"text": "Shelling \\ud800 in Idlib."}',
    "surrogate in metadata": '{"text": "Shelling in Idlib.", "title": "\\udfff"}',
    "100,000 deep": '{"text": "Shelling in Idlib.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "5,000 digits": '{"text": "Shelling in Idlib.", "x": ' + "7" * 5000 + "}",
    "end true": '{"text": "Shelling in Idlib.", "spans": [{"start": 0, "end": true, "label": "ACTOR"}]}',
    "start false": '{"text": "Shelling in Idlib.", "label": [[false, 3, "ACTOR"]]}',
}


@pytest.mark.parametrize("case", HOSTILE_RECORDS, ids=list(HOSTILE_RECORDS))
def test_a_hostile_record_is_one_line_and_the_rest_of_the_file_imports(write, case):
    good = json.dumps({"text": "Rebels said 21 civilians were killed.", "spans": [
        {"start": 0, "end": 6, "label": "ACTOR"}]})
    path = jsonl(write, "mixed.jsonl", [good, HOSTILE_RECORDS[case], good.replace("21", "22")])
    result = read_file(path, LABELS, "alice")
    assert [a.text[:20] for a in result.articles] == ["Rebels said 21 civil", "Rebels said 22 civil"]
    [error] = result.errors
    assert error.startswith(f"{path}:2") and "\n" not in error and len(error) < 300


def test_records_split_on_newline_only_not_on_unicode_line_breaks(write):
    """doccano and others write U+2028, U+2029, U+0085 raw inside strings: valid JSON Lines."""
    texts = ["Para one.\u2028Para two said UN.", "Line\u2029sep", "Next\u0085line", "Form\x0cfeed"]
    path = jsonl(write, "doccano.jsonl", [json.dumps({"text": t, "label": [[0, 4, "ACTOR"]]}, ensure_ascii=False)
                                         for t in texts])
    result = read_file(path, LABELS, "alice")
    assert result.errors == []
    assert [a.text for a in result.articles] == texts


def test_a_json_array_with_nan_is_refused_in_one_line(write):
    path = write("arr.json", '[{"text": "One."}, {"text": "Two.", "x": NaN}]')
    [error] = read_file(path, LABELS, None).errors
    assert "NaN" in error and str(path) in error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_is_refused_not_waited_on_and_the_folder_imports(store, write, tmp_path):
    write("good.txt", "Shelling in Idlib\n\nThe UN said 12 people died.")
    os.mkfifo(write.folder / "pipe.txt")
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(report=import_paths(store, [write.folder])), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # a hang: unblock the reader so the test run can end, then fail
        with open(write.folder / "pipe.txt", "wb"):
            pass
        pytest.fail("import hung on a FIFO")
    report = outcome["report"]
    assert report.documents_added == 1
    assert [e for e in report.errors if "pipe.txt" in e] == [f"{write.folder / 'pipe.txt'}: is a FIFO, not an article file"]


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,
    '[{"text": "One.", "x": ' + "9" * 5000 + "}]",
    '[{"text": "One.", "x": -Infinity}]',
    '{"text": "One \\udc00 two."}',
], ids=["100,000 deep", "5,000 digits", "-Infinity", "lone surrogate"])
def test_a_hostile_json_file_is_one_line_and_the_rest_of_the_batch_imports(store, write, body):
    write("good.txt", "Shelling in Idlib\n\nThe UN said 12 people died.")
    bad = write("bad.json", body)
    report = import_paths(store, [write.folder])
    assert report.documents_added == 1
    [error] = report.errors
    assert error.startswith(f"{bad}: ") and "\n" not in error and len(error) < 300
