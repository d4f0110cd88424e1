"""INCEpTION / WebAnno TSV 3 in: named entities, a custom span layer, multi-token spans, relations, the text rebuilt."""
from __future__ import annotations

from annotator.services.importing import import_paths
from annotator.storage.relation_store import relations

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
TSV = "\n".join([
    "#FORMAT=WebAnno TSV 3.3",
    f"#T_SP={NE}|identifier|value",
    "#T_SP=webanno.custom.FIGURE|category",
    f"#T_RL=webanno.custom.Link|label|BT_{NE}",
    "#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceType|referenceRelation",
    "", "",
    "#Text=Syrian forces said 21 people died in Idlib.",
    "1-1\t0-6\tSyrian\t_\tACTOR[1]\t_\tSOURCE\t1-3[0_1]\t_\t_",
    "1-2\t7-13\tforces\t_\tACTOR[1]\t_\t_\t_\t_\t_",
    "1-3\t14-18\tsaid\t_\tATTRIBUTION\t_\t_\t_\t_\t_",
    "1-4\t19-21\t21\t_\t_\tkilled\tCLAIM\t1-3\t_\t_",
    "1-5\t22-28\tpeople\t_\t_\t_\t_\t_\t_\t_",
    "1-6\t29-33\tdied\t_\t_\t_\t_\t_\t_\t_",
    "1-7\t34-36\tin\t_\t_\t_\t_\t_\t_\t_",
    "1-8\t37-42\tIdlib\t_\tLOCATION\t_\t_\t_\tPRO\t_",
    "1-9\t42-43\t.\t_\t_\t_\t_\t_\t_\t_",
    "",
    "#Text=Rescuers arrived.",
    "2-1\t45-53\tRescuers\t_\tACTOR\t_\t_\t_\t_\t_",
    "2-2\t54-61\tarrived\t_\t_\t_\t_\t_\t_\t_",
    "2-3\t61-62\t.\t_\t_\t_\t_\t_\t_\t_",
    ""])


def test_a_webanno_tsv_file_is_one_document_with_its_spans_and_relations(store, write):
    path = write("doc.tsv", TSV)
    report = import_paths(store, [path], annotator="alice")
    assert not report.errors, report.errors
    (doc,) = list(store.iter_documents())
    assert doc.text == "Syrian forces said 21 people died in Idlib.\n\nRescuers arrived."
    spans = {s.id: (doc.text[s.start:s.end], s.label, dict(s.attrs).get("category")) for s in store.spans(doc.id, "alice")}
    assert sorted(spans.values()) == [("21", "FIGURE", "killed"), ("Idlib", "LOCATION", None),
                                      ("Rescuers", "ACTOR", None), ("Syrian forces", "ACTOR", None),
                                      ("said", "ATTRIBUTION", None)]
    # a relation row sits on its dependent (child) and names the governor (head) in the BT_ column
    got = [(spans[r.head_id][0], r.label, spans[r.child_id][0]) for r in relations(store, doc.id, "alice")]
    assert got == [("said", "SOURCE", "Syrian forces")]
    summary = report.summary()
    assert "1 WebAnno chain annotations" in summary  # the coreference column of Idlib
    assert "1 WebAnno relations whose ends are not spans read here" in summary  # CLAIM's child is in another layer


def test_a_uima_cas_json_file_is_named_for_what_it_is(store, write):
    path = write("doc.json", '{"%TYPES": {}, "%FEATURE_STRUCTURES": [{"%ID": 1, "%TYPE": "uima.cas.Sofa", '
                             '"sofaString": "UN said."}], "%VIEWS": {}}')
    report = import_paths(store, [path])
    assert report.errors == [f"{path}: is a UIMA CAS JSON file (INCEpTION's CAS export), which is not read here; "
                             "export the documents from INCEpTION as WebAnno TSV 3 and import those"]


def test_a_broken_row_refuses_its_file_in_one_line(store, write):
    path = write("bad.tsv", "#FORMAT=WebAnno TSV 3.3\n\n#Text=UN said.\nnot a row\n")
    other = write("good.txt", "UN said 21 died.")
    report = import_paths(store, [path, other])
    assert report.errors == [f"{path}:4: is not a token row ('SENT-TOKEN<TAB>BEGIN-END<TAB>TOKEN...'): 'not a row'"]
    assert store.document_count() == 1
