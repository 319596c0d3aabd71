"""Loads k-diffusion's sampling.py and external.py alone, stubbing the imports they do not need here."""
import importlib.util
import os
import sys
import types


def load_kdiffusion(root, keep_torchsde=False):
    for name in ("scipy", "torchdiffeq", "tqdm", "tqdm.auto") + (() if keep_torchsde else ("torchsde",)):
        sys.modules[name] = types.ModuleType(name)
    sys.modules["scipy"].integrate = None
    sys.modules["torchdiffeq"].odeint = None
    sys.modules["tqdm.auto"].trange = lambda n, disable=None: range(n)
    sys.modules["tqdm.auto"].tqdm = lambda x, *a, **k: x
    package = types.ModuleType("k_diffusion")
    package.__path__ = [os.path.join(root, "k_diffusion")]
    sys.modules["k_diffusion"] = package
    utils = types.ModuleType("k_diffusion.utils")
    utils.append_dims = lambda x, n: x[(...,) + (None,) * (n - x.ndim)]
    sys.modules["k_diffusion.utils"] = utils
    modules = {}
    for name in ("sampling", "external"):
        spec = importlib.util.spec_from_file_location("k_diffusion." + name, os.path.join(root, "k_diffusion", name + ".py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules["k_diffusion." + name] = module
        spec.loader.exec_module(module)
        modules[name] = module
    return modules["sampling"], modules["external"]
