namespace Interop.Torch;

/// <summary>How a loss combines its per-element values: the <c>reduction</c> of the generated losses
/// (<see cref="Torch.CrossEntropyLoss"/>, <see cref="Torch.MseLoss"/>, ...). The values are libtorch's.</summary>
public enum Reduction
{
    /// <summary>One loss per element.</summary>
    None = 0,
    /// <summary>The mean of the losses.</summary>
    Mean = 1,
    /// <summary>The sum of the losses.</summary>
    Sum = 2,
}
