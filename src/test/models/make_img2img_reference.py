#!/usr/bin/python3
"""Reference latents for Sandpaint's img2img conformance test, computed in torch.

What diffusers' StableDiffusionImg2ImgPipeline does, written out step by step on the tiny networks of
make_tiny_models.py (the same weights as src/test/models/tiny-optimum), with torch's own generator:
  1. source picture -> [-1, 1] (x / 255 * 2 - 1), VAE encoder -> mean, logvar (clamped to [-30, 20]),
     posterior sample mean + exp(0.5 * logvar) * randn(generator)   <- first draw
  2. latents = sample * 0.18215; noise = randn(generator)            <- second draw
  3. DDIM timesteps (leading, steps_offset 1); init_timestep = min(int(steps * strength), steps),
     t_start = steps - init_timestep; latents = add_noise(latents, noise, timesteps[t_start])
  4. for t in timesteps[t_start:]: eps = unet([x, x], t, [uncond; cond]); guidance; DDIM step (eta 0)
Writes img2img_source.png (a synthetic 64x64 picture) and img2img_reference.json.

Run from the repository root: /usr/bin/python3 src/test/models/make_img2img_reference.py
"""
import json
import os

import numpy as np
import torch
from PIL import Image

from make_tiny_models import HERE, TOKENS, build_networks

SCALING = 0.18215
# "a red circle" and "" as CLIP ids: each word is one vocabulary entry (a</w> 320, red</w> 736,
# circle</w> 7117), BOS 49406, EOS 49407, padded with EOS.
PROMPT_IDS = [49406, 320, 736, 7117, 49407]
NEGATIVE_IDS = [49406, 49407]


def padded(ids):
    return torch.tensor([ids + [49407] * (TOKENS - len(ids))], dtype=torch.int64)


def source_picture():
    y, x = np.mgrid[0:64, 0:64]
    r = (x * 4) % 256
    g = (y * 4) % 256
    b = np.where((x - 32) ** 2 + (y - 28) ** 2 < 15 ** 2, 230, 40)
    return np.stack([r, g, b], -1).astype(np.uint8)


def ddim(acp, steps, strength):
    ratio = 1000 // steps
    timesteps = (np.arange(0, steps) * ratio).round()[::-1].astype(np.int64) + 1
    init_timestep = min(int(steps * strength), steps)
    return timesteps[steps - init_timestep:], ratio


def main():
    text, unet, _, enc_params, _ = build_networks()
    pixels = source_picture()
    Image.fromarray(pixels).save(os.path.join(HERE, "img2img_source.png"))

    betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=torch.float32) ** 2
    acp = torch.cumprod(1.0 - betas, dim=0)
    final_acp = acp[0]  # set_alpha_to_one False, as SD's config says

    cases = []
    with torch.no_grad():
        emb = torch.cat([text(padded(NEGATIVE_IDS))[0], text(padded(PROMPT_IDS))[0]])
        image = torch.from_numpy(pixels).float().permute(2, 0, 1)[None] / 255.0
        image = 2.0 * image - 1.0
        for seed, steps, strength, cfg in [(11, 10, 0.75, 7.5), (12, 8, 0.5, 5.0), (13, 6, 1.0, 7.0)]:
            g = torch.Generator().manual_seed(seed)
            moments = enc_params(image)
            mean, logvar = torch.chunk(moments, 2, dim=1)
            logvar = torch.clamp(logvar, -30.0, 20.0)
            std = torch.exp(0.5 * logvar)
            latents = (mean + std * torch.randn(mean.shape, generator=g)) * SCALING
            noise = torch.randn(latents.shape, generator=g)
            timesteps, ratio = ddim(acp, steps, strength)
            t0 = int(timesteps[0])
            x = acp[t0] ** 0.5 * latents + (1 - acp[t0]) ** 0.5 * noise
            for t in timesteps:
                t = int(t)
                out = unet(torch.cat([x, x]), torch.tensor(float(t)), emb)
                eps = out[:1] + cfg * (out[1:] - out[:1])
                prev = t - ratio
                a_t = acp[t]
                a_prev = acp[prev] if prev >= 0 else final_acp
                x0 = (x - (1 - a_t) ** 0.5 * eps) / a_t ** 0.5
                x = a_prev ** 0.5 * x0 + (1 - a_prev) ** 0.5 * eps
            cases.append({"seed": seed, "steps": steps, "strength": strength, "cfg": cfg, "sampler": "ddim",
                          "prompt": "a red circle", "negative": "", "width": 64, "height": 64,
                          "latents": [round(v, 7) for v in x.flatten().tolist()]})
    with open(os.path.join(HERE, "img2img_reference.json"), "w") as f:
        json.dump(cases, f)


if __name__ == "__main__":
    main()
