#!/usr/bin/python3
"""Writes the TorchScript fixtures of TorchScriptTests. Run it with Debian's python3-torch:

    /usr/bin/python3 tests/Interop.Torch.Tests/Fixtures/make_fixture.py

and commit what it writes:
  tiny_mlp.pt          a scripted Linear(4, 3) -> ReLU -> Dropout(0.5) -> Linear(3, 2),
                       saved in evaluation mode
  tiny_mlp.json        a fixed input, its output in evaluation mode, and the parameter counts
  tuple_output.pt      a scripted module whose forward returns a tuple, not a tensor
"""
import json
import os

import torch


class TupleOutput(torch.nn.Module):
    def forward(self, x):
        return x, x + 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(20240611)
    model = torch.nn.Sequential(
        torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Dropout(0.5), torch.nn.Linear(3, 2))
    model.eval()
    scripted = torch.jit.script(model)
    scripted.save(os.path.join(here, "tiny_mlp.pt"))

    # Fixed by hand rather than drawn, so the file reads the same on every machine.
    sample = torch.tensor([[0.5, -1.0, 2.0, 0.25], [1.5, 0.75, -0.5, 1.0]], dtype=torch.float32)
    with torch.no_grad():
        expected = scripted(sample)
    parameters = list(scripted.parameters())
    description = {
        "torch": torch.__version__,
        "input_shape": list(sample.shape),
        "input": sample.flatten().tolist(),
        "expected_shape": list(expected.shape),
        # float32 values widened to double: repr round-trips them exactly.
        "expected": expected.flatten().tolist(),
        "parameter_tensors": len(parameters),
        "parameter_elements": sum(p.numel() for p in parameters),
    }
    with open(os.path.join(here, "tiny_mlp.json"), "w") as f:
        json.dump(description, f, indent=2)
        f.write("\n")

    torch.jit.script(TupleOutput()).save(os.path.join(here, "tuple_output.pt"))


if __name__ == "__main__":
    main()
