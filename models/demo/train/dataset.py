"""Synthetic pictures of one coloured shape, with captions, drawn by code.

Each picture is 64x64 RGB: a background colour and one shape (circle, square or triangle) of a colour, a
size and a position. Its Labels are kept next to the caption so that a generated picture can be scored
against what was asked.

Captions are unambiguous: an attribute may be left out of a caption only when it has its default value
(size "medium", position "center", background "white"), so "a red circle" always means a medium red circle
in the middle of a white picture, while "a small blue square at the top left on a yellow background" says
everything. Wording varies ("big"/"large", "in the top left corner"/"at the top left", ...) so the text
encoder learns meanings rather than one template.

Held-out split: a fixed tenth of all label combinations (chosen by a hash, so it never changes) is never
drawn for training; evaluation on them shows whether the model composes attributes it has seen apart.

Preview: /usr/bin/python3 models/demo/train/dataset.py /tmp/grid.png
"""
import hashlib
import itertools
import sys
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

SIZE = 64
SUPERSAMPLE = 4                      # drawn 4x larger, then reduced: smooth edges like a real picture

COLOURS = {
    "red": (220, 30, 35), "green": (35, 165, 60), "blue": (35, 75, 225), "yellow": (245, 215, 35),
    "white": (245, 245, 245), "black": (20, 20, 20), "purple": (135, 45, 175), "orange": (245, 135, 25),
}
SHAPES = ("circle", "square", "triangle")
# Half the shape's extent in pixels; "medium" is what a caption without a size word means.
SIZES = {"small": 7.0, "medium": 12.0, "large": 18.0}
POSITIONS = ("center", "top left", "top right", "bottom left", "bottom right")
DEFAULT = {"size": "medium", "position": "center", "background": "white"}
MARGIN = 4                           # pixels between a corner shape and the picture's edges
TEST_FRACTION = 0.1
DEFAULT_BIAS = 0.25              # chance of a default value before the uniform draw

# Words a caption may use for each value (the first is the plain one).
SIZE_WORDS = {"small": ("small", "little", "tiny"), "large": ("large", "big")}
POSITION_WORDS = {
    "center": ("in the center", "in the middle", "at the center", "in the centre"),
    "top left": ("at the top left", "in the top left corner", "in the top left", "in the upper left"),
    "top right": ("at the top right", "in the top right corner", "in the top right", "in the upper right"),
    "bottom left": ("at the bottom left", "in the bottom left corner", "in the bottom left",
                    "in the lower left"),
    "bottom right": ("at the bottom right", "in the bottom right corner", "in the bottom right",
                     "in the lower right"),
}


@dataclass(frozen=True)
class Labels:
    colour: str
    shape: str
    size: str
    position: str
    background: str

    def key(self):
        return f"{self.colour}|{self.shape}|{self.size}|{self.position}|{self.background}"


def all_labels():
    """Every combination; the background is never the shape's own colour (the shape would vanish)."""
    return [Labels(c, s, z, p, b) for c, s, z, p, b in
            itertools.product(COLOURS, SHAPES, SIZES, POSITIONS, COLOURS) if b != c]


def split_of(labels):
    """'test' for a fixed tenth of the combinations, by a hash of their names (stable across runs)."""
    digest = hashlib.md5(labels.key().encode()).digest()
    return "test" if digest[0] < 256 * TEST_FRACTION else "train"


def labels_of(split):
    return [lab for lab in all_labels() if split_of(lab) == split]


