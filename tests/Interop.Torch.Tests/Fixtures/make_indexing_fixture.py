#!/usr/bin/python3
"""Writes indexing_cases.json, the expectations of Indexing/IndexingFixtureTests. Run it with
Debian's python3-torch (the libtorch the shim is built on):

    /usr/bin/python3 tests/Interop.Torch.Tests/Fixtures/make_indexing_fixture.py

and commit what it writes. Every case indexes x = torch.arange(120).view(2, 3, 4, 5) with a
subscript written as in Python; the names in it are the tensors of "tensors". For each read it
records the result's shape and elements and whether it shares x's storage, or the Python
exception type; for each assignment, x's elements after `x[subscript] = value`.

PyTorch 1.13 advances one dimension, not the mask's dimensions, past a multi-dimensional mask
(fixed in 2.x: at::indexing::impl::recordTensorIndex adds tensor.dim() for Bool and UInt8). The
cases listed in NUMPY_SEMANTICS use 2.x's (and NumPy's) meaning, computed by an equivalent
expression, because the C# indexer follows 2.x.
"""
import json
import os

import torch

TENSORS = {
    "m": torch.tensor([[True, False, True], [False, True, True]]),  # a mask over dims 0 and 1
    "m0": torch.tensor([True, False]),  # a mask over dim 0
    "m23": torch.arange(20).view(4, 5) % 3 == 0,  # a mask over the last two dims
    "i": torch.tensor([1, 0, 1]),  # positions in a dim of size 2
    "j": torch.tensor([2, 0]),  # positions in a dim of size 3 or more
    "k": torch.tensor([[0, 3], [1, 2]]),  # 2-D positions in a dim of size 4
    "i32": torch.tensor([2, 1], dtype=torch.int32),
    "s": torch.tensor(2),  # a 0-dim integer tensor: an integer
    "bt": torch.tensor(True),
    "bf": torch.tensor(False),
    "v5": -torch.arange(1, 6),  # broadcasts along the last dim
    "v115": -torch.arange(1, 6).view(1, 1, 5),  # leading ones, dropped before assigning
    "v3x5": -torch.arange(15).view(3, 5),
    "v4": -torch.arange(1, 5).view(4, 1),
}

GETS = [
    "1", "-1", "0, 1", "1, 2, 3, 4", "-1, -2",
    ":", "1:", ":1", "-2:", "1:3", ":, 1:3", "1:, -2:", "0:10", "-10:1", "3:1", "5:", ":, :, :, ::2",
    "::2, 1::2", ":, 1:3, 0", "0, :, 1", "..., 0", "0, ...", "1, ..., 2", "...", "..., :, 1",
    "None", "None, 0", "0, None", ":, None, 1", "..., None", "None, ..., None",
    "m", "m0", "m23", "..., m23", "i", "j", ":, j", "0, j", "i, j", "k", ":, :, k", "0, :, k",
    "i32", ":, i32", "s", ":, s", "bt", "bf", "m, 1:", "m, 0", "m0, 1:3, j", "j, 1:, k",
    "1:, j, None", "i, ..., j",
    "2", "-3", "0, 3", "0, 0, 0, 0, 0", "..., ...", "::-1", "0, 0, 0, 5",
]

SETS = [
    ("1", "-7"), ("-1", "-7"), ("0, 1", "v5"), (":, 1:3", "v5"), ("1:, -2:", "-7"),
    ("..., 0", "-7"), ("0, :, :, ::2", "-7"), ("None, 0", "v5"), ("0", "v115"), (":, 1:3", "v115"),
    ("0, 0", "v4"), ("0, 0", "-2.5"),
    ("m", "-7"), ("m", "v5"), ("m0", "v3x5"), ("m23", "-7"), ("..., m23", "-7"), ("i", "-7"),
    (":, j", "v5"), ("0, j", "-7"), ("i, j", "-7"), ("0, :, k", "-7"), ("m, 1:", "-7"), ("s", "-7"),
    ("3", "-7"), ("0", "v4"), ("m", "v4"),
]

# Expressions of the 2.x meaning for the cases 1.13 reads otherwise.
NUMPY_SEMANTICS = {
    "m, 1:": "x[m][:, 1:]",
    "m, 0": "x[m][:, 0]",
}


def base():
    return torch.arange(120).view(2, 3, 4, 5)


def describe(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "values": t.flatten().tolist()}


def error(e):
    return {"error": type(e).__name__, "message": str(e).splitlines()[0]}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    scope = dict(TENSORS)
    gets = []
    for subscript in GETS:
        x = base()
        scope["x"] = x
        case = {"subscript": subscript}
        try:
            expression = NUMPY_SEMANTICS.get(subscript, f"x[{subscript}]")
            r = eval(expression, {}, scope)
            case.update({"shape": list(r.shape), "values": r.flatten().tolist(),
                         "view": r.numel() > 0 and r.storage().data_ptr() == x.storage().data_ptr()})
        except Exception as e:  # noqa: BLE001 - the exception type is what the case records
            case.update(error(e))
        gets.append(case)
    sets = []
    for subscript, value in SETS:
        x = base()
        scope["x"] = x
        case = {"subscript": subscript, "value": value}
        try:
            v = eval(value, {}, scope)
            if subscript in NUMPY_SEMANTICS:
                # x[m, 1:] = v is x[m][:, 1:] = v written back through the mask.
                picked = x[TENSORS["m"]]
                picked[:, 1:] = v
                x[TENSORS["m"]] = picked
            else:
                exec(f"x[{subscript}] = v", {}, dict(scope, v=v))
            case["values"] = x.flatten().tolist()
        except Exception as e:  # noqa: BLE001
            case.update(error(e))
        sets.append(case)
    fixture = {
        "torch": torch.__version__,
        "base": {"shape": [2, 3, 4, 5]},
        "tensors": {name: describe(t) for name, t in TENSORS.items()},
        "gets": gets,
        "sets": sets,
    }
    with open(os.path.join(here, "indexing_cases.json"), "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
