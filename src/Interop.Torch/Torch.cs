namespace Interop.Torch;

/// <summary>
/// libtorch's operators as functions, PyTorch's <c>torch.xxx</c> in PascalCase:
/// <c>Torch.Where(condition, x, y)</c>, <c>Torch.Stack(tensors)</c>. They are generated from the
/// operator schemas of every supported libtorch (docs/ops.md); each takes an optional
/// <c>result</c> (or <c>results</c>) slot, written through libtorch's out= form when it fits.
/// </summary>
public static partial class Torch
{
}
