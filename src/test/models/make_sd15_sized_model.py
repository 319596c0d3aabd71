#!/usr/bin/python3
"""An ONNX Stable Diffusion folder with SD 1.5's architecture and sizes and random weights, for benchmarks.

A step costs the same whatever the weights' values (../shared/notes/benchmarking.md), so this folder measures
what real SD 1.5 costs on a machine without downloading it. The pictures it makes are noise. It is ~3.9 GB:
write it outside the repository.

    /usr/bin/python3 src/test/models/make_sd15_sized_model.py OUT_DIR [--tokenizer DIR]
    ./sandpaint benchmark --model OUT_DIR --size 256 --steps 10 --runs 2 --device cpu [--optimization ALL]

Sizes (parameters): UNet 4 levels 320/640/1280/1280, 2 residual blocks a level, a transformer (8 heads,
cross-attention to 768-wide text) at the first three levels, 3 residual blocks a level on the way up;
CLIP ViT-L/14-sized text encoder (768 wide, 12 layers, 12 heads); VAE decoder 512/512/256/128 with 3
residual blocks a level and attention in the middle. Blocks are the demo model's (models/demo/train/model.py),
which follow SD's, so the parameter counts land within a few percent of SD 1.5's.
Needs ~12 GB of memory and a few minutes (Debian: apt-get install python3-torch python3-onnx).
"""
import argparse
import os
import shutil
import sys

import onnx
import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "models", "demo", "train"))
from make_tiny_models import export, write_common  # noqa: E402
from model import (Attention, Config, ResBlock, SpatialTransformer, TextEncoder, Upsample, norm,  # noqa: E402
                   parameter_count, timestep_embedding, VOCAB, TOKENS)
from export import UnetWithScalarTimestep, TOKENIZER_FILES  # noqa: E402

CHANNELS = (320, 640, 1280, 1280)
TEXT_WIDTH = 768
HEADS = 8


