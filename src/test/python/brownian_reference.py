"""Reference numbers for the WebUI's SDE noise: k-diffusion's BrownianTreeNoiseSampler on torchsde's
BrownianTree (BrownianInterval, halfway tree, tol 1e-6, pool size 24), seeded per image as the WebUI does.

Needs Debian's torch and numpy, a torchsde checkout (github.com/google-research/torchsde; TORCHSDE = the folder
holding torchsde/) and a k-diffusion checkout (KDIFFUSION, as for kdiffusion_reference.py). torchsde's
package __init__ (its SDE solvers) is not run; its one outside dependency, the tiny `trampoline` package, is
replaced by an equivalent runner below. Writes
src/test/resources/org/sandpaint/engine/random/brownian-tree.json.
Run: TORCHSDE=... KDIFFUSION=... /usr/bin/python3 src/test/python/brownian_reference.py
"""
import importlib
import json
import os
import sys
import types

import numpy as np
import torch


class TailCall(Exception):
    def __init__(self, call):
        self.call = call


def trampoline(generator):
    # Runs nested generators without recursion: a yielded generator is run and its result sent back; a
    # TailCall replaces the running generator.
    stack = [generator]
    value = None
    while stack:
        try:
            child = stack[-1].send(value)
            stack.append(child)
            value = None
        except StopIteration as stop:
            stack.pop()
            value = stop.value
        except TailCall as tail:
            stack[-1] = tail.call
            value = None
    return value


sys.modules["trampoline"] = types.ModuleType("trampoline")
sys.modules["trampoline"].trampoline = trampoline
sys.modules["trampoline"].TailCall = TailCall
package = types.ModuleType("torchsde")
package.__path__ = [os.path.join(os.environ["TORCHSDE"], "torchsde")]
sys.modules["torchsde"] = package
derived = importlib.import_module("torchsde._brownian.derived")
package.BrownianTree = derived.BrownianTree

sys.path.insert(0, os.path.dirname(__file__))
from kdiffusion_reference_loader import load_kdiffusion  # noqa: E402

sampling, external = load_kdiffusion(os.environ["KDIFFUSION"], keep_torchsde=True)

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "sandpaint", "engine", "random")
os.makedirs(OUT, exist_ok=True)


def floats(t):
    return [float(v) for v in t.flatten().tolist()]


seed_sequences = []
for entropy, spawn_key in ((42, None), (42, (5, 3)), (4294967295, (2 ** 33 + 1, 34)), (0, (0, 1)), (123456789, (77, 7))):
    kwargs = {"pool_size": 24}
    if spawn_key is not None:
        kwargs["spawn_key"] = spawn_key
    state = np.random.SeedSequence(entropy=entropy, **kwargs).generate_state(4)
    seed_sequences.append({"entropy": entropy, "spawnKey": list(spawn_key) if spawn_key else [],
                           "state": [int(v) for v in state]})

# SD's model sigmas as the WebUI has them, a Karras schedule, and the noise of each sampler's queries.
betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=torch.float64) ** 2
alphas_cumprod = torch.cumprod(1 - betas, 0).to(torch.float32)
model_sigmas = ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5
sigmas = sampling.get_sigmas_karras(6, model_sigmas[0].item(), model_sigmas[-1].item())
seeds = [42, 4294967295]
shape = (len(seeds), 4, 4, 5)
x = torch.zeros(shape)
sigma_min, sigma_max = sigmas[sigmas > 0].min(), sigmas.max()
noise_sampler = sampling.BrownianTreeNoiseSampler(x, sigma_min, sigma_max, seed=seeds)
queries = []
for i in range(len(sigmas) - 2):
    for a, b in ((sigmas[i], sigmas[i + 1]), (sigmas[i], (sigmas[i] * sigmas[i + 1]).sqrt())):
        queries.append({"from": float(a), "to": float(b), "noise": floats(noise_sampler(a, b))})


def dummy_sample():
    b, c, h, w = shape
    n = b * c * h * w
    return (torch.arange(n, dtype=torch.float32).reshape(c, h, w, b).permute(3, 0, 1, 2) / n).contiguous()


def denoiser(x, sigma):
    s = sigma.reshape(-1, 1, 1, 1)
    x_in = x / (s ** 2 + 1) ** 0.5
    eps = x_in * s / (s + 1)
    return x - eps * s


samplers = []
for function, discard in (("sample_dpmpp_2m_sde", False), ("sample_dpmpp_3m_sde", True), ("sample_dpmpp_sde", False)):
    run_sigmas = sampling.get_sigmas_karras(7 if discard else 6, model_sigmas[0].item(), model_sigmas[-1].item())
    if discard:
        run_sigmas = torch.cat([run_sigmas[:-2], run_sigmas[-1:]])
    smin, smax = run_sigmas[run_sigmas > 0].min(), run_sigmas.max()
    sampler_noise = sampling.BrownianTreeNoiseSampler(dummy_sample(), smin, smax, seed=seeds)
    result = getattr(sampling, function)(denoiser, dummy_sample() * run_sigmas[0], run_sigmas,
                                         noise_sampler=sampler_noise)
    samplers.append({"function": function, "sigmas": floats(run_sigmas), "final": floats(result)})

with open(os.path.join(OUT, "brownian-tree.json"), "w") as f:
    json.dump({"seedSequences": seed_sequences, "seeds": seeds, "shape": list(shape), "sigmaMin": float(sigma_min),
               "sigmaMax": float(sigma_max), "queries": queries, "samplers": samplers}, f, separators=(",", ":"))
print("wrote", os.path.normpath(OUT))
