using Interop.Data;

namespace Interop.Torch;

/// <summary>
/// PyTorch's <c>TensorDataset</c>: samples along the first dimension of an input array and a
/// target array of any shapes, such as tabular features and their labels.
/// </summary>
public sealed class TensorDataset<TInput, TTarget> : IDataset<TInput, TTarget>
    where TInput : unmanaged
    where TTarget : unmanaged
{
    private readonly TInput[] inputs;
    private readonly TTarget[] targets;
    private readonly long[] inputShape;
    private readonly long[] targetShape;
    private readonly int inputSize;
    private readonly int targetSize;

    /// <summary>
    /// Wraps <paramref name="inputs"/> and <paramref name="targets"/> without copying: the first
    /// dimension of <paramref name="inputsShape"/> and <paramref name="targetsShape"/> counts the
    /// samples, and must agree.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not match the arrays or each other.</exception>
    public TensorDataset(TInput[] inputs, ReadOnlySpan<long> inputsShape, TTarget[] targets, ReadOnlySpan<long> targetsShape)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputsShape.IsEmpty || targetsShape.IsEmpty) throw new ArgumentException("Both shapes need a first dimension, the samples.");
        if (inputsShape[0] != targetsShape[0])
        {
            throw new ArgumentException($"The inputs hold {inputsShape[0]} samples and the targets {targetsShape[0]}.", nameof(targetsShape));
        }
        Count = checked((int)inputsShape[0]);
        inputShape = inputsShape[1..].ToArray();
        targetShape = targetsShape[1..].ToArray();
        inputSize = SampleSize(inputs.Length, inputsShape, nameof(inputsShape));
        targetSize = SampleSize(targets.Length, targetsShape, nameof(targetsShape));
        this.inputs = inputs;
        this.targets = targets;
    }

    /// <summary>Copies the samples out of two tensors whose first dimensions count them.</summary>
    public static TensorDataset<TInput, TTarget> FromTensors(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        return new(inputs.ToArray<TInput>(), inputs.Shape, targets.ToArray<TTarget>(), targets.Shape);
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<long> InputShape => inputShape;

    /// <inheritdoc/>
    public ReadOnlySpan<long> TargetShape => targetShape;

    /// <inheritdoc/>
    public void CopySample(int index, Span<TInput> input, Span<TTarget> target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        inputs.AsSpan(index * inputSize, inputSize).CopyTo(input);
        targets.AsSpan(index * targetSize, targetSize).CopyTo(target);
    }

    // The values of one sample: the product of the sizes after the first.
    private static int SampleSize(int length, ReadOnlySpan<long> shape, string name)
    {
        long sample = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(shape[i], name);
            if (i > 0) sample = checked(sample * shape[i]);
        }
        if (checked(sample * shape[0]) != length) throw new ArgumentException($"The shape holds {sample * shape[0]} values but the array {length}.", name);
        return checked((int)sample);
    }
}

/// <summary>Datasets over the loaders of Interop.Data.</summary>
public static class TensorDataset
{
    /// <summary>The images (CHW floats) and class labels of <paramref name="images"/>, without copying.</summary>
    public static TensorDataset<float, long> FromImages(ImageDataset images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new(images.Images, [images.Count, images.Channels, images.Height, images.Width], images.Labels, [images.Count]);
    }
}
