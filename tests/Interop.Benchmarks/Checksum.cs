using System.Numerics;
using System.Runtime.InteropServices;

namespace Interop.Benchmarks;

/// <summary>A checksum that reads every element, for the data suites.</summary>
internal static class Checksum
{
    /// <summary>The sum of the values, vectorized, so reading the memory is the cost rather than the adds.</summary>
    public static float Sum(ReadOnlySpan<float> values)
    {
        var acc = Vector<float>.Zero;
        ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        foreach (Vector<float> v in vectors) acc += v;
        float sum = Vector.Sum(acc);
        for (int i = vectors.Length * Vector<float>.Count; i < values.Length; i++) sum += values[i];
        return sum;
    }
}
