using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>Layers backed by libtorch's torch::nn modules; each forward is one native call.</summary>
public static unsafe class Layers
{
    /// <summary>y = x Wᵀ + b.</summary>
    public static NativeModule Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_linear(&created, inFeatures, outFeatures, bias ? 1 : 0), created, module);
    }

    /// <summary>2-D convolution; <paramref name="groups"/> equal to the channels gives a depthwise convolution.</summary>
    public static NativeModule Conv2d(long inChannels, long outChannels, (long H, long W) kernel,
        (long H, long W)? stride = null, (long H, long W)? padding = null, long groups = 1, bool bias = true)
    {
        var (strideH, strideW) = stride ?? (1, 1);
        var (padH, padW) = padding ?? (0, 0);
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_conv2d(&created, inChannels, outChannels, kernel.H, kernel.W,
            strideH, strideW, padH, padW, groups, bias ? 1 : 0), created, module);
    }

    /// <summary>Batch normalization over the channels of an NCHW input, with running statistics.</summary>
    public static NativeModule BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1)
    {
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_batch_norm2d(&created, features, eps, momentum), created, module);
    }

    /// <summary>Zeroes elements with probability <paramref name="p"/> in training mode.</summary>
    public static NativeModule Dropout(double p = 0.5)
    {
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_dropout(&created, p), created, module);
    }

    /// <summary>Merges dimensions <paramref name="startDim"/> to <paramref name="endDim"/>.</summary>
    public static NativeModule Flatten(long startDim = 1, long endDim = -1)
    {
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_flatten(&created, startDim, endDim), created, module);
    }

    /// <summary>Passes its input through.</summary>
    public static NativeModule Identity()
    {
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_identity(&created), created, module);
    }

    /// <summary>max(x, 0).</summary>
    public static NativeModule ReLU() => Activation(itorch_activation.ITORCH_ACTIVATION_RELU);

    /// <summary>min(max(x, 0), 6).</summary>
    public static NativeModule ReLU6() => Activation(itorch_activation.ITORCH_ACTIVATION_RELU6);

    /// <summary>x * sigmoid(x).</summary>
    public static NativeModule SiLU() => Activation(itorch_activation.ITORCH_ACTIVATION_SILU);

    /// <summary>1 / (1 + e^-x).</summary>
    public static NativeModule Sigmoid() => Activation(itorch_activation.ITORCH_ACTIVATION_SIGMOID);

    /// <summary>2-D max pooling; the stride defaults to the kernel size.</summary>
    public static NativeModule MaxPool2d((long H, long W) kernel, (long H, long W)? stride = null,
        (long H, long W)? padding = null)
    {
        var (strideH, strideW) = stride ?? kernel;
        var (padH, padW) = padding ?? (0, 0);
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_max_pool2d(&created, kernel.H, kernel.W, strideH, strideW,
            padH, padW), created, module);
    }

    /// <summary>2-D average pooling; the stride defaults to the kernel size.</summary>
    public static NativeModule AvgPool2d((long H, long W) kernel, (long H, long W)? stride = null,
        (long H, long W)? padding = null)
    {
        var (strideH, strideW) = stride ?? kernel;
        var (padH, padW) = padding ?? (0, 0);
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_avg_pool2d(&created, kernel.H, kernel.W, strideH, strideW,
            padH, padW), created, module);
    }

    /// <summary>Average pooling to a fixed output size.</summary>
    public static NativeModule AdaptiveAvgPool2d((long H, long W) outputSize)
    {
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_adaptive_avg_pool2d(&created, outputSize.H, outputSize.W),
            created, module);
    }

    /// <summary>Runs <paramref name="modules"/> in order, as one native forward. It shares them: the caller may dispose its own handles.</summary>
    public static NativeModule Sequential(params ReadOnlySpan<NativeModule> modules)
    {
        using BorrowedList<itorch_module> children = new(modules);
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_sequential(&created, children.Pointers, modules.Length), created, module);
    }

    private static NativeModule Activation(itorch_activation kind)
    {
        var module = NativeModule.Unbound();
        itorch_module* created;
        return NativeModule.Adopt(Itorch.itorch_module_activation(&created, (int)kind), created, module);
    }
}
