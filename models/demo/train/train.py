#!/usr/bin/python3
"""Trains the demo model on CPU, in two stages, each within a time budget.

Stage "vae": the autoencoder alone (64x64x3 <-> 8x8x4): L1 + MSE reconstruction and a small KL term
towards N(0, 1). At the end it measures the latents' standard deviation: the scaling factor is 1/std, so
that scaled latents have unit variance as the noise schedule assumes (SD 1.x's 0.18215 is the same idea).

Stage "unet": latent diffusion as Stable Diffusion was trained. A pool of training pictures is drawn and
encoded once with the frozen VAE (mean and logvar kept, a fresh latent sampled from them at every use).
Each step: take pictures, sample latents, multiply by the scaling factor, caption them (10% get the empty
prompt, for classifier-free guidance), sample timesteps uniformly from SD's 1000-step scaled_linear
schedule (betas 0.00085..0.012), add noise, predict the noise, MSE. The text encoder trains with the UNet,
from scratch. An exponential moving average of both is kept; export uses it.

Run from the repository root (see README.md beside this file):
    /usr/bin/python3 models/demo/train/train.py --stage all --vae-minutes 12 --unet-minutes 45
Checkpoints go to models/demo/train/checkpoints/ (vae.pt, unet.pt); running again resumes from them.
"""
import argparse
import copy
import math
import os
import sys
import time

OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread"
if os.path.isdir(OPENBLAS) and OPENBLAS not in os.environ.get("LD_LIBRARY_PATH", ""):
    # Debian's torch calls whatever libblas.so.3 the system points at, often the reference BLAS: its
    # linear layers run ~4x slower than with OpenBLAS. The loader reads LD_LIBRARY_PATH only at start-up,
    # so start again with it set. One OpenBLAS thread: torch's own 2 threads already fill the 2 cores.
    env = dict(os.environ, LD_LIBRARY_PATH=OPENBLAS + ":" + os.environ.get("LD_LIBRARY_PATH", ""),
               OPENBLAS_NUM_THREADS="1")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import dataset  # noqa: E402
from model import Config, TextEncoder, Unet, Vae, parameter_count  # noqa: E402
from tokenizer import ClipBpe, default_folder, BOS, EOS  # noqa: E402

TRAIN_STEPS = 1000


def alphas_cumprod():
    """SD's scaled_linear schedule: betas linear in sqrt space from 0.00085 to 0.012 over 1000 steps."""
    betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, TRAIN_STEPS, dtype=torch.float64) ** 2
    return torch.cumprod(1.0 - betas, 0).float()


def to_tensor(images):
    """uint8 [N, 64, 64, 3] -> float [N, 3, 64, 64] in [-1, 1], as the engine feeds the VAE encoder."""
    return torch.from_numpy(images).permute(0, 3, 1, 2).float() / 127.5 - 1.0


