"""Draws 60 pictures with the demo model's own data generator (models/demo/train/dataset.py) and writes
them with their labels, so the Java test that reads generated pictures (ShapeReading) is first checked
against pictures whose answer is known. Run: /usr/bin/python3 src/test/models/make_demo_scorer_pictures.py
"""
import json
import os
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "models", "demo", "train"))
import dataset  # noqa: E402

OUT = os.path.join(HERE, "demo-scorer")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(11)
    images, captions, labels = dataset.sample(rng, "test", 60)
    index = []
    for i, (image, text, lab) in enumerate(zip(images, captions, labels)):
        name = f"{i:02d}.png"
        Image.fromarray(image).save(os.path.join(OUT, name), optimize=True)
        index.append({"file": name, "caption": text, "colour": lab.colour, "shape": lab.shape, "size": lab.size,
                      "position": lab.position, "background": lab.background})
    with open(os.path.join(OUT, "labels.json"), "w") as f:
        json.dump(index, f, indent=1)
    print(f"{len(index)} pictures in {OUT}")


if __name__ == "__main__":
    main()
