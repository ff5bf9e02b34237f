"""Hand-over bundles: round trip, tampering refused, redaction by allow-list, merge or new."""

from __future__ import annotations

import io
import json
import warnings
import zipfile
from pathlib import Path

import pytest

from desktop.privacy import bundle
from desktop.privacy.handover import case_contents, import_bundle
from desktop.privacy.redact import ALLOWED, redact
from desktop.store import codec

from .conftest import FAST, add_case, case_data


def export(repo, case_id, **kwargs):
    return bundle.build(case_contents(repo, case_id, attach=kwargs.pop("attach", ())), **kwargs)


def stored_json(repo, case_id):
    stored = repo.get(case_id)
    by_index = {stored.event_ids.index(e): p for e, p in stored.notice_proofs.items()}
    return codec.case_json(stored.case_file, by_index)


def rezip(data: bytes, change) -> bytes:
    """The bundle with its members passed through `change(name, bytes) -> [(name, bytes)]`."""
    out = io.BytesIO()
    with (
        warnings.catch_warnings(),  # a duplicate name is what one test makes on purpose
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w") as dst,
    ):
        warnings.simplefilter("ignore")
        for info in src.infolist():
            for name, content in change(info.filename, src.read(info)):
                dst.writestr(name, content)
    return out.getvalue()


def test_round_trip_keeps_the_case_and_its_documents(repo, other_repo, tmp_path: Path):
    case_id = add_case(repo)
    letter = tmp_path / "notice.pdf"
    letter.write_bytes(b"%PDF-1.4 the notice")
    repo.record_document(case_id, "notice", "nl", letter.read_bytes(), "notice.pdf")
    data = export(repo, case_id, attach=[letter])
    opened = bundle.read(data)
    assert opened.case == stored_json(repo, case_id)
    assert [d.name for d in opened.documents] == ["notice.pdf"]
    done = import_bundle(other_repo, opened)
    assert stored_json(other_repo, done.case_id) == stored_json(repo, case_id)
    [record] = other_repo.documents(done.case_id)
    assert record.file_name == "notice.pdf"
    assert record.sha256 == repo.documents(case_id)[0].sha256


def test_a_recorded_document_is_found_by_its_sum_or_listed_as_missing(repo, tmp_path: Path):
    case_id = add_case(repo)
    repo.record_document(case_id, "notice", "nl", b"%PDF the real one", "brief.pdf")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "brief.pdf").write_bytes(b"%PDF edited since")
    contents = case_contents(repo, case_id, documents_dir=folder)
    assert contents.documents == []
    assert [m["reason"] for m in contents.missing] == ["not found"]
    (folder / "brief.pdf").write_bytes(b"%PDF the real one")
    contents = case_contents(repo, case_id, documents_dir=folder)
    assert [d.name for d in contents.documents] == ["brief.pdf"]
    manifest = bundle.read(bundle.build(contents)).manifest
    assert manifest["documents"][0]["file"] == "documents/brief.pdf"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda n, b: [(n, b.replace(b"2025-10-01", b"2025-10-02") if n == "case.json" else b)],
            id="a date in case.json changed",
        ),
        pytest.param(
            lambda n, b: [(n, b + b"x" if n.startswith("documents/") else b)],
            id="a document changed",
        ),
        pytest.param(
            lambda n, b: [(n, b)] + ([("documents/extra.pdf", b"!")] if n == "case.json" else []),
            id="a file added",
        ),
        pytest.param(
            lambda n, b: [] if n.startswith("documents/") else [(n, b)], id="a document removed"
        ),
        pytest.param(lambda n, b: [(n, b), (n, b)] if n == "case.json" else [(n, b)], id="twice"),
        pytest.param(lambda n, b: [] if n == "manifest.json" else [(n, b)], id="no manifest"),
    ],
)
def test_a_changed_bundle_is_refused_and_nothing_imported(repo, other_repo, tmp_path, change):
    case_id = add_case(repo)
    letter = tmp_path / "notice.pdf"
    letter.write_bytes(b"%PDF-1.4 the notice")
    data = export(repo, case_id, attach=[letter])
    tampered = rezip(data, change)
    with pytest.raises(bundle.BundleError):
        bundle.read(tampered)
    assert other_repo.count() == 0


def test_a_manifest_rewritten_to_match_is_caught_only_when_sealed(repo):
    """Sums catch a damaged or edited member; the seal catches an edit of anything at all."""
    data = export(repo, add_case(repo), passphrase="correct horse battery", cost=FAST)
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0x01
    with pytest.raises(bundle.BundleError, match="wrong passphrase, or the file was changed"):
        bundle.read(bytes(flipped), "correct horse battery")
    with pytest.raises(bundle.BundleError, match="wrong passphrase"):
        bundle.read(data, "Correct horse battery")
    with pytest.raises(bundle.BundleError, match="passphrase is needed"):
        bundle.read(data)
    assert bundle.read(data, "correct horse battery").sealed


