"""Upload checks: type sniffed from the content (not the name), images opened by Pillow,
and a size cap that answers 413."""

from __future__ import annotations

import io
import random
import re

import pytest
from flask import Flask
from PIL import Image
from werkzeug.datastructures import FileStorage

from webapp.errors import PayloadTooLarge, ValidationFailed
from webapp.uploads import KINDS, Upload, read_upload

REFUSAL = KINDS["image"].refusal


def image_bytes(fmt: str, size: tuple[int, int] = (48, 32)) -> bytes:
    rng = random.Random(1234)
    noise = bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, noise).save(buffer, fmt)
    return buffer.getvalue()


def upload(data: bytes, filename: str = "picture.png", content_type: str = "image/png") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


@pytest.mark.parametrize(("fmt", "extension", "content_type"), [
    ("PNG", "png", "image/png"),
    ("JPEG", "jpg", "image/jpeg"),
    ("GIF", "gif", "image/gif"),
    ("WEBP", "webp", "image/webp"),
])
def test_images_are_accepted(app: Flask, fmt: str, extension: str, content_type: str) -> None:
    data = image_bytes(fmt)

    result = read_upload(upload(data, f"photo.{extension}", content_type), "image", "avatar")

    assert result == Upload(data=data, extension=extension, content_type=content_type,
                           filename=f"photo.{extension}")
    with Image.open(io.BytesIO(result.data)) as image:
        assert image.size == (48, 32)


def test_type_comes_from_content_not_from_name_or_declared_type(app: Flask) -> None:
    data = image_bytes("PNG")

    result = read_upload(upload(data, "holiday.jpg", "image/jpeg"), "image", "avatar")

    assert result.extension == "png"
    assert result.content_type == "image/png"
    assert result.random_name().endswith(".png")


def _refused(data: bytes, field: str = "avatar", **kwargs) -> ValidationFailed:  # noqa: ANN003
    with pytest.raises(ValidationFailed) as caught:
        read_upload(upload(data, **kwargs), "image", field)
    return caught.value


def test_text_renamed_to_png_is_refused(app: Flask) -> None:
    error = _refused(b"just some text, honestly an image\n" * 20, filename="cat.png")

    assert error.status == 400
    assert error.errors == {"avatar": [REFUSAL]}
    assert error.detail == REFUSAL


def test_refusal_names_the_submitted_field(app: Flask) -> None:
    error = _refused(b"plain text", field="attachment", filename="x.png")

    assert list(error.errors) == ["attachment"]


def test_pdf_is_refused(app: Flask) -> None:
    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
           b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

    error = _refused(pdf, filename="cv.png", content_type="image/png")

    assert error.status == 400
    assert error.errors == {"avatar": [REFUSAL]}


def test_svg_is_refused(app: Flask) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    error = _refused(svg, filename="logo.svg", content_type="image/svg+xml")

    assert error.errors == {"avatar": [REFUSAL]}


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_png_is_refused(app: Flask, cut: float) -> None:
    data = image_bytes("PNG")
    truncated = data[: int(len(data) * cut)]
    assert truncated.startswith(b"\x89PNG\r\n\x1a\n")

    error = _refused(truncated)

    assert error.errors == {"avatar": [REFUSAL]}


def test_png_with_corrupt_body_is_refused(app: Flask) -> None:
    data = bytearray(image_bytes("PNG"))
    data[60:260] = bytes(200)  # keep the signature and header, break the image data

    error = _refused(bytes(data))

    assert error.errors == {"avatar": [REFUSAL]}


def test_png_magic_followed_by_html_is_refused(app: Flask) -> None:
    polyglot = b"\x89PNG\r\n\x1a\n<html><script>alert(document.cookie)</script></html>"

    error = _refused(polyglot)

    assert error.errors == {"avatar": [REFUSAL]}


def test_empty_file_is_refused(app: Flask) -> None:
    error = _refused(b"")

    assert error.status == 400
    assert error.errors == {"avatar": ["The submitted file is empty."]}


def test_decompression_bomb_is_refused(app: Flask) -> None:
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")  # 100 megapixels, a few KB on disk
    assert len(buffer.getvalue()) < 1024 * 1024

    error = _refused(buffer.getvalue())

    assert error.errors == {"avatar": [REFUSAL]}


def _padded_png(total: int) -> bytes:
    data = image_bytes("PNG")
    return data + bytes(total - len(data))  # bytes after IEND are ignored by decoders


def test_file_larger_than_image_max_is_413(make_app) -> None:  # noqa: ANN001
    app = make_app(IMAGE_MAX_MB=1)
    with app.app_context(), pytest.raises(PayloadTooLarge) as caught:
        read_upload(upload(_padded_png(1024 * 1024 + 1)), "image", "avatar")

    assert caught.value.status == 413
    assert "avatar" in caught.value.detail
    assert "1 MB" in caught.value.detail


def test_file_of_exactly_image_max_is_accepted(make_app) -> None:  # noqa: ANN001
    app = make_app(IMAGE_MAX_MB=1)
    with app.app_context():
        result = read_upload(upload(_padded_png(1024 * 1024)), "image", "avatar")

    assert len(result.data) == 1024 * 1024
    assert result.extension == "png"


def test_size_limit_follows_setting(make_app) -> None:  # noqa: ANN001
    data = _padded_png(3 * 1024 * 1024)
    small, large = make_app(IMAGE_MAX_MB=2), make_app(IMAGE_MAX_MB=4)

    with small.app_context(), pytest.raises(PayloadTooLarge):
        read_upload(upload(data), "image", "avatar")
    with large.app_context():
        assert read_upload(upload(data), "image", "avatar").data == data


def test_random_name_is_unguessable_and_unique(app: Flask) -> None:
    result = read_upload(upload(image_bytes("GIF"), "holiday.gif", "image/gif"), "image", "avatar")

    names = [result.random_name() for _ in range(200)]

    assert len(set(names)) == len(names)
    for name in names:
        stem, dot, extension = name.rpartition(".")
        assert dot and extension == "gif"
        assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", stem), name  # >= 128 bits, URL- and path-safe
        assert "holiday" not in stem  # the client's file name is not reused


def test_truncated_jpeg_and_gif_are_refused(app):
    for fmt in ("JPEG", "GIF"):
        buffer = io.BytesIO()
        Image.effect_noise((64, 64), 50).convert("RGB" if fmt == "JPEG" else "P").save(buffer, fmt)
        data = buffer.getvalue()
        with pytest.raises(ValidationFailed):
            read_upload(FileStorage(io.BytesIO(data[: len(data) // 2]), "x.img"), "image", "avatar")
