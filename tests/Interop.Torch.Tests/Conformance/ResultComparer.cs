using System.Globalization;
using System.Text.Json;
using Interop.Torch.Native;

namespace Interop.Torch.Tests.Conformance;

/// <summary>
/// Compares an op's result with the fixture's expected value: dtype and shape exactly, integer
/// and bool elements exactly, float elements within <see cref="RelativeTolerance"/> of the
/// expected magnitude with an absolute floor of <see cref="AbsoluteTolerance"/> (NaN equals NaN,
/// an infinity only the same infinity). Each difference becomes one line.
/// </summary>
internal static class ResultComparer
{
    public const double RelativeTolerance = 1e-5;
    public const double AbsoluteTolerance = 1e-6;

    // The gradients of the eigen- and singular-value decompositions divide by differences of
    // eigen- or singular values, which magnifies LAPACK's rounding: on another machine than the
    // one that made the 1.13 fixture (same libtorch, another EPYC) they differed by up to 5e-5.
    public const double DecompositionGradientTolerance = 2e-4;

    private static readonly HashSet<string> Decompositions =
        ["svd", "linalg_svd", "linalg_svdvals", "linalg_eigh", "linalg_eigvalsh", "linalg_eig", "linalg_eigvals"];

    /// <summary>The relative tolerance for the gradients of the op <paramref name="opName"/>.</summary>
    public static double GradientTolerance(string opName) =>
        Decompositions.Contains(opName) ? DecompositionGradientTolerance : RelativeTolerance;

    // Element differences listed per tensor before the rest are only counted.
    private const int ElementsShown = 3;

    /// <summary>Adds a line to <paramref name="differences"/> for each way <paramref name="actual"/> differs.</summary>
    public static void Compare(JsonElement expected, object? actual, string path, List<string> differences)
    {
        var (kind, body) = FixtureValue.Single(expected);
        switch (kind)
        {
            case "tensor":
                if (actual is Tensor t) CompareTensor(body, t, path, differences);
                else differences.Add($"{path}: expected a tensor, got {Describe(actual)}");
                break;
            case "tensors":
                CompareList(body, actual, path, differences, tensors: true);
                break;
            case "tuple":
                CompareList(body, actual, path, differences, tensors: false);
                break;
            case "none":
                if (actual is not null) differences.Add($"{path}: expected null, got {Describe(actual)}");
                break;
            case "int":
                if (actual is long l)
                {
                    if (l != body.GetInt64()) differences.Add($"{path}: expected {body.GetInt64()}, got {l}");
                }
                else differences.Add($"{path}: expected the long {body.GetInt64()}, got {Describe(actual)}");
                break;
            case "float":
                if (actual is double d)
                {
                    double e = FixtureValue.Double(body);
                    if (!Close(e, d)) differences.Add($"{path}: expected {Format(e)}, got {Format(d)}");
                }
                else differences.Add($"{path}: expected the double {body}, got {Describe(actual)}");
                break;
            case "bool":
                if (actual is bool b)
                {
                    if (b != body.GetBoolean()) differences.Add($"{path}: expected {body.GetBoolean()}, got {b}");
                }
                else differences.Add($"{path}: expected the bool {body.GetBoolean()}, got {Describe(actual)}");
                break;
            case "scalar":
                if (actual is Scalar s) CompareScalar(body, s, path, differences);
                else differences.Add($"{path}: expected a Scalar {body}, got {Describe(actual)}");
                break;
            case "dtype":
                {
                    DType wanted = FixtureValue.ParseDType(body.GetString());
                    if (actual is DType got)
                    {
                        if (got != wanted) differences.Add($"{path}: expected {wanted}, got {got}");
                    }
                    else differences.Add($"{path}: expected the DType {wanted}, got {Describe(actual)}");
                    break;
                }
            default:
                differences.Add($"{path}: the fixture has an unknown output kind '{kind}'");
                break;
        }
    }

