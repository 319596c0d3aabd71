"""Expected first noise of the WebUI's variation seeds ("Variation seed", "Seed resize from").

Re-expresses what the WebUI's ImageRNG.first() (modules/rng.py, RNG source CPU) does for one image,
with Debian's torch on the CPU generator, and writes
src/test/resources/org/sandpaint/engine/pipeline/variation-noise.json.
Run: /usr/bin/python3 src/test/python/variation_noise_reference.py
"""
import json
import os

import torch


def fresh(seed, shape):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


def slerp(t, a, b):
    # The WebUI normalises along dim 1 of the [C, H, W] tensor (the height), not over the whole tensor.
    an = a / torch.norm(a, dim=1, keepdim=True)
    bn = b / torch.norm(b, dim=1, keepdim=True)
    dot = (an * bn).sum(1)
    if dot.mean() > 0.9995:
        return a * t + b * (1 - t)
    omega = torch.acos(dot)
    so = torch.sin(omega)
    return (torch.sin((1.0 - t) * omega) / so).unsqueeze(1) * a + (torch.sin(t * omega) / so).unsqueeze(1) * b


def first_noise(shape, seed, subseed, strength, resize_w, resize_h):
    """The image's first noise and its generator afterwards."""
    generator = torch.Generator().manual_seed(seed)
    resized = resize_w > 0 and resize_h > 0
    drawn_shape = (shape[0], resize_h // 8, resize_w // 8) if resized else shape
    sub = fresh(subseed, drawn_shape) if strength != 0 else None
    noise = fresh(seed, drawn_shape) if drawn_shape != shape else torch.randn(shape, generator=generator)
    if sub is not None:
        noise = slerp(strength, noise, sub)
    if drawn_shape != shape:
        x = torch.randn(shape, generator=generator)
        dx = (shape[2] - drawn_shape[2]) // 2
        dy = (shape[1] - drawn_shape[1]) // 2
        w = drawn_shape[2] if dx >= 0 else drawn_shape[2] + 2 * dx
        h = drawn_shape[1] if dy >= 0 else drawn_shape[1] + 2 * dy
        tx, ty = max(dx, 0), max(dy, 0)
        sx, sy = max(-dx, 0), max(-dy, 0)
        x[:, ty:ty + h, tx:tx + w] = noise[:, sy:sy + h, sx:sx + w]
        noise = x
    return noise, generator


CASES = [
    # name, shape [C, h, w], seed, subseed, strength, resize from width, height (pixels)
    ("plain", (4, 5, 6), 42, 0, 0.0, 0, 0),
    ("variation", (4, 5, 6), 42, 7, 0.3, 0, 0),
    ("full-variation", (4, 5, 6), 42, 7, 1.0, 0, 0),
    ("same-seed", (4, 5, 6), 42, 42, 0.4, 0, 0),
    ("resize-wider-shorter", (4, 5, 6), 1234, 0, 0.0, 64, 24),
    ("resize-narrower-taller", (4, 5, 6), 1234, 0, 0.0, 24, 64),
    ("variation-and-resize", (4, 5, 6), 3000000000, 99, 0.5, 40, 72),
]

out = []
for name, shape, seed, subseed, strength, rw, rh in CASES:
    noise, generator = first_noise(shape, seed, subseed, strength, rw, rh)
    following = torch.randn(shape, generator=generator)  # the next draw from the image's generator
    out.append({
        "name": name, "shape": list(shape), "seed": seed, "subseed": subseed, "strength": strength,
        "resizeFromWidth": rw, "resizeFromHeight": rh,
        "noise": [float(v) for v in noise.flatten().tolist()],
        "next": [float(v) for v in following.flatten().tolist()],
    })

path = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "sandpaint", "engine", "pipeline",
                    "variation-noise.json")
with open(path, "w") as f:
    json.dump({"generator": "torch " + torch.__version__ + " CPU", "cases": out}, f, separators=(",", ":"))
print("wrote", os.path.normpath(path))