class Sd15Unet(nn.Module):
    def __init__(self):
        super().__init__()
        c0 = CHANNELS[0]
        temb = 4 * c0
        self.time = nn.Sequential(nn.Linear(c0, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.conv_in = nn.Conv2d(4, c0, 3, padding=1)
        self.down = nn.ModuleList()
        self.downsample = nn.ModuleList()
        skips = [c0]
        prev = c0
        for level, c in enumerate(CHANNELS):
            with_attention = level < 3
            for _ in range(2):
                self.down.append(nn.ModuleList([ResBlock(prev, c, temb)]
                                               + ([SpatialTransformer(c, TEXT_WIDTH, HEADS)] if with_attention else [])))
                prev = c
                skips.append(c)
            if level < 3:
                self.downsample.append(nn.Conv2d(c, c, 3, stride=2, padding=1))
                skips.append(c)
        self.mid = nn.ModuleList([ResBlock(prev, prev, temb), SpatialTransformer(prev, TEXT_WIDTH, HEADS),
                                  ResBlock(prev, prev, temb)])
        self.up = nn.ModuleList()
        self.upsample = nn.ModuleList()
        for level, c in reversed(list(enumerate(CHANNELS))):
            with_attention = level < 3
            for _ in range(3):
                skip = skips.pop()
                self.up.append(nn.ModuleList([ResBlock(prev + skip, c, temb)]
                                             + ([SpatialTransformer(c, TEXT_WIDTH, HEADS)] if with_attention else [])))
                prev = c
            if level > 0:
                self.upsample.append(Upsample(c))
        self.norm_out, self.conv_out = norm(c0), nn.Conv2d(c0, 4, 3, padding=1)

    @staticmethod
    def run_block(block, h, emb, context):
        h = block[0](h, emb)
        return block[1](h, context) if len(block) > 1 else h

    def forward(self, sample, t, context):
        emb = self.time(timestep_embedding(t, CHANNELS[0]))
        h = self.conv_in(sample)
        skips = [h]
        blocks = iter(self.down)
        for level in range(4):
            for _ in range(2):
                h = self.run_block(next(blocks), h, emb, context)
                skips.append(h)
            if level < 3:
                h = self.downsample[level](h)
                skips.append(h)
        h = self.mid[2](self.mid[1](self.mid[0](h, emb), context), emb)
        blocks = iter(self.up)
        for level in range(4):
            for _ in range(3):
                h = self.run_block(next(blocks), torch.cat([h, skips.pop()], 1), emb, context)
            if level < 3:
                h = self.upsample[level](h)
        return self.conv_out(F.silu(self.norm_out(h)))


class Sd15VaeDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        ch = (512, 512, 256, 128)
        self.conv_in = nn.Conv2d(4, ch[0], 3, padding=1)
        self.mid1, self.mid_norm = ResBlock(ch[0], ch[0]), norm(ch[0])
        self.mid_attn, self.mid2 = Attention(ch[0], ch[0], 1), ResBlock(ch[0], ch[0])
        blocks, prev = [], ch[0]
        for i, c in enumerate(ch):
            for _ in range(3):
                blocks.append(ResBlock(prev, c))
                prev = c
            if i < len(ch) - 1:
                blocks.append(Upsample(c))
        self.blocks = nn.Sequential(*blocks)
        self.norm_out, self.conv_out = norm(ch[-1]), nn.Conv2d(ch[-1], 3, 3, padding=1)

    def forward(self, latent_sample):
        x = self.mid1(self.conv_in(latent_sample))
        b, c, h, w = x.shape
        x = self.mid2(x + self.mid_attn(self.mid_norm(x).flatten(2).transpose(1, 2)).transpose(1, 2).reshape(b, c, h, w))
        return self.conv_out(F.silu(self.norm_out(self.blocks(x))))


def save_external(path):
    """One weight file beside the graph, as Optimum writes it (the exporter splits >2 GB models per tensor)."""
    folder = os.path.dirname(path)
    before = set(os.listdir(folder))
    model = onnx.load(path)
    for name in before - {"model.onnx"}:
        os.remove(os.path.join(folder, name))
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model.onnx_data", size_threshold=1024)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--tokenizer", default=os.path.join(ROOT, "..", "shared", "clip-tokenizer"))
    args = p.parse_args()
    out = os.path.abspath(args.out)
    torch.manual_seed(0)
    unet, decoder = Sd15Unet().eval(), Sd15VaeDecoder().eval()
    text = TextEncoder(Config(text_width=TEXT_WIDTH, text_layers=12, text_heads=12), range(VOCAB)).eval()
    for name, module, sd15 in (("UNet", unet, 859.5e6), ("text encoder", text, 123.1e6),
                               ("VAE decoder", decoder, 49.5e6)):
        count = parameter_count(module)
        print(f"{name}: {count / 1e6:.1f} M parameters (SD 1.5: {sd15 / 1e6:.1f} M)", flush=True)

    ids = torch.full((1, TOKENS), 49407, dtype=torch.int64)
    ids[:, 0] = 49406
    latents = torch.randn(2, 4, 32, 32)
    context = torch.randn(2, TOKENS, TEXT_WIDTH)
    export(text, (ids,), f"{out}/text_encoder/model.onnx", ["input_ids"], ["last_hidden_state", "pooler_output"],
           {"input_ids": {0: "batch", 1: "sequence"}})
    save_external(f"{out}/text_encoder/model.onnx")
    print("text encoder exported", flush=True)
    export(UnetWithScalarTimestep(unet), (latents, torch.tensor(500.0), context), f"{out}/unet/model.onnx",
           ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
           {"sample": {0: "batch", 2: "height", 3: "width"}, "encoder_hidden_states": {0: "batch", 1: "sequence"}})
    save_external(f"{out}/unet/model.onnx")
    print("UNet exported", flush=True)
    export(decoder, (latents[:1],), f"{out}/vae_decoder/model.onnx", ["latent_sample"], ["sample"],
           {"latent_sample": {0: "batch", 2: "height", 3: "width"}})
    print("VAE decoder exported", flush=True)
    write_folder_files(out, args.tokenizer)
    print(f"written {out}")


def write_folder_files(out, tokenizer):
    """Scheduler, model index, VAE scaling factor, and a real copy of the tokenizer (the folder stands alone)."""
    os.makedirs(os.path.join(out, "tokenizer"), exist_ok=True)
    for name in TOKENIZER_FILES:
        shutil.copy(os.path.join(tokenizer, name), os.path.join(out, "tokenizer", name))
    write_common(out, None, True)


if __name__ == "__main__":
    main()
