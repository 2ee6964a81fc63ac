using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>max(a, 0).</summary>
    public static Tensor Relu(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_relu);

    /// <summary>1 / (1 + e^-a).</summary>
    public static Tensor Sigmoid(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_sigmoid);

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_tanh);

    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public static Tensor Softmax(Tensor a, long dim, Tensor? result = null) =>
        AlongDim(a, dim, result, &Itorch.itorch_softmax);

    /// <summary>Log of softmax along <paramref name="dim"/>, computed stably.</summary>
    public static Tensor LogSoftmax(Tensor a, long dim, Tensor? result = null) =>
        AlongDim(a, dim, result, &Itorch.itorch_log_softmax);

    private static Tensor AlongDim(Tensor a, long dim, Tensor? result,
        delegate*<itorch_tensor*, itorch_tensor*, long, int> op)
    {
        using var x = a.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow()) status = op(r.Pointer, x.Pointer, dim);
        return Finish(slot, result, status);
    }
}
