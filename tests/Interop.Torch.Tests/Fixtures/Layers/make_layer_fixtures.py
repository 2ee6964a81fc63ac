#!/usr/bin/python3
"""Writes the fixtures of the C# layer tests (tests/Interop.Torch.Tests/Layers). Run it with
Debian's python3-torch:

    /usr/bin/python3 tests/Interop.Torch.Tests/Fixtures/Layers/make_layer_fixtures.py

and commit what it writes, beside this script:
  <case>.pt      torch.save(layer.state_dict()) of each case's torch.nn layer; the C# layer
                 loads it, which also checks that its state-dict names and shapes are PyTorch's
  layers.json    per case: the state dict's names, the parameter count, the inputs, and the
                 layer's outputs for them in evaluation mode

The weights are torch's own initialisation under a fixed seed, except where that
initialisation is constant (LayerNorm's ones and zeros, attention's zero biases): those are
redrawn, so that a C# layer that ignored them would fail.
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def record(t):
    return {"shape": list(t.shape), "data": t.flatten().tolist()}


def case(cases, name, layer, inputs, outputs):
    torch.save(layer.state_dict(), os.path.join(HERE, name + ".pt"))
    cases[name] = {
        "names": list(layer.state_dict().keys()),
        "parameter_count": sum(p.numel() for p in layer.parameters()),
        "inputs": {k: record(v) for k, v in inputs.items()},
        # float32 values widened to double: the JSON round-trips them exactly.
        "outputs": {k: record(v) for k, v in outputs.items()},
    }


def redraw(*tensors):
    with torch.no_grad():
        for t in tensors:
            t.normal_()


def main():
    torch.manual_seed(20260413)
    cases = {}

    norm = torch.nn.LayerNorm([3, 4]).eval()
    redraw(norm.weight, norm.bias)
    x = torch.randn(2, 5, 3, 4)
    case(cases, "layer_norm", norm, {"input": x}, {"output": norm(x)})

    embedding = torch.nn.Embedding(10, 4, padding_idx=1).eval()
    indices = torch.tensor([[0, 1, 9], [3, 3, 1]])
    case(cases, "embedding", embedding, {"input": indices}, {"output": embedding(indices)})

    x = torch.randn(3, 4) * 3
    gelu = torch.nn.GELU()
    case(cases, "gelu", gelu, {"input": x},
         {"none": gelu(x), "tanh": torch.nn.GELU(approximate="tanh")(x)})

    conv = torch.nn.Conv1d(4, 6, 3, stride=2, padding=1, groups=2).eval()
    x = torch.randn(2, 4, 9)
    case(cases, "conv1d", conv, {"input": x}, {"output": conv(x)})

    conv = torch.nn.Conv1d(3, 2, 3, padding="same", dilation=2, bias=False).eval()
    x = torch.randn(2, 3, 7)
    case(cases, "conv1d_same", conv, {"input": x}, {"output": conv(x)})

    # Two bidirectional layers, batch first: every weight name and the reverse direction.
    lstm = torch.nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True).eval()
    x = torch.randn(2, 5, 3)
    h0, c0 = torch.randn(4, 2, 4), torch.randn(4, 2, 4)
    output, (h, c) = lstm(x, (h0, c0))
    zero_state_output, _ = lstm(x)
    case(cases, "lstm", lstm, {"input": x, "h0": h0, "c0": c0},
         {"output": output, "h": h, "c": c, "zero_state_output": zero_state_output})

    # Sequence first and without biases: the other layout and the has_biases=False weight list.
    gru = torch.nn.GRU(3, 4, num_layers=2, bias=False).eval()
    x = torch.randn(5, 2, 3)
    h0 = torch.randn(2, 2, 4)
    output, h = gru(x, h0)
    zero_state_output, _ = gru(x)
    case(cases, "gru", gru, {"input": x, "h0": h0},
         {"output": output, "h": h, "zero_state_output": zero_state_output})

    # Self-attention, sequence first, an additive float mask, weights averaged over the heads.
    mha = torch.nn.MultiheadAttention(8, 2).eval()
    redraw(mha.in_proj_bias, mha.out_proj.bias)
    q = torch.randn(4, 2, 8)
    float_mask = torch.randn(4, 4)
    output, weights = mha(q, q, q, attn_mask=float_mask)
    plain, _ = mha(q, q, q, need_weights=False)
    case(cases, "mha_self", mha, {"query": q, "attn_mask": float_mask},
         {"output": output, "weights": weights, "plain_output": plain})

    # Cross-attention, batch first, boolean attention and key-padding masks, weights per head.
    mha = torch.nn.MultiheadAttention(8, 2, batch_first=True).eval()
    redraw(mha.in_proj_bias, mha.out_proj.bias)
    q, k, v = torch.randn(2, 3, 8), torch.randn(2, 5, 8), torch.randn(2, 5, 8)
    # No row masks every key: a fully masked row is NaN in PyTorch too.
    attn_mask = torch.tensor([[False, True, False, False, True],
                              [False, False, False, True, False],
                              [True, False, False, False, False]])
    key_padding_mask = torch.tensor([[False, False, False, False, True],
                                     [False, False, True, True, False]])
    output, weights = mha(q, k, v, key_padding_mask=key_padding_mask, attn_mask=attn_mask,
                          average_attn_weights=False)
    case(cases, "mha_cross", mha,
         {"query": q, "key": k, "value": v, "attn_mask": attn_mask.float(),
          "key_padding_mask": key_padding_mask.float()},
         {"output": output, "weights": weights})

    with open(os.path.join(HERE, "layers.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    with torch.no_grad():
        main()