    public static void CompareTensor(JsonElement expected, Tensor actual, string path, List<string> differences,
        double relativeTolerance = RelativeTolerance)
    {
        if (actual.IsInvalid || !actual.IsDefined)
        {
            differences.Add($"{path}: expected a tensor, got an undefined one");
            return;
        }
        DType dtype = FixtureValue.ParseDType(expected.GetProperty("dtype").GetString());
        long[] shape = FixtureValue.Shape(expected);
        if (actual.DType != dtype)
        {
            differences.Add($"{path}: dtype {FixtureValue.DTypeName(actual.DType)}, expected {FixtureValue.DTypeName(dtype)}");
            return;
        }
        long[] actualShape = actual.Shape;
        if (!actualShape.AsSpan().SequenceEqual(shape))
        {
            differences.Add($"{path}: shape [{string.Join(",", actualShape)}], expected [{string.Join(",", shape)}]");
            return;
        }
        var wrong = new List<string>();
        int count = 0;
        if (FixtureValue.IsFloating(dtype))
        {
            double[] want = FixtureValue.FloatData(expected);
            double[] got = dtype == DType.Float32
                ? Array.ConvertAll(actual.ToArray<float>(), v => (double)v)
                : actual.ToArray<double>();
            for (int i = 0; i < want.Length; i++)
            {
                if (Close(want[i], got[i], relativeTolerance)) continue;
                if (count++ < ElementsShown) wrong.Add($"[{i}] {Format(got[i])} vs {Format(want[i])}");
            }
        }
        else
        {
            long[] want = FixtureValue.IntegerData(expected);
            long[] got = IntegerElements(actual);
            for (int i = 0; i < want.Length; i++)
            {
                if (want[i] == got[i]) continue;
                if (count++ < ElementsShown) wrong.Add($"[{i}] {got[i]} vs {want[i]}");
            }
        }
        if (count > 0)
        {
            string more = count > ElementsShown ? $" and {count - ElementsShown} more" : "";
            differences.Add($"{path}: {count} of {shape.Aggregate(1L, (a, b) => a * b)} elements differ (got vs expected): {string.Join(", ", wrong)}{more}");
        }
    }

    public static bool Close(double expected, double actual, double relativeTolerance = RelativeTolerance)
    {
        if (double.IsNaN(expected)) return double.IsNaN(actual);
        if (double.IsInfinity(expected)) return actual == expected;
        double allowed = Math.Max(relativeTolerance * Math.Abs(expected), AbsoluteTolerance);
        return Math.Abs(expected - actual) <= allowed;
    }

    private static void CompareList(JsonElement expected, object? actual, string path, List<string> differences, bool tensors)
    {
        string what = tensors ? "a Tensor[]" : "an object?[] tuple";
        if (actual is not object?[] list || (tensors && actual is not Tensor[]))
        {
            differences.Add($"{path}: expected {what} of {expected.GetArrayLength()}, got {Describe(actual)}");
            return;
        }
        if (list.Length != expected.GetArrayLength())
        {
            differences.Add($"{path}: {list.Length} elements, expected {expected.GetArrayLength()}");
            return;
        }
        int i = 0;
        foreach (JsonElement e in expected.EnumerateArray())
        {
            string at = $"{path}[{i}]";
            if (tensors)
            {
                if (list[i] is Tensor t) CompareTensor(e, t, at, differences);
                else differences.Add($"{at}: expected a tensor, got {Describe(list[i])}");
            }
            else
            {
                Compare(e, list[i], at, differences);
            }
            i++;
        }
    }

    private static void CompareScalar(JsonElement expected, Scalar actual, string path, List<string> differences)
    {
        var (kind, value) = FixtureValue.Single(expected);
        var got = (itorch_scalar_kind)actual.Native.kind;
        bool same = kind switch
        {
            "int" => got == itorch_scalar_kind.ITORCH_SCALAR_INT && actual.Native.integer == value.GetInt64(),
            "bool" => got == itorch_scalar_kind.ITORCH_SCALAR_BOOL && (actual.Native.integer != 0) == value.GetBoolean(),
            "float" => got == itorch_scalar_kind.ITORCH_SCALAR_FLOAT && Close(FixtureValue.Double(value), actual.Native.real),
            _ => false,
        };
        if (!same)
        {
            var (gotKind, gotValue) = FixtureValue.Describe(actual);
            differences.Add($"{path}: the Scalar {gotKind} {Format(gotValue)}, expected {kind} {value}");
        }
    }

    private static long[] IntegerElements(Tensor t) => t.DType switch
    {
        DType.Int64 => t.ToArray<long>(),
        DType.Int32 => Array.ConvertAll(t.ToArray<int>(), v => (long)v),
        DType.Int16 => Array.ConvertAll(t.ToArray<short>(), v => (long)v),
        DType.Int8 => Array.ConvertAll(t.ToArray<sbyte>(), v => (long)v),
        DType.UInt8 => Array.ConvertAll(t.ToArray<byte>(), v => (long)v),
        DType.Bool => Array.ConvertAll(t.ToArray<bool>(), v => v ? 1L : 0L),
        _ => throw new InvalidDataException($"Not an integer dtype: {t.DType}."),
    };

    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>What an unexpected result is, for messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        Tensor t when t.IsInvalid || !t.IsDefined => "an undefined tensor",
        Tensor t => $"a {FixtureValue.DTypeName(t.DType)} tensor [{string.Join(",", t.Shape)}]",
        Tensor[] ts => $"a Tensor[] of {ts.Length}",
        object?[] os => $"an object?[] of {os.Length}",
        Scalar s => $"the Scalar {FixtureValue.Describe(s).Kind} {s}",
        _ => $"{value.GetType().Name} {Convert.ToString(value, CultureInfo.InvariantCulture)}",
    };
}