def render(labels, rng):
    """The picture for these labels, uint8 [64, 64, 3]; size, place and colours jitter a little."""
    s = SUPERSAMPLE
    jitter = lambda rgb: tuple(int(np.clip(v + rng.integers(-12, 13), 0, 255)) for v in rgb)
    image = Image.new("RGB", (SIZE * s, SIZE * s), jitter(COLOURS[labels.background]))
    half = SIZES[labels.size] * rng.uniform(0.9, 1.1)
    if labels.position == "center":
        cx = cy = SIZE / 2
    else:
        near, far = MARGIN + half, SIZE - MARGIN - half
        cy = near if labels.position.startswith("top") else far
        cx = near if labels.position.endswith("left") else far
    cx += rng.uniform(-2, 2)
    cy += rng.uniform(-2, 2)
    box = [(cx - half) * s, (cy - half) * s, (cx + half) * s, (cy + half) * s]
    fill = jitter(COLOURS[labels.colour])
    draw = ImageDraw.Draw(image)
    if labels.shape == "circle":
        draw.ellipse(box, fill=fill)
    elif labels.shape == "square":
        draw.rectangle(box, fill=fill)
    else:                                               # pointing up, as wide as it is high
        draw.polygon([(cx * s, box[1]), (box[2], box[3]), (box[0], box[3])], fill=fill)
    return np.asarray(image.resize((SIZE, SIZE), Image.BOX))


def caption(labels, rng):
    """A natural caption for these labels; defaults are left out half of the time."""
    def pick(options):
        return options[rng.integers(len(options))]

    size = "" if labels.size == "medium" else pick(SIZE_WORDS[labels.size]) + " "
    noun = f"{size}{labels.colour} {labels.shape}"
    article = "an" if noun[0] in "aeiou" else "a"      # "an orange square", "a small orange square"
    if rng.random() < 0.1:
        article = ""                                    # "red circle" alone is a fine prompt too
    thing = f"{article} {noun}".strip()
    say_position = labels.position != DEFAULT["position"] or rng.random() < 0.5
    if say_position:
        thing += " " + pick(POSITION_WORDS[labels.position])
    if labels.background == DEFAULT["background"] and rng.random() < 0.5:
        return thing
    background = labels.background
    a = "an" if background[0] in "aeiou" else "a"
    return pick((f"{thing} on {a} {background} background",
                 f"{thing} on {background}",
                 f"{thing}, {background} background",
                 f"{a} {background} background with {thing}"))


def draw_labels(rng, split="train"):
    """Random labels from the split. Default values are drawn more often than the others, because the
    shortest prompts ("a red circle") ask for them."""
    def pick(values, default=None):
        values = list(values)
        if default is not None and rng.random() < DEFAULT_BIAS:
            return default
        return values[rng.integers(len(values))]

    while True:
        lab = Labels(pick(COLOURS), pick(SHAPES), pick(SIZES, DEFAULT["size"]),
                     pick(POSITIONS, DEFAULT["position"]), pick(COLOURS, DEFAULT["background"]))
        if lab.background != lab.colour and split_of(lab) == split:
            return lab


def sample(rng, split="train", n=1):
    """n pictures of combinations from the split: (uint8 [n, 64, 64, 3], captions, labels)."""
    labels = [draw_labels(rng, split) for _ in range(n)]
    images = np.stack([render(lab, rng) for lab in labels])
    return images, [caption(lab, rng) for lab in labels], labels


def caption_words():
    """Every word a caption can contain (the text encoder only needs rows for these)."""
    words = set(COLOURS) | set(SHAPES) | {"a", "an", "on", "background", "with", ","}
    for options in list(SIZE_WORDS.values()) + list(POSITION_WORDS.values()):
        for phrase in options:
            words.update(phrase.split())
    return sorted(words)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/demo-dataset.png"
    rng = np.random.default_rng(0)
    images, captions, _ = sample(rng, n=48)
    grid = images.reshape(6, 8, SIZE, SIZE, 3).transpose(0, 2, 1, 3, 4).reshape(6 * SIZE, 8 * SIZE, 3)
    Image.fromarray(grid).resize((8 * SIZE * 2, 6 * SIZE * 2), Image.NEAREST).save(out)
    for i, text in enumerate(captions):
        print(f"{i // 8},{i % 8}: {text}")
    total, test = len(all_labels()), len(labels_of("test"))
    print(f"{total} combinations, {test} held out for test; grid in {out}")
