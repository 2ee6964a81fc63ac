using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>How a loss combines its per-element values.</summary>
public enum Reduction
{
    /// <summary>One loss per element.</summary>
    None = 0,
    /// <summary>The mean of the losses.</summary>
    Mean = 1,
    /// <summary>The sum of the losses.</summary>
    Sum = 2,
}

public sealed unsafe partial class Tensor
{
    /// <summary>input @ weightᵀ + bias.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null, Tensor? result = null)
    {
        using var x = input.Borrow();
        using var w = weight.Borrow();
        using var b = new Borrowed(bias);
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow()) status = Itorch.itorch_linear(r.Pointer, x.Pointer, w.Pointer, b.Pointer);
        return Finish(slot, result, status);
    }

    /// <summary>2-D convolution of an NCHW input; <paramref name="groups"/> = channels gives a depthwise convolution.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, (long H, long W)? stride = null,
        (long H, long W)? padding = null, (long H, long W)? dilation = null, long groups = 1, Tensor? result = null)
    {
        var (strideH, strideW) = stride ?? (1, 1);
        var (padH, padW) = padding ?? (0, 0);
        var (dilH, dilW) = dilation ?? (1, 1);
        using var x = input.Borrow();
        using var w = weight.Borrow();
        using var b = new Borrowed(bias);
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow())
        {
            status = Itorch.itorch_conv2d(r.Pointer, x.Pointer, w.Pointer, b.Pointer, strideH, strideW, padH, padW,
                dilH, dilW, groups);
        }
        return Finish(slot, result, status);
    }

    /// <summary>2-D max pooling; the stride defaults to the kernel size.</summary>
    public static Tensor MaxPool2d(Tensor input, (long H, long W) kernel, (long H, long W)? stride = null,
        (long H, long W)? padding = null, bool ceilMode = false, Tensor? result = null)
    {
        var (strideH, strideW) = stride ?? kernel;
        var (padH, padW) = padding ?? (0, 0);
        using var x = input.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow())
        {
            status = Itorch.itorch_max_pool2d(r.Pointer, x.Pointer, kernel.H, kernel.W, strideH, strideW, padH, padW,
                ceilMode ? 1 : 0);
        }
        return Finish(slot, result, status);
    }

    /// <summary>2-D average pooling; the stride defaults to the kernel size.</summary>
    public static Tensor AvgPool2d(Tensor input, (long H, long W) kernel, (long H, long W)? stride = null,
        (long H, long W)? padding = null, bool ceilMode = false, bool countIncludePad = true, Tensor? result = null)
    {
        var (strideH, strideW) = stride ?? kernel;
        var (padH, padW) = padding ?? (0, 0);
        using var x = input.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow())
        {
            status = Itorch.itorch_avg_pool2d(r.Pointer, x.Pointer, kernel.H, kernel.W, strideH, strideW, padH, padW,
                ceilMode ? 1 : 0, countIncludePad ? 1 : 0);
        }
        return Finish(slot, result, status);
    }

    /// <summary>Average pooling to a fixed output size.</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, (long H, long W) outputSize, Tensor? result = null)
    {
        using var x = input.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow())
        {
            status = Itorch.itorch_adaptive_avg_pool2d(r.Pointer, x.Pointer, outputSize.H, outputSize.W);
        }
        return Finish(slot, result, status);
    }

    /// <summary>Batch normalization over NCHW channels; in training mode the running statistics are updated in place.</summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null,
        Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5, Tensor? result = null)
    {
        using var x = input.Borrow();
        using var w = new Borrowed(weight);
        using var b = new Borrowed(bias);
        using var mean = new Borrowed(runningMean);
        using var variance = new Borrowed(runningVar);
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow())
        {
            status = Itorch.itorch_batch_norm(r.Pointer, x.Pointer, w.Pointer, b.Pointer, mean.Pointer,
                variance.Pointer, training ? 1 : 0, momentum, eps);
        }
        return Finish(slot, result, status);
    }

    /// <summary>Zeroes elements with probability <paramref name="p"/> and scales the rest, in training mode only.</summary>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, Tensor? result = null)
    {
        using var x = input.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow()) status = Itorch.itorch_dropout(r.Pointer, x.Pointer, p, training ? 1 : 0);
        return Finish(slot, result, status);
    }

    /// <summary>Cross-entropy of logits against class indices (Int64).</summary>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Reduction reduction = Reduction.Mean,
        Tensor? result = null) => Loss(input, target, reduction, result, &Itorch.itorch_cross_entropy);

    /// <summary>Mean squared error.</summary>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean,
        Tensor? result = null) => Loss(input, target, reduction, result, &Itorch.itorch_mse_loss);

    /// <summary>Binary cross-entropy of logits against 0/1 targets of the same shape (sigmoid and loss in one stable op).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Reduction reduction = Reduction.Mean,
        Tensor? result = null) => Loss(input, target, reduction, result, &Itorch.itorch_bce_with_logits);

    private static Tensor Loss(Tensor input, Tensor target, Reduction reduction, Tensor? result,
        delegate*<itorch_tensor*, itorch_tensor*, itorch_tensor*, int, int> op)
    {
        using var x = input.Borrow();
        using var y = target.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow()) status = op(r.Pointer, x.Pointer, y.Pointer, (int)reduction);
        return Finish(slot, result, status);
    }
}
