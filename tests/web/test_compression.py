"""Pages travel compressed to clients that accept it (a slow 3G phone), PDFs as they are; the icon is
served, cached long."""

from __future__ import annotations

import gzip

import brotli

from tests.support import local_path


def test_a_compressed_page_decodes_to_the_same_page_and_keeps_its_etag(client, issue):
    path = local_path(issue()["verify_url"])
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    as_gzip = client.get(path, headers={"Accept-Encoding": "gzip"})
    as_br = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert as_br.headers["Content-Encoding"] == "br"
    assert gzip.decompress(as_gzip.data) == plain.data
    assert brotli.decompress(as_br.data) == plain.data
    assert len(as_br.data) < len(plain.data) / 2
    for answer in (plain, as_gzip, as_br):
        assert "Accept-Encoding" in answer.headers["Vary"]
        assert answer.headers["ETag"] == plain.headers["ETag"]
    # Seen again, the page is the same bytes, compressed once and kept by their digest.
    assert client.get(path, headers={"Accept-Encoding": "br"}).data == as_br.data
    # A client that stored the compressed page revalidates it like any other.
    again = client.get(path, headers={"Accept-Encoding": "br", "If-None-Match": as_br.headers["ETag"]})
    assert again.status_code == 304


def test_json_answers_are_compressed_too_and_pdfs_are_not(client, issue):
    body = issue()
    code = body["code"]
    status = client.get("/api/v1/procedures?q=xe", headers={"Accept-Encoding": "gzip"})
    assert status.headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(status.data).startswith(b"{")
    # A PDF's streams are compressed already: gzip would save about 3 % for the time it costs.
    pdf = client.get(local_path(body["pdf_url"]), headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in pdf.headers and pdf.data.startswith(b"%PDF")
    assert (
        client.get(f"/tra-cuu/{code}", headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"
    )


def test_the_icon_is_served_and_cached_long_and_every_page_links_it(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.mimetype in {"image/vnd.microsoft.icon", "image/x-icon"}
    assert icon.data[:4] == b"\x00\x00\x01\x00" and len(icon.data) < 4096
    assert icon.cache_control.public and icon.cache_control.max_age >= 7 * 24 * 3600
    assert '<link rel="icon" href="/favicon.ico">' in client.get("/").get_data(as_text=True)


def test_a_static_script_is_compressed_and_its_file_closed(client):
    # filterwarnings = error: a file left open would fail this test with a ResourceWarning.
    script = client.get("/static/quet.js", headers={"Accept-Encoding": "gzip"})
    assert script.headers["Content-Encoding"] == "gzip"
    assert b"BarcodeDetector" in gzip.decompress(script.data)
