#!/usr/bin/python3
"""Writes scheduler_cases.json, the expectations of SchedulerTests. Run it with Debian's
python3-torch (the libtorch the shim is built on):

    /usr/bin/python3 tests/Interop.Torch.Tests/Fixtures/make_scheduler_fixture.py

and commit what it writes. Each case builds an optimizer over one parameter and a scheduler,
then records the learning rate (and, for OneCycleLR, the momentum) after construction and after
each of `steps` calls of optimizer.step() and scheduler.step(). The formulas have not changed
between libtorch 1.13 and 2.x, so the same file serves every lane.

PyTorch lets OneCycleLR step total_steps times, and the last step extrapolates past the end of
the cycle: with linear annealing the rate goes below zero, which libtorch's optimizers refuse
from C#. The linear case stops one step before.
"""
import json
import os

import torch
from torch.optim import lr_scheduler

CASES = [
    {"name": "step", "optimizer": "sgd", "scheduler": "StepLR", "args": {"step_size": 3, "gamma": 0.5}, "steps": 10},
    {"name": "exponential", "optimizer": "sgd", "scheduler": "ExponentialLR", "args": {"gamma": 0.9}, "steps": 10},
    {"name": "cosine", "optimizer": "sgd", "scheduler": "CosineAnnealingLR", "args": {"T_max": 5, "eta_min": 0.001},
     "steps": 17},
    {"name": "one_cycle_sgd", "optimizer": "sgd", "scheduler": "OneCycleLR", "args": {"max_lr": 1.0, "total_steps": 20},
     "steps": 20},
    {"name": "one_cycle_adam_linear_three_phase", "optimizer": "adam", "scheduler": "OneCycleLR",
     "args": {"max_lr": 0.01, "total_steps": 15, "anneal_strategy": "linear", "three_phase": True, "pct_start": 0.25},
     "steps": 14},
    {"name": "one_cycle_no_momentum", "optimizer": "sgd", "scheduler": "OneCycleLR",
     "args": {"max_lr": 0.5, "total_steps": 8, "cycle_momentum": False, "div_factor": 10.0, "final_div_factor": 100.0},
     "steps": 8},
]


def momentum(optimizer):
    group = optimizer.param_groups[0]
    return group["betas"][0] if "betas" in group else group["momentum"]


def run(case):
    parameter = torch.nn.Parameter(torch.ones(2))
    parameter.grad = torch.full((2,), 0.5)
    if case["optimizer"] == "sgd":
        optimizer = torch.optim.SGD([parameter], lr=0.1, momentum=0.9)
    else:
        optimizer = torch.optim.Adam([parameter], lr=0.1)
    scheduler = getattr(lr_scheduler, case["scheduler"])(optimizer, **case["args"])
    rates = [optimizer.param_groups[0]["lr"]]
    momenta = [momentum(optimizer)]
    for _ in range(case["steps"]):
        optimizer.step()
        scheduler.step()
        rates.append(optimizer.param_groups[0]["lr"])
        momenta.append(momentum(optimizer))
    return dict(case, learning_rates=rates, momenta=momenta)


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scheduler_cases.json")
    with open(path, "w") as out:
        json.dump({"torch": torch.__version__, "cases": [run(case) for case in CASES]}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
