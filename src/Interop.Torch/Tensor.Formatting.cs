using System.Globalization;
using System.Text;

namespace Interop.Torch;

public sealed partial class Tensor
{
    private const long MaxPrintedElements = 1000;

    /// <summary>
    /// The elements as nested lists, e.g. <c>[[3,4],[5,6]]</c>; a scalar prints as its value.
    /// Larger tensors print as a summary of shape, dtype and device.
    /// </summary>
    public override string ToString()
    {
        if (IsClosed) return "Tensor(disposed)";
        if (!IsDefined) return "Tensor(empty slot)";
        long[] shape = Shape;
        if (Numel > MaxPrintedElements)
        {
            return $"Tensor(shape=[{string.Join(",", shape)}], dtype={DType}, device={Device})";
        }
        var text = new StringBuilder();
        if (DType == DType.Bool)
        {
            using Tensor asBytes = To(DType.UInt8);
            Append(text, asBytes.ToArray<byte>(), shape, v => v != 0 ? "true" : "false");
        }
        else if (ElementType.IsIntegral(DType))
        {
            using Tensor asLongs = To(DType.Int64);
            Append(text, asLongs.ToArray<long>(), shape, v => v.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            using Tensor asDoubles = To(DType.Float64);
            Append(text, asDoubles.ToArray<double>(), shape, FormatReal);
        }
        return text.ToString();
    }

    private static string FormatReal(double value) => value.ToString("G7", CultureInfo.InvariantCulture);

    private static void Append<T>(StringBuilder text, T[] values, long[] shape, Func<T, string> format)
    {
        int index = 0;
        AppendDim(text, values, shape, 0, ref index, format);
    }

    private static void AppendDim<T>(StringBuilder text, T[] values, long[] shape, int dim, ref int index,
        Func<T, string> format)
    {
        if (dim == shape.Length)
        {
            text.Append(format(values[index++]));
            return;
        }
        text.Append('[');
        for (long i = 0; i < shape[dim]; i++)
        {
            if (i > 0) text.Append(',');
            AppendDim(text, values, shape, dim + 1, ref index, format);
        }
        text.Append(']');
    }
}
