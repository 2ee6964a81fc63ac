#!/usr/bin/python3
"""Writes the state-dict fixture of StateDictTests. Run it with Debian's python3-torch:

    /usr/bin/python3 tests/Interop.Torch.Tests/Fixtures/make_state_dict_fixture.py

and commit what it writes:
  tiny_net_state.pt    torch.save(model.state_dict()) of TinyNet below: a class-based model with
                       a parameter of its own, a Sequential child and a Linear child
  tiny_net_state.json  a fixed input, the model's output for it, and the state dict's names
  code_in_pickle.pt    torch.save of a dictionary holding an object whose unpickling would call
                       os.system: what a hostile "state dict" looks like
"""
import json
import os

import torch


class RunsACommand:
    def __reduce__(self):
        return (os.system, ("echo this must not run",))


class TinyNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = torch.nn.Parameter(torch.tensor([0.5, -1.0, 2.0]))
        self.features = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU())
        self.head = torch.nn.Linear(8, 3)

    def forward(self, x):
        return self.head(self.features(x)) * self.scale


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(20261201)
    model = TinyNet().eval()
    torch.save(model.state_dict(), os.path.join(here, "tiny_net_state.pt"))

    sample = torch.tensor([[0.5, -1.0, 2.0, 0.25], [1.5, 0.75, -0.5, 1.0]], dtype=torch.float32)
    with torch.no_grad():
        expected = model(sample)
    description = {
        "torch": torch.__version__,
        "names": list(model.state_dict().keys()),
        "input_shape": list(sample.shape),
        "input": sample.flatten().tolist(),
        "expected_shape": list(expected.shape),
        "expected": expected.flatten().tolist(),
    }
    with open(os.path.join(here, "tiny_net_state.json"), "w") as f:
        json.dump(description, f, indent=2)
        f.write("\n")

    torch.save({"weight": torch.zeros(2, 3), "bias": RunsACommand()}, os.path.join(here, "code_in_pickle.pt"))


if __name__ == "__main__":
    main()
