namespace Interop.Torch;

/// <summary>
/// torch.nn.Conv1d over (N, C_in, L) input, with zero padding (PyTorch's
/// other <c>padding_mode</c>s are not offered). <c>weight</c> is (C_out, C_in / groups, kernel),
/// <c>bias</c> (C_out); both start uniform in ±1/√(C_in / groups · kernel), as PyTorch's
/// <c>reset_parameters</c> draws them.
/// </summary>
public sealed class Conv1d : Module
{
    private readonly Tensor weight;
    private readonly Tensor? bias;
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly string? paddingMode;
    private readonly long[] dilation;
    private readonly long groups;

    /// <summary>A convolution with <paramref name="padding"/> zeros on each side.</summary>
    public Conv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0,
        long dilation = 1, long groups = 1, bool bias = true)
        : this(inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias)
    {
    }

    /// <summary>A convolution with <paramref name="padding"/> "valid" (none) or "same" (the output as long as the input; stride 1 only).</summary>
    public Conv1d(long inChannels, long outChannels, long kernelSize, string padding, long stride = 1,
        long dilation = 1, long groups = 1, bool bias = true)
        : this(inChannels, outChannels, kernelSize, stride, 0, padding ?? throw new ArgumentNullException(nameof(padding)),
            dilation, groups, bias)
    {
    }

    private Conv1d(long inChannels, long outChannels, long kernelSize, long stride, long padding, string? paddingMode,
        long dilation, long groups, bool bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (inChannels <= 0 || inChannels % groups != 0) throw new ArgumentException($"inChannels ({inChannels}) must be a positive multiple of groups ({groups}).", nameof(inChannels));
        if (outChannels <= 0 || outChannels % groups != 0) throw new ArgumentException($"outChannels ({outChannels}) must be a positive multiple of groups ({groups}).", nameof(outChannels));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        // Checked here, as PyTorch's constructor checks them, rather than at the first forward.
        if (paddingMode is not (null or "valid" or "same")) throw new ArgumentException($"padding must be \"valid\" or \"same\", not \"{paddingMode}\".", "padding");
        if (paddingMode == "same" && stride != 1) throw new ArgumentException("padding \"same\" needs stride 1.", nameof(stride));
        this.stride = [stride];
        this.padding = [padding];
        this.paddingMode = paddingMode;
        this.dilation = [dilation];
        this.groups = groups;
        // kaiming_uniform_(a=√5) on the weight reduces to ±1/√fan_in, the bias's bound too.
        double bound = 1 / Math.Sqrt(inChannels / groups * kernelSize);
        weight = RegisterParameter("weight", Torch.Empty([outChannels, inChannels / groups, kernelSize]).UniformInPlace(-bound, bound));
        if (bias) this.bias = RegisterParameter("bias", Torch.Empty([outChannels]).UniformInPlace(-bound, bound));
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor? result = null) => paddingMode is null
        ? Torch.Conv1d(input, weight, bias, stride, padding, dilation, groups, result)
        : Torch.Conv1d(input, weight, bias, stride, paddingMode, dilation, groups, result);
}
