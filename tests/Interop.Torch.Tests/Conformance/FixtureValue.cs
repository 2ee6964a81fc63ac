using System.Globalization;
using System.Text.Json;
using Interop.Torch.Native;

namespace Interop.Torch.Tests.Conformance;

/// <summary>Reading the fixture's values: each is a JSON object with one property naming its kind.</summary>
internal static class FixtureValue
{
    /// <summary>The kind and the body of a value such as <c>{"int":1}</c>.</summary>
    public static (string Kind, JsonElement Body) Single(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"A fixture value must be an object, not {value}.");
        using var properties = value.EnumerateObject();
        if (!properties.MoveNext()) throw new InvalidDataException("An empty fixture value.");
        JsonProperty first = properties.Current;
        if (properties.MoveNext()) throw new InvalidDataException($"A fixture value with more than one kind: {value}.");
        return (first.Name, first.Value);
    }

    public static DType ParseDType(string? name) => name switch
    {
        "float32" => DType.Float32,
        "float64" => DType.Float64,
        "int64" => DType.Int64,
        "int32" => DType.Int32,
        "int16" => DType.Int16,
        "int8" => DType.Int8,
        "uint8" => DType.UInt8,
        "bool" => DType.Bool,
        "float16" => DType.Float16,
        "bfloat16" => DType.BFloat16,
        _ => throw new InvalidDataException($"Unknown fixture dtype '{name}'."),
    };

    public static string DTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int64 => "int64",
        DType.Int32 => "int32",
        DType.Int16 => "int16",
        DType.Int8 => "int8",
        DType.UInt8 => "uint8",
        DType.Bool => "bool",
        DType.Float16 => "float16",
        DType.BFloat16 => "bfloat16",
        _ => dtype.ToString(),
    };

    public static bool IsFloating(DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>A number, or one of the strings "nan", "inf", "-inf".</summary>
    public static double Double(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new InvalidDataException($"Not a float: '{s}'."),
        },
        _ => throw new InvalidDataException($"Not a float: {e}."),
    };

    public static long[] Shape(JsonElement tensor) =>
        tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static double[] FloatData(JsonElement tensor) =>
        tensor.GetProperty("data").EnumerateArray().Select(Double).ToArray();

    /// <summary>Integer and bool elements as longs (true = 1).</summary>
    public static long[] IntegerData(JsonElement tensor) =>
        tensor.GetProperty("data").EnumerateArray()
            .Select(e => e.ValueKind switch
            {
                JsonValueKind.True => 1L,
                JsonValueKind.False => 0L,
                _ => e.GetInt64(),
            })
            .ToArray();

    /// <summary>A new CPU tensor holding a fixture TENSOR (<c>{"dtype":..,"shape":..,"data":..}</c>).</summary>
    public static Tensor MakeTensor(JsonElement tensor)
    {
        DType dtype = ParseDType(tensor.GetProperty("dtype").GetString());
        long[] shape = Shape(tensor);
        // FromData reads an empty shape as "one-dimensional": a 0-dim tensor is made as [1] and reshaped.
        long[] made = shape.Length == 0 ? [1] : shape;
        Tensor flat = dtype switch
        {
            DType.Float32 => Tensor.FromData<float>(Array.ConvertAll(FloatData(tensor), v => (float)v), made),
            DType.Float64 => Tensor.FromData<double>(FloatData(tensor), made),
            DType.Int64 => Tensor.FromData<long>(IntegerData(tensor), made),
            DType.Int32 => Tensor.FromData<int>(Array.ConvertAll(IntegerData(tensor), v => checked((int)v)), made),
            DType.Int16 => Tensor.FromData<short>(Array.ConvertAll(IntegerData(tensor), v => checked((short)v)), made),
            DType.Int8 => Tensor.FromData<sbyte>(Array.ConvertAll(IntegerData(tensor), v => checked((sbyte)v)), made),
            DType.UInt8 => Tensor.FromData<byte>(Array.ConvertAll(IntegerData(tensor), v => checked((byte)v)), made),
            DType.Bool => Tensor.FromData<bool>(Array.ConvertAll(IntegerData(tensor), v => v != 0), made),
            _ => throw new InvalidDataException($"The fixtures hold no {dtype} input tensors."),
        };
        if (shape.Length != 0) return flat;
        using (flat) return flat.Reshape([]);
    }

    public static Scalar MakeScalar(JsonElement body)
    {
        var (kind, value) = Single(body);
        return kind switch
        {
            "int" => (Scalar)value.GetInt64(),
            "float" => (Scalar)Double(value),
            "bool" => (Scalar)value.GetBoolean(),
            _ => throw new InvalidDataException($"Unknown scalar kind '{kind}'."),
        };
    }

    /// <summary>"int 2", "float 2.5", "bool true": a Scalar's kind and value, for messages and comparison.</summary>
    public static (string Kind, double Value) Describe(Scalar s) => (itorch_scalar_kind)s.Native.kind switch
    {
        itorch_scalar_kind.ITORCH_SCALAR_INT => ("int", (double)s.Native.integer),
        itorch_scalar_kind.ITORCH_SCALAR_BOOL => ("bool", s.Native.integer != 0 ? 1.0 : 0.0),
        _ => ("float", s.Native.real),
    };

    /// <summary>
    /// A value of the Interop enum named <paramref name="typeName"/> (MemoryFormat, Layout) whose member
    /// matches the fixture's snake_case name ("channels_last" matches ChannelsLast or ChannelsLastFormat).
    /// The generated op layer defines these types; they are found by name so that this reader does not
    /// fix their namespace.
    /// </summary>
    public static object ParseEnum(string typeName, string value)
    {
        Type type = FindEnum(typeName)
            ?? throw new NotSupportedException($"No enum type named {typeName} in the Interop assemblies, for the fixture value '{value}'.");
        string wanted = Normalize(value);
        foreach (string name in Enum.GetNames(type))
        {
            string n = Normalize(name);
            if (n == wanted || n == wanted + "format") return Enum.Parse(type, name);
        }
        throw new NotSupportedException($"{type.FullName} has no member for the fixture value '{value}' ({string.Join(", ", Enum.GetNames(type))}).");
    }

    private static readonly Dictionary<string, Type?> Enums = [];

    private static Type? FindEnum(string typeName)
    {
        lock (Enums)
        {
            if (!Enums.TryGetValue(typeName, out Type? found))
            {
                found = new[] { typeof(Tensor).Assembly, typeof(DType).Assembly }
                    .SelectMany(a => a.GetTypes())
                    .Where(t => t.IsEnum && t.IsPublic && t.Name == typeName && (t.Namespace ?? "").StartsWith("Interop", StringComparison.Ordinal))
                    .OrderBy(t => t.FullName, StringComparer.Ordinal)
                    .FirstOrDefault();
                Enums[typeName] = found;
            }
            return found;
        }
    }

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);
}
