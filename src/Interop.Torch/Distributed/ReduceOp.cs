namespace Interop.Torch.Distributed;

/// <summary>How a collective combines the ranks' tensors, as <c>torch.distributed.ReduceOp</c>.</summary>
public enum ReduceOp
{
    /// <summary>The element-wise sum.</summary>
    Sum = 0,
    /// <summary>The sum divided by the world size; floating-point tensors only.</summary>
    Average = 1,
    /// <summary>The element-wise product.</summary>
    Product = 2,
    /// <summary>The element-wise minimum.</summary>
    Min = 3,
    /// <summary>The element-wise maximum.</summary>
    Max = 4,
}
