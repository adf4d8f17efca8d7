"""
Placeholder images for the demo site: portraits and logos showing initials.

Drawn with Pillow (no font files needed) and stored as Wagtail images in a "Demo"
collection. Each image is looked up by title first, so running the loader again adds nothing.
"""

import io
import zlib

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

COLLECTION_NAME = "Demo"

# Soft background colours, each with a darker shade of the same hue for the letters.
PALETTE = [
    ((252, 228, 214), (153, 72, 32)),
    ((220, 237, 222), (46, 106, 60)),
    ((222, 232, 247), (40, 76, 140)),
    ((243, 226, 240), (125, 50, 112)),
    ((250, 241, 205), (128, 98, 10)),
    ((216, 240, 240), (24, 104, 108)),
]


def initials(name):
    """'Anje Bechtel' → 'AB'."""
    words = name.split()
    return (words[0][0] + words[-1][0]).upper() if len(words) > 1 else name[:2].upper()


def _colours(text):
    # crc32, not hash(): the same name gets the same colour on every run.
    return PALETTE[zlib.crc32(text.encode()) % len(PALETTE)]


def _fitting_font(draw, text, max_width, size):
    """The default font at the largest size up to `size` at which `text` fits in `max_width`."""
    while True:
        font = ImageFont.load_default(size=size)
        left, _top, right, _bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= max_width or size <= 12:
            return font
        size = int(size * 0.9)


def _draw_initials(text, size, background, foreground, shape_colour=None):
    """A PNG of `size`×`size` pixels with `text` centred, optionally on a filled circle."""
    image = PillowImage.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    if shape_colour:
        margin = size // 12
        draw.ellipse((margin, margin, size - margin, size - margin), fill=shape_colour)
    font = _fitting_font(draw, text, max_width=size * 0.6, size=size * 2 // 5)
    draw.text((size / 2, size / 2), text, font=font, fill=foreground, anchor="mm")
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def portrait_png(name):
    """A square portrait placeholder: the person's initials on a soft colour."""
    background, foreground = _colours(name)
    return _draw_initials(initials(name), 800, background, foreground)


def logo_png(name, letters):
    """A square logo placeholder: the school's letters in white on a coloured circle."""
    _background, colour = _colours(name)
    return _draw_initials(letters, 400, (255, 255, 255), (255, 255, 255), shape_colour=colour)


def demo_collection():
    """The "Demo" collection, created under the root collection if needed."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    return collection or root.add_child(name=COLLECTION_NAME)


def get_or_create_image(title, filename, png, description=""):
    """
    The image with this title, or a new one made from `png` (bytes).

    Returns (image, created).
    """
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing, False
    image = image_model(
        title=title,
        description=description,
        file=ImageFile(io.BytesIO(png), name=filename),
        collection=demo_collection(),
        file_size=len(png),
        file_hash=hash_filelike(io.BytesIO(png)),
    )
    image.save()
    return image, True


def get_or_create_portrait(name, slug):
    return get_or_create_image(
        f"Portret {name} (demo)",
        f"demo-portret-{slug}.png",
        portrait_png(name),
        description=f"Voorbeeldportret met de initialen van {name}",
    )


def get_or_create_logo(name, letters, slug):
    return get_or_create_image(
        f"Logo {name} (demo)",
        f"demo-logo-{slug}.png",
        logo_png(name, letters),
        description=f"Voorbeeldlogo van {name}",
    )
