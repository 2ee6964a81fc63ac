using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    // The factories below are C# spellings of the generated ones (Torch.Zeros, ...): shapes as
    // params, Float32 on the CPU unless told otherwise, and the dtype of Full and Arange taken
    // from their values, as in PyTorch.

    /// <summary>Uninitialised float32 CPU tensor.</summary>
    public static Tensor Empty(params ReadOnlySpan<long> shape) => Empty(shape, DType.Float32);

    /// <summary>Uninitialised tensor.</summary>
    public static Tensor Empty(ReadOnlySpan<long> shape, DType dtype, Device device = default) =>
        Torch.Empty(shape, dtype, device: device);

    /// <summary>
    /// Uninitialised CPU tensor in page-locked (pinned) host memory. A copy from it to a CUDA device
    /// with <c>To(device, nonBlocking: true)</c> runs asynchronously, overlapping the next batch's
    /// preparation; fill it with <see cref="CopyFrom{T}"/> or <see cref="LeaseData{T}"/>. Pinning needs
    /// CUDA: without it this throws <see cref="CudaUnavailableException"/>.
    /// </summary>
    public static Tensor EmptyPinned(ReadOnlySpan<long> shape, DType dtype = DType.Float32)
    {
        var slot = new Tensor();
        int status;
        fixed (long* sizes = shape)
        using (var r = slot.Borrow())
        {
            status = Itorch.itorch_empty_pinned(r.Pointer, sizes, shape.Length, (int)dtype);
        }
        return Finish(slot, null, status);
    }

    /// <summary>Float32 CPU tensor of zeros.</summary>
    public static Tensor Zeros(params ReadOnlySpan<long> shape) => Zeros(shape, DType.Float32);

    /// <summary>Tensor of zeros.</summary>
    public static Tensor Zeros(ReadOnlySpan<long> shape, DType dtype, Device device = default) =>
        Torch.Zeros(shape, dtype, device: device);

    /// <summary>Float32 CPU tensor of ones.</summary>
    public static Tensor Ones(params ReadOnlySpan<long> shape) => Ones(shape, DType.Float32);

    /// <summary>Tensor of ones.</summary>
    public static Tensor Ones(ReadOnlySpan<long> shape, DType dtype, Device device = default) =>
        Torch.Ones(shape, dtype, device: device);

    /// <summary>Float32 CPU tensor uniform on [0, 1).</summary>
    public static Tensor Rand(params ReadOnlySpan<long> shape) => Rand(shape, DType.Float32);

    /// <summary>Tensor uniform on [0, 1).</summary>
    public static Tensor Rand(ReadOnlySpan<long> shape, DType dtype, Device device = default) =>
        Torch.Rand(shape, dtype, device: device);

    /// <summary>Float32 CPU tensor from the standard normal distribution.</summary>
    public static Tensor Randn(params ReadOnlySpan<long> shape) => Randn(shape, DType.Float32);

    /// <summary>Tensor from the standard normal distribution.</summary>
    public static Tensor Randn(ReadOnlySpan<long> shape, DType dtype, Device device = default) =>
        Torch.Randn(shape, dtype, device: device);

    /// <summary>Tensor filled with <paramref name="value"/>; its dtype defaults to the value's (Int64, Float32 or Bool).</summary>
    public static Tensor Full(ReadOnlySpan<long> shape, Scalar value, DType? dtype = null, Device device = default) =>
        Torch.Full(shape, value, dtype ?? value.DefaultDType, device: device);

    /// <summary>Integers uniform on [<paramref name="low"/>, <paramref name="high"/>), Int64 unless told otherwise.</summary>
    public static Tensor RandInt(long low, long high, ReadOnlySpan<long> shape, DType dtype = DType.Int64,
        Device device = default) =>
        Torch.Randint(low, high, shape, dtype, device: device);

    /// <summary>start, start + step, ... below end. The dtype defaults to Int64 for integer arguments, else Float32.</summary>
    public static Tensor Arange(Scalar start, Scalar end, Scalar? step = null, DType? dtype = null,
        Device device = default)
    {
        Scalar by = step ?? 1;
        DType type = dtype ?? (start.IsIntegral && end.IsIntegral && by.IsIntegral ? DType.Int64 : DType.Float32);
        return Torch.Arange(start, end, by, type, device: device);
    }

    /// <summary>0, 1, ... below end, as Int64.</summary>
    public static Tensor Arange(long end) => Arange(0, end);

    /// <summary>A CPU tensor holding a copy of <paramref name="data"/>, one-dimensional unless a shape is given.</summary>
    public static Tensor FromData<T>(ReadOnlySpan<T> data, params ReadOnlySpan<long> shape) where T : unmanaged
    {
        Span<long> flat = [data.Length];
        ReadOnlySpan<long> sizes = shape.IsEmpty ? flat : shape;
        var slot = new Tensor();
        int status;
        fixed (T* source = data)
        fixed (long* dims = sizes)
        using (var r = slot.Borrow())
        {
            status = Itorch.itorch_from_data(r.Pointer, source, data.Length, dims, sizes.Length,
                (int)ElementType.Of<T>());
        }
        return Finish(slot, null, status);
    }

    /// <summary>A 2-D CPU tensor holding a copy of <paramref name="rows"/>, as in <c>torch.tensor([[1, 2], [3, 4]])</c>.</summary>
    public static Tensor FromData<T>(T[,] rows) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(rows);
        var flat = new T[rows.Length];
        int i = 0;
        foreach (T value in rows) flat[i++] = value;
        return FromData<T>(flat, rows.GetLength(0), rows.GetLength(1));
    }
}