def test_sealed_bundle_shows_nothing_personal_in_its_bytes(repo):
    data = export(repo, add_case(repo), passphrase="correct horse battery", cost=FAST)
    for text in ("Yılmazoğlu", "301 234 5678", "1988-04-12", "TRM-2025-017", "case.json"):
        assert text.encode("utf-8") not in data


def test_not_a_bundle_is_refused_in_words():
    for data, words in (
        (b"", "not a zip"),
        (b"PK\x03\x04garbage", "not a zip"),
        (b"TRMJSEAL\x09\x00\x02{}", "format 9"),
    ):
        with pytest.raises(bundle.BundleError, match=words):
            bundle.read(data, "x")


def test_a_member_name_outside_the_bundle_layout_is_refused(repo):
    data = export(repo, add_case(repo))

    def escape(name, content):
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest["files"].append({"name": "../../.bashrc", "size": 1, "sha256": "0" * 64})
            return [(name, json.dumps(manifest).encode())]
        return [(name, content)]

    with pytest.raises(bundle.BundleError, match="does not write"):
        bundle.read(rezip(data, escape))


# ------------------------------------------------------------------ redaction


def _paths(value, prefix=""):
    """Every key path of a JSON value, list indexes dropped: {"a": [{"b": 1}]} -> a, a.b."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from _paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from _paths(item, prefix)


def test_redaction_hands_over_only_allow_listed_fields(repo):
    case_id = add_case(repo)
    opened = bundle.read(export(repo, case_id, redacted=True))
    allowed = set(_paths(ALLOWED))
    assert set(_paths(opened.case)) <= allowed
    case = opened.case
    assert case["v_number"] == "V *** *** 5678"
    assert case["sponsor"]["v_number"].endswith("7777") and "999" not in case["sponsor"]["v_number"]
    assert case["family_members"][0]["v_number"] == "V *** *** 3333"
    text = json.dumps(case, ensure_ascii=False)
    for secret in ("anxious", "urgent", "1988-04-12", "Kerkstraat", "appendicitis", "2015-06-30"):
        assert secret not in text
    assert set(opened.left_out) == {
        "applicant.date_of_birth",
        "applicant.address",
        "co_applicants[0].date_of_birth",
        "notes",
        "tags",
        "family_members[0].date_of_birth",
        "events[0].excuse",
    }
    assert "v_number" in opened.masked
    assert case["applicant"]["name"] == "Şükrü Yılmazoğlu"  # who the case is about stays


def test_a_field_not_on_the_allow_list_is_left_out_even_if_new():
    data = case_data(favourite_colour="blue", applicant={"name": "A", "passport": "NX123"})
    result = redact(data)
    assert "favourite_colour" not in result.data
    assert "passport" not in result.data["applicant"]
    assert {"favourite_colour", "applicant.passport"} <= set(result.left_out)


def test_keep_hands_over_a_field_on_purpose():
    result = redact(case_data(), keep=["applicant.date_of_birth", "v_number"])
    assert result.data["applicant"]["date_of_birth"] == "1988-04-12"
    assert result.data["v_number"] == "V 301 234 5678"
    with pytest.raises(ValueError, match="cannot keep"):
        redact(case_data(), keep=["applicant.shoe_size"])


def test_redacted_bundle_carries_no_documents_but_lists_them(repo, tmp_path):
    case_id = add_case(repo)
    letter = tmp_path / "notice.pdf"
    letter.write_bytes("%PDF-1.4 Yılmazoğlu V 301 234 5678".encode())
    opened = bundle.read(export(repo, case_id, attach=[letter], redacted=True))
    assert opened.documents == ()
    assert [(d["name"], d["reason"]) for d in opened.manifest["documents"]] == [
        ("notice.pdf", "redacted")
    ]


# ------------------------------------------------------------------ import: merge or new


def test_import_never_overwrites_silently(repo):
    case_id = add_case(repo)
    opened = bundle.read(export(repo, case_id))
    with pytest.raises(bundle.BundleError, match=f"already has this case: case {case_id}"):
        import_bundle(repo, opened)
    assert repo.count() == 1
    assert import_bundle(repo, opened, as_new=True).case_id != case_id
    assert repo.count() == 2


def test_merging_a_redacted_bundle_loses_nothing_and_adds_its_events(repo, other_repo):
    case_id = add_case(repo)
    sent = case_data(events=[*case_data()["events"], {"type": "decision", "sent": "2026-05-04"}])
    sender_id = add_case(other_repo, sent)
    opened = bundle.read(export(other_repo, sender_id, redacted=True))
    before = stored_json(repo, case_id)
    done = import_bundle(repo, opened, merge_into=case_id)
    assert done.merged and done.case_id == case_id
    after = stored_json(repo, case_id)
    assert after["v_number"] == "V 301 234 5678"
    assert after["family_members"][0]["v_number"] == "V 111 222 3333"
    assert after["notes"] == before["notes"]
    assert after["applicant"] == before["applicant"]
    assert after["events"][:2] == before["events"]
    assert after["events"][2] == {"type": "decision", "sent": "2026-05-04"}
    assert any(entry.field.startswith("event ") for entry in repo.audit(case_id))
