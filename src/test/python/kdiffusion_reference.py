"""Reference numbers from k-diffusion's own functions for the schedule types and the SDE samplers.

Needs Debian's torch and a k-diffusion checkout (github.com/crowsonkb/k-diffusion): set KDIFFUSION to the
folder holding k_diffusion/sampling.py and k_diffusion/external.py. Only those two files are loaded; the
imports they do not need here (scipy, torchsde, torchdiffeq, tqdm, k_diffusion.utils) are stubbed.
Writes src/test/resources/org/sandpaint/engine/scheduler/kdiffusion-schedules.json and kdiffusion-sde.json.
Run: KDIFFUSION=/path/to/k-diffusion /usr/bin/python3 src/test/python/kdiffusion_reference.py
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from kdiffusion_reference_loader import load_kdiffusion  # noqa: E402

sampling, external = load_kdiffusion(os.environ["KDIFFUSION"])
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "sandpaint", "engine", "scheduler")

# Stable Diffusion's training schedule as LDM builds it (float64 betas and cumprod, stored as float32),
# which is where the WebUI's model sigmas come from.
betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=torch.float64) ** 2
alphas_cumprod = torch.cumprod(1 - betas, 0).to(torch.float32)
model = external.DiscreteSchedule(((1 - alphas_cumprod) / alphas_cumprod) ** 0.5, quantize=False)
sigma_min, sigma_max = model.sigmas[0].item(), model.sigmas[-1].item()  # the WebUI's choice


def sgm_uniform(n):
    # The WebUI's sd_schedulers.sgm_uniform, re-expressed.
    start = model.sigma_to_t(torch.tensor(sigma_max))
    end = model.sigma_to_t(torch.tensor(sigma_min))
    return torch.tensor([model.t_to_sigma(t).item() for t in torch.linspace(start, end, n + 1)[:-1]] + [0.0])


def floats(t):
    return [float(v) for v in t.flatten().tolist()]


schedules = []
for n in (1, 3, 10, 25):
    entry = {"steps": n}
    for name, sigmas in (("uniform", model.get_sigmas(n)),
                         ("karras", sampling.get_sigmas_karras(n, sigma_min, sigma_max)),
                         ("exponential", sampling.get_sigmas_exponential(n, sigma_min, sigma_max)),
                         ("sgmUniform", sgm_uniform(n))):
        entry[name] = floats(sigmas)
        entry[name + "Timesteps"] = floats(model.sigma_to_t(sigmas[:-1]))
    schedules.append(entry)
with open(os.path.join(OUT, "kdiffusion-schedules.json"), "w") as f:
    json.dump({"sigmaMin": sigma_min, "sigmaMax": sigma_max, "schedules": schedules}, f, separators=(",", ":"))


# The SDE samplers on a small deterministic problem: x [2, 3, 4, 4] from the diffusers dummy sample, an
# eps model eps(x_in, sigma) = x_in * sigma / (sigma + 1) behind k-diffusion's eps wrapper, and noise from
# one torch CPU generator, one randn(x.shape) per noise_sampler call.
def dummy_sample():
    b, c, h, w = 2, 3, 4, 4
    n = b * c * h * w
    return (torch.arange(n, dtype=torch.float32).reshape(c, h, w, b).permute(3, 0, 1, 2) / n).contiguous()


def denoiser(x, sigma):
    s = sigma.reshape(-1, 1, 1, 1)
    x_in = x / (s ** 2 + 1) ** 0.5
    eps = x_in * s / (s + 1)
    return x - eps * s


sde = []
for function, schedule, steps, discard in (("sample_dpmpp_2m_sde", "exponential", 6, False),
                                           ("sample_dpmpp_2m_sde", "karras", 5, False),
                                           ("sample_dpmpp_3m_sde", "exponential", 7, True),
                                           ("sample_dpmpp_3m_sde", "karras", 4, True),
                                           ("sample_dpmpp_sde", "karras", 5, False),
                                           ("sample_dpmpp_sde", "exponential", 3, False)):
    n = steps + 1 if discard else steps
    sigmas = (sampling.get_sigmas_karras if schedule == "karras" else sampling.get_sigmas_exponential)(
        n, sigma_min, sigma_max)
    if discard:  # the WebUI's discard_next_to_last_sigma
        sigmas = torch.cat([sigmas[:-2], sigmas[-1:]])
    generator = torch.Generator().manual_seed(1234)
    x = dummy_sample() * sigmas[0]
    trajectory = []
    noise_sampler = lambda s, s_next: torch.randn(x.shape, generator=generator)
    result = getattr(sampling, function)(denoiser, x, sigmas, noise_sampler=noise_sampler,
                                         callback=lambda d: trajectory.append(floats(d["x"])[:8]))
    sde.append({"function": function, "schedule": schedule, "steps": steps, "sigmas": floats(sigmas),
                "trajectoryHeads": trajectory, "final": floats(result)})
with open(os.path.join(OUT, "kdiffusion-sde.json"), "w") as f:
    json.dump({"seed": 1234, "cases": sde}, f, separators=(",", ":"))
print("wrote", os.path.normpath(OUT))
