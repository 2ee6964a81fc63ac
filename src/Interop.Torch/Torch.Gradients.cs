using Interop.Torch.Native;

namespace Interop.Torch;

public static unsafe partial class Torch
{
    /// <summary>
    /// PyTorch's <c>torch.nn.utils.clip_grad_norm_</c>: scales the gradients of
    /// <paramref name="parameters"/> in place so that their joint norm is at most
    /// <paramref name="maxNorm"/>, and returns the norm they had. Call it between
    /// <c>Backward()</c> and the optimizer's <c>Step()</c>. Parameters without a gradient are left
    /// out, and a tensor listed twice counts once.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients are clipped.</param>
    /// <param name="maxNorm">The largest norm the gradients keep.</param>
    /// <param name="normType">The p of the p-norm; <see cref="double.PositiveInfinity"/> for the largest magnitude.</param>
    /// <param name="errorIfNonfinite">Throw, leaving the gradients as they were, when the norm is NaN or infinite.</param>
    public static double ClipGradNorm(ReadOnlySpan<Tensor> parameters, double maxNorm, double normType = 2,
        bool errorIfNonfinite = false)
    {
        using BorrowedList<itorch_tensor> list = new(parameters);
        double totalNorm;
        Status.Check(Itorch.itorch_clip_grad_norm(list.Pointers, parameters.Length, maxNorm, normType,
            errorIfNonfinite ? 1 : 0, &totalNorm));
        return totalNorm;
    }

    /// <summary>
    /// PyTorch's <c>torch.nn.utils.clip_grad_value_</c>: clamps every gradient of
    /// <paramref name="parameters"/> into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>], in place.
    /// </summary>
    public static void ClipGradValue(ReadOnlySpan<Tensor> parameters, double clipValue)
    {
        using BorrowedList<itorch_tensor> list = new(parameters);
        Status.Check(Itorch.itorch_clip_grad_value(list.Pointers, parameters.Length, clipValue));
    }
}