def to_uint8(x):
    return ((x.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()


def learning_rate(base, step, fraction, warmup=200):
    """Linear warm-up, then cosine decay to a tenth over the time budget (fraction = budget used)."""
    return base * min(1.0, (step + 1) / warmup) * (0.1 + 0.45 * (1 + math.cos(math.pi * min(fraction, 1.0))))


def known_token_ids(bpe):
    """Every CLIP id a caption can contain, plus BOS and EOS: the rows the text encoder learns."""
    ids = {BOS, EOS}
    for word in dataset.caption_words():
        ids.update(bpe.encode(word)[1:-1])
    return sorted(ids)


class Timer:
    """Seconds per step over the last logging interval, for planning runs."""

    def __init__(self):
        self.start = self.mark = time.time()
        self.steps = 0

    def elapsed(self):
        return time.time() - self.start

    def per_step(self, steps):
        now = time.time()
        value = (now - self.mark) / max(steps - self.steps, 1)
        self.mark, self.steps = now, steps
        return value


def save(path, state):
    torch.save(state, path + ".tmp")
    os.replace(path + ".tmp", path)                 # never leave a half-written checkpoint


def save_grid(path, rows):
    """rows: list of uint8 [N, 64, 64, 3] arrays of equal N -> one PNG, enlarged 2x."""
    grid = np.concatenate([np.concatenate(list(r), axis=1) for r in rows], axis=0)
    Image.fromarray(grid).resize((grid.shape[1] * 2, grid.shape[0] * 2), Image.NEAREST).save(path)


# ------------------------------------------------------------------------------------------ stage 1


def train_vae(args, config):
    path = os.path.join(args.checkpoints, "vae.pt")
    vae = Vae(config)
    opt = torch.optim.AdamW(vae.parameters(), lr=args.vae_lr, weight_decay=0.0)
    step = 0
    if os.path.exists(path):
        state = torch.load(path)
        vae.load_state_dict(state["vae"])
        opt.load_state_dict(state["optimizer"])
        step = state["step"]
        print(f"vae: resuming at step {step}")
    print(f"vae: {parameter_count(vae.encoder)} + {parameter_count(vae.decoder)} parameters, "
          f"batch {args.vae_batch}, {args.vae_minutes} minutes")
    rng = np.random.default_rng(args.seed + step)
    timer, budget, first = Timer(), args.vae_minutes * 60, step
    last_save = time.time()
    while timer.elapsed() < budget and step - first < args.max_steps:
        x = to_tensor(dataset.sample(rng, "train", args.vae_batch)[0])
        for group in opt.param_groups:
            group["lr"] = learning_rate(args.vae_lr, step, timer.elapsed() / budget)
        mean, logvar = Vae.split(vae.encoder(x))
        y = vae.decoder(mean + torch.randn_like(mean) * (0.5 * logvar).exp())
        rec = (y - x).abs().mean() + (y - x).pow(2).mean()
        kl = 0.5 * (mean.pow(2) + logvar.exp() - 1.0 - logvar).mean()
        loss = rec + args.kl_weight * kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(vae.parameters(), 1.0)
        opt.step()
        step += 1
        if step % args.log_every == 0:
            print(f"vae step {step}: rec {rec.item():.4f} kl {kl.item():.3f} "
                  f"{timer.per_step(step - first):.3f} s/step, {timer.elapsed() / 60:.1f} min", flush=True)
        if time.time() - last_save > args.save_minutes * 60:
            save(path, {"vae": vae.state_dict(), "optimizer": opt.state_dict(), "step": step,
                        "config": config.to_dict()})
            last_save = time.time()
    vae.eval()
    trained = timer.elapsed()
    factor, psnr = measure_vae(vae, np.random.default_rng(12345), args.checkpoints)
    print(f"vae: {step - first} steps in {trained / 60:.1f} min "
          f"({trained / max(step - first, 1):.3f} s/step); held-out PSNR {psnr:.1f} dB; "
          f"latent std {1 / factor:.3f} -> scaling factor {factor:.5f}")
    save(path, {"vae": vae.state_dict(), "optimizer": opt.state_dict(), "step": step,
                "config": config.to_dict(), "scaling_factor": factor})


@torch.no_grad()
def measure_vae(vae, rng, folder, count=1024):
    """Scaling factor (1 / std of sampled latents) and reconstruction PSNR, on held-out combinations;
    writes reconstructions.png (originals above reconstructions)."""
    images = dataset.sample(rng, "test", count)[0]
    x = to_tensor(images)
    mean, logvar = Vae.split(vae.encoder(x))
    z = mean + torch.randn_like(mean) * (0.5 * logvar).exp()
    y = vae.decoder(mean).clamp(-1, 1)
    mse = ((y - x) / 2).pow(2).mean().item()
    save_grid(os.path.join(folder, "reconstructions.png"), [images[:12], to_uint8(y[:12])])
    return 1.0 / z.std().item(), 10 * math.log10(1.0 / max(mse, 1e-10))


# ------------------------------------------------------------------------------------------ stage 2


@torch.no_grad()
def encode_pool(vae, rng, count):
    """count training pictures with their labels, encoded once: (mean, logvar, labels)."""
    means, logvars, labels = [], [], []
    for start in range(0, count, 256):
        n = min(256, count - start)
        images, _, labs = dataset.sample(rng, "train", n)
        mean, logvar = Vae.split(vae.encoder(to_tensor(images)))
        means.append(mean)
        logvars.append(logvar)
        labels.extend(labs)
    return torch.cat(means), torch.cat(logvars), labels


def token_batch(bpe, captions, rng, config, known):
    """[B, context_tokens] ids: the first positions of what the engine feeds (BOS, tokens, EOS, EOS...).
    5% of captions get one random word the model does not know, so that such words are ignored."""
    rows = []
    for text in captions:
        ids = bpe.ids(text)
        if rng.random() < 0.05:
            unknown = int(rng.integers(1000, 49000))
            while unknown in known:
                unknown = int(rng.integers(1000, 49000))
            where = int(rng.integers(1, ids.index(EOS) + 1))
            ids = (ids[:where] + [unknown] + ids[where:])[:77]
        rows.append(ids[: config.context_tokens])
    return torch.tensor(rows, dtype=torch.long)


def train_unet(args, config, bpe):
    vae_state = torch.load(os.path.join(args.checkpoints, "vae.pt"))
    if "scaling_factor" not in vae_state:
        raise SystemExit("vae.pt has no scaling factor yet: finish stage 'vae' first")
    config = Config.from_dict(vae_state["config"])
    vae = Vae(config)
    vae.load_state_dict(vae_state["vae"])
    vae.eval()
    factor = vae_state["scaling_factor"]

    path = os.path.join(args.checkpoints, "unet.pt")
    known = known_token_ids(bpe)
    text, unet = TextEncoder(config, known), Unet(config)
    params = list(text.parameters()) + list(unet.parameters())
    opt = torch.optim.AdamW(params, lr=args.unet_lr, weight_decay=0.01)
    step = 0
    if os.path.exists(path):
        state = torch.load(path)
        text.load_state_dict(state["text"])
        unet.load_state_dict(state["unet"])
        opt.load_state_dict(state["optimizer"])
        step = state["step"]
        ema_text, ema_unet = copy.deepcopy(text), copy.deepcopy(unet)
        ema_text.load_state_dict(state["ema_text"])
        ema_unet.load_state_dict(state["ema_unet"])
        print(f"unet: resuming at step {step}")
    else:
        ema_text, ema_unet = copy.deepcopy(text), copy.deepcopy(unet)
    for p in list(ema_text.parameters()) + list(ema_unet.parameters()):
        p.requires_grad_(False)
    print(f"unet: text encoder {parameter_count(text)} + unet {parameter_count(unet)} parameters, "
          f"{len(known)} known tokens, batch {args.unet_batch}, {args.unet_minutes} minutes")

    rng = np.random.default_rng(args.seed + 1 + step)
    started = time.time()
    means, logvars, labels = encode_pool(vae, rng, args.pool)
    print(f"unet: encoded a pool of {args.pool} pictures in {time.time() - started:.0f} s", flush=True)
    acp = alphas_cumprod()
    timer, budget, first = Timer(), args.unet_minutes * 60, step
    last_save = time.time()

    def checkpoint():
        save(path, {"text": text.state_dict(), "unet": unet.state_dict(), "ema_text": ema_text.state_dict(),
                    "ema_unet": ema_unet.state_dict(), "optimizer": opt.state_dict(), "step": step,
                    "config": config.to_dict(), "known_ids": known, "scaling_factor": factor})

    while timer.elapsed() < budget and step - first < args.max_steps:
        pick = torch.from_numpy(rng.integers(len(labels), size=args.unet_batch))
        z0 = (means[pick] + torch.randn_like(means[pick]) * (0.5 * logvars[pick]).exp()) * factor
        captions = ["" if rng.random() < args.caption_dropout else dataset.caption(labels[i], rng)
                    for i in pick.tolist()]
        ids = token_batch(bpe, captions, rng, config, known)
        t = torch.randint(0, TRAIN_STEPS, (args.unet_batch,))
        # Offset noise (a little noise shared by a whole channel) lets the model change a picture's mean
        # colour, which the flat backgrounds need; plain noise hides it at high timesteps.
        noise = torch.randn_like(z0) + args.noise_offset * torch.randn(z0.shape[0], z0.shape[1], 1, 1)
        a = acp[t][:, None, None, None]
        noisy = a.sqrt() * z0 + (1 - a).sqrt() * noise
        for group in opt.param_groups:
            group["lr"] = learning_rate(args.unet_lr, step, timer.elapsed() / budget)
        context, _ = text(ids)
        loss = F.mse_loss(unet(noisy, t.float(), context), noise)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        decay = min(args.ema, (1 + step) / (10 + step))
        with torch.no_grad():
            for ema, live in ((ema_text, text), (ema_unet, unet)):
                for pe, pl in zip(ema.parameters(), live.parameters()):
                    pe.mul_(decay).add_(pl.detach(), alpha=1 - decay)
        if step % args.log_every == 0:
            print(f"unet step {step}: loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.2e} "
                  f"{timer.per_step(step - first):.3f} s/step, {timer.elapsed() / 60:.1f} min", flush=True)
        if time.time() - last_save > args.save_minutes * 60:
            checkpoint()
            last_save = time.time()
    checkpoint()
    print(f"unet: {step - first} steps in {timer.elapsed() / 60:.1f} min "
          f"({timer.elapsed() / max(step - first, 1):.3f} s/step)")
    ema_text.eval()
    ema_unet.eval()
    preview(args, bpe, config, ema_text, ema_unet, vae, factor)


@torch.no_grad()
def generate(bpe, config, text, unet, vae, factor, prompts, seed=0, steps=20, guidance=5.0):
    """DDIM (eta 0, "leading" spacing with steps_offset 1, as SD's scheduler config) with classifier-free
    guidance: a quick look at what the model draws, independent of the engine."""
    acp = alphas_cumprod()
    gen = torch.Generator().manual_seed(seed)
    n = len(prompts)
    ids = torch.tensor([bpe.ids(p) for p in list(prompts) + [""] * n])
    context, _ = text(ids)
    z = torch.randn(n, config.latent_channels, 8, 8, generator=gen)
    timesteps = list(range(0, TRAIN_STEPS, TRAIN_STEPS // steps))[::-1]
    for i, t in enumerate(timesteps):
        t = t + 1
        eps = unet(torch.cat([z, z]), torch.full((2 * n,), float(t)), context)
        eps = eps[n:] + guidance * (eps[:n] - eps[n:])
        a = acp[t]
        a_prev = acp[timesteps[i + 1] + 1] if i + 1 < len(timesteps) else acp[0]
        x0 = (z - (1 - a).sqrt() * eps) / a.sqrt()
        z = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
    return to_uint8(vae.decoder(z / factor))


PREVIEW_PROMPTS = ("a red circle", "a blue square at the top left", "a small green triangle on a yellow background",
                   "a large yellow circle on black", "an orange square in the bottom right corner",
                   "a purple triangle at the top right on a white background")


def preview(args, bpe, config, text, unet, vae, factor):
    rows = [generate(bpe, config, text, unet, vae, factor, PREVIEW_PROMPTS, seed=s) for s in range(3)]
    out = os.path.join(args.checkpoints, "samples.png")
    save_grid(out, rows)
    print(f"unet: samples of {', '.join(repr(p) for p in PREVIEW_PROMPTS)} (3 seeds, one a row) in {out}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stage", choices=("vae", "unet", "all"), default="all")
    p.add_argument("--vae-minutes", type=float, default=12)
    p.add_argument("--unet-minutes", type=float, default=45)
    p.add_argument("--max-steps", type=int, default=1 << 30, help="stop a stage after this many steps")
    p.add_argument("--checkpoints", default=os.path.join(HERE, "checkpoints"))
    p.add_argument("--tokenizer", default=None, help="CLIP tokenizer folder (vocab.json, merges.txt)")
    p.add_argument("--vae-batch", type=int, default=32)
    p.add_argument("--vae-lr", type=float, default=1e-3)
    p.add_argument("--kl-weight", type=float, default=1e-4)
    p.add_argument("--unet-batch", type=int, default=64)
    p.add_argument("--unet-lr", type=float, default=5e-4)
    p.add_argument("--pool", type=int, default=20000, help="training pictures encoded for stage unet")
    p.add_argument("--caption-dropout", type=float, default=0.1)
    p.add_argument("--noise-offset", type=float, default=0.05)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log-every", type=int, default=50)
    p.add_argument("--save-minutes", type=float, default=5)
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.checkpoints, exist_ok=True)
    if not os.path.isdir(OPENBLAS):
        print("note: no OpenBLAS; if torch uses the reference BLAS, training is ~4x slower "
              "(apt-get install libopenblas0-pthread)", flush=True)
    bpe = ClipBpe(args.tokenizer or default_folder())
    if args.stage in ("vae", "all"):
        train_vae(args, Config())
    if args.stage in ("unet", "all"):
        train_unet(args, Config(), bpe)


if __name__ == "__main__":
    main()
