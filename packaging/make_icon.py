"""Draws Sandpaint's icon: grains of sand that condense into a red circle on a dusk-coloured tile, the
picture coming out of noise. Writes packaging/icons/sandpaint.png (256 px), .ico (Windows) and the
PNG sizes a Linux desktop uses. Run with Debian's python3-pil: /usr/bin/python3 packaging/make_icon.py
"""
import math
import os
import random

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "icons")
S = 1024                                                  # drawn large, reduced for smooth edges


def tile():
    top, bottom = (38, 30, 74), (201, 96, 72)             # night blue to sunset orange
    img = Image.new("RGBA", (S, S))
    draw = ImageDraw.Draw(img)
    for y in range(S):
        t = y / (S - 1)
        draw.line([(0, y), (S, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)) + (255,))
    mask = Image.new("L", (S, S), 0)
    ImageDraw.Draw(mask).rounded_rectangle([32, 32, S - 32, S - 32], radius=190, fill=255)
    img.putalpha(mask)
    return img


def grains(img):
    """Sand: scattered far out, denser and redder towards the circle they form."""
    rng = random.Random(5)
    draw = ImageDraw.Draw(img)
    cx = cy = S / 2
    radius = S * 0.24
    for _ in range(700):
        angle = rng.uniform(0, 2 * math.pi)
        distance = radius * (0.75 + 0.95 * rng.random() ** 1.6)
        x, y = cx + distance * math.cos(angle), cy + distance * math.sin(angle)
        inside = distance < radius
        r = rng.uniform(6, 12) * (1.2 if inside else 1.0)
        fade = max(0.2, 1 - (distance - radius) / (0.8 * radius))
        colour = (232, 70, 52, 255) if inside else (250, 226, 170, int(255 * fade))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    draw.ellipse([cx - radius * 0.8, cy - radius * 0.8, cx + radius * 0.8, cy + radius * 0.8], fill=(232, 70, 52, 255))


def main():
    os.makedirs(OUT, exist_ok=True)
    img = tile()
    grains(img)
    icon = img.resize((256, 256), Image.LANCZOS)
    icon.save(os.path.join(OUT, "sandpaint.png"))
    for size in (16, 32, 48, 64, 128):
        img.resize((size, size), Image.LANCZOS).save(os.path.join(OUT, f"sandpaint-{size}.png"))
    icon.save(os.path.join(OUT, "sandpaint.ico"), sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print("icons in", OUT)


if __name__ == "__main__":
    main()
