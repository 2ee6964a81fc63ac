namespace Interop.Torch;

/// <summary>One entry of a state dict: a parameter or buffer under its dotted PyTorch name.</summary>
/// <param name="Name">The name PyTorch gives it, e.g. "features.0.weight".</param>
/// <param name="Tensor">The module's own tensor (shared storage); the caller disposes this handle.</param>
/// <param name="IsBuffer">True for a buffer (batch norm's running statistics), false for a parameter.</param>
public readonly record struct StateEntry(string Name, Tensor Tensor, bool IsBuffer);
