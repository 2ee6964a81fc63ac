namespace Interop.Torch.Tests;

/// <summary>Comparisons of tensor contents with values computed in the test.</summary>
internal static class TensorAssert
{
    public static void Shape(Tensor tensor, params long[] expected) => Assert.Equal(expected, tensor.Shape);

    public static void Close(ReadOnlySpan<double> expected, Tensor actual, double tolerance = 1e-5)
    {
        using Tensor asDouble = actual.To(DType.Float64);
        Close(expected, asDouble.ToArray<double>(), tolerance);
    }

    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = tolerance * Math.Max(1.0, Math.Abs(expected[i]));
            if (!(Math.Abs(expected[i] - actual[i]) <= allowed))
            {
                Assert.Fail($"Element {i}: expected {expected[i]} but got {actual[i]} (tolerance {allowed}).");
            }
        }
    }

    public static void Close(double expected, Tensor actual, double tolerance = 1e-5) =>
        Close([expected], actual, tolerance);

    public static double[] ToDoubles(float[] values) => Array.ConvertAll(values, v => (double)v);
}
