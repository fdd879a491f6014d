"""Small copies of the findings' photos for the closing report (page and PDF; decision 0041).

The photos are private (`PRIVATE_MEDIA_ROOT`, served only through `walks:photo`), so WeasyPrint
cannot fetch them by URL: the report embeds a thumbnail as a data URI instead. A thumbnail is
made once per photo (cached by the photo's file name, which is new for every upload), turned
upright by its EXIF orientation and re-encoded as JPEG, which drops every EXIF field (a phone's
GPS position included). A file Pillow cannot read, or one beyond its pixel limit, gives none."""

import base64
import io

from django.core.cache import cache

SIZE = (480, 360)
CACHE_SECONDS = 24 * 60 * 60


def make(data: bytes) -> tuple[bytes, int, int] | None:
    """(JPEG bytes, width, height) of a thumbnail of the image `data`, or None."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", SIZE)  # JPEG: decode at a fraction of the size
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail(SIZE)
            out = io.BytesIO()
            upright.convert("RGB").save(out, "JPEG", quality=70, optimize=True)
            return out.getvalue(), upright.width, upright.height
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def data_uri(finding) -> dict | None:
    """{"src": data URI, "width", "height"} of the finding's photo, or None (no photo, a file
    gone missing or unreadable)."""
    if not finding.photo:
        return None
    key = f"walks:thumb:{finding.photo.name}"
    found = cache.get(key)
    if found is None:
        try:
            with finding.photo.open("rb") as handle:
                made = make(handle.read())
        except FileNotFoundError:
            made = None
        found = (
            {
                "src": "data:image/jpeg;base64," + base64.b64encode(made[0]).decode("ascii"),
                "width": made[1],
                "height": made[2],
            }
            if made
            else {}
        )
        cache.set(key, found, CACHE_SECONDS)
    return found or None
