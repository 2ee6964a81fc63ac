using System.Globalization;

namespace Interop.Bindings.Ops;

// Maps a schema argument onto the three layers, or says why it cannot be mapped. The C ABI
// keeps to the header rules (fixed-width types, pointers for optional values, a pointer and a
// count for lists); the C++ side converts through the helpers of native/torch/ops/arguments.hpp,
// which accept libtorch 1.13's and 2.x's parameter types alike.
internal static class ArgumentMapper
{
    internal static ParameterPlan Map(Schema schema, SchemaArgument argument)
    {
        var c = Names.CParameter(argument.Name);
        var quoted = Quote(argument.Name);
        var type = argument.Type;
        var hasDefault = argument.Default is not null && argument.Default != "None";
        var none = argument.Default == "None" ? "null" : null;
        var shape = type.Shape;

        if (type.Element == "Tensor" && type.IsList && type.Mutable)
        {
            throw Unsupported("a list of tensors written in place");
        }

        return shape switch
        {
            "Tensor" when type.Mutable => Plan(argument, [$"itorch_tensor* {c}"], $"itorch::ops::MutableTensor({c}, {quoted})",
                "Tensor", null, Marshalling.Tensor, "(Tensor)"),
            "Tensor" => Plan(argument, [$"const itorch_tensor* {c}"], $"itorch::ops::tensor({c}, {quoted})",
                "Tensor", null, Marshalling.Tensor, "(Tensor)"),
            "Tensor?" => Plan(argument, [$"const itorch_tensor* {c}"], $"itorch::ops::optional_tensor({c})",
                "Tensor?", none, Marshalling.Tensor, "(Tensor?)"),
            "Tensor[]" => Plan(argument, [$"const itorch_tensor* const* {c}", $"int64_t {c}_count"],
                $"itorch::ops::TensorList({c}, {c}_count, {quoted})", "ReadOnlySpan<Tensor>", null, Marshalling.TensorList,
                "(Tensor[])"),
            "Tensor?[]" => Plan(argument, [$"const itorch_tensor* const* {c}", $"int64_t {c}_count"],
                $"itorch::ops::OptionalTensorList({c}, {c}_count)", "ReadOnlySpan<Tensor?>", null, Marshalling.TensorList,
                "(Tensor?[])"),
            // Losses take at::Reduction as an int (reduction=Mean); C# gets the Reduction enum.
            "int" when argument.Name == "reduction" => Plan(argument, [$"int64_t {c}"], $"itorch::ops::reduction({c})",
                "Reduction", argument.Default is null ? null : "Reduction." + argument.Default, Marshalling.Enum,
                "(Reduction)(long)"),
            "int" => Plan(argument, [$"int64_t {c}"], $"itorch::ops::Int({c})", "long", IntDefault(argument),
                Marshalling.Value, "(long)"),
            "int?" => Plan(argument, [$"const int64_t* {c}"], $"itorch::ops::OptionalInt({c})", "long?",
                argument.Default is null ? null : IntDefault(argument) ?? "null", Marshalling.NullableValue, "(long?)"),
            "int[]" => Plan(argument, [$"const int64_t* {c}", $"int64_t {c}_count"],
                $"itorch::ops::IntList({c}, {c}_count, {type.Size ?? 0}{IntListDefault(argument)})",
                "ReadOnlySpan<long>", hasDefault ? "default" : null, Marshalling.Span, "(long[]?)"),
            "int[]?" => Plan(argument, [$"const int64_t* {c}", $"int64_t {c}_count"],
                $"itorch::ops::OptionalIntList({c}, {c}_count, {type.Size ?? 0})", "ReadOnlySpan<long>",
                argument.Default is null ? null : "default", Marshalling.Span, "(long[]?)"),
            "float" => Plan(argument, [$"double {c}"], c, "double", FloatDefault(argument), Marshalling.Value, "(double)"),
            "float?" => Plan(argument, [$"const double* {c}"], $"itorch::ops::optional({c})", "double?",
                argument.Default is null ? null : FloatDefault(argument) ?? "null", Marshalling.NullableValue, "(double?)"),
            "float[]?" => Plan(argument, [$"const double* {c}", $"int64_t {c}_count"],
                $"itorch::ops::OptionalDoubleList({c}, {c}_count)", "ReadOnlySpan<double>",
                argument.Default is null ? null : "default", Marshalling.Span, "(double[]?)"),
            "bool" => Plan(argument, [$"uint8_t {c}"], $"({c} != 0)", "bool", BoolDefault(argument), Marshalling.Bool,
                "(bool)"),
            "bool?" => Plan(argument, [$"const uint8_t* {c}"], $"itorch::ops::optional_bool({c})", "bool?",
                argument.Default is null ? null : BoolDefault(argument) ?? "null", Marshalling.NullableBool, "(bool?)"),
            "bool[]" when type.Size is not null && argument.Default is null => Plan(argument,
                [$"const uint8_t* {c}", $"int64_t {c}_count"], $"itorch::ops::BoolArray<{type.Size}>({c}, {c}_count, {quoted})",
                "ReadOnlySpan<bool>", null, Marshalling.BoolSpan, "(bool[])"),
            "Scalar" when hasDefault => Plan(argument, [$"const itorch_scalar* {c}"],
                $"itorch::ops::scalar_or({c}, {CppScalar(argument.Default!)})", "Scalar?", "null", Marshalling.NullableScalar,
                "OptionalScalar"),
            "Scalar" => Plan(argument, [$"itorch_scalar {c}"], $"itorch::scalar({c})", "Scalar", null, Marshalling.Scalar,
                "RequiredScalar"),
            "Scalar?" => Plan(argument, [$"const itorch_scalar* {c}"], $"itorch::ops::optional_scalar({c})", "Scalar?",
                none, Marshalling.NullableScalar, "OptionalScalar"),
            "ScalarType" => Plan(argument, [$"int32_t {c}"], $"itorch::scalar_type({c})", "DType",
                EnumDefault(argument, DTypes), Marshalling.Enum, "(DType)"),
            "ScalarType?" => Plan(argument, [$"int32_t {c}"], $"itorch::ops::optional_scalar_type({c})", "DType?",
                argument.Default is null ? null : EnumDefault(argument, DTypes) ?? "null", Marshalling.NullableEnum,
                "(DType?)"),
            "Layout?" => Plan(argument, [$"int32_t {c}"], $"itorch::ops::optional_layout({c})", "Layout?",
                argument.Default is null ? null : EnumDefault(argument, Layouts) ?? "null", Marshalling.NullableEnum,
                "(Layout?)"),
            "MemoryFormat" => Plan(argument, [$"int32_t {c}"], $"itorch::ops::memory_format({c})", "MemoryFormat",
                EnumDefault(argument, MemoryFormats), Marshalling.Enum, "(MemoryFormat)"),
            "MemoryFormat?" => Plan(argument, [$"int32_t {c}"], $"itorch::ops::optional_memory_format({c})",
                "MemoryFormat?", argument.Default is null ? null : EnumDefault(argument, MemoryFormats) ?? "null",
                Marshalling.NullableEnum, "(MemoryFormat?)"),
            "Device" => Plan(argument, [$"int32_t {c}_type", $"int32_t {c}_index"], $"itorch::device({c}_type, {c}_index)",
                "Device", null, Marshalling.Device, "(Device)"),
            "Device?" => Plan(argument, [$"int32_t {c}_type", $"int32_t {c}_index"],
                $"itorch::ops::optional_device({c}_type, {c}_index)", "Device?", none, Marshalling.NullableDevice,
                "(Device?)"),
            "str" => Plan(argument, [$"const char* {c}"], $"itorch::ops::text({c}, {quoted})", "string",
                StringDefault(argument), Marshalling.Text, "(string)"),
            "str?" => Plan(argument, [$"const char* {c}"], $"itorch::ops::optional_text({c})", "string?",
                argument.Default is null ? null : StringDefault(argument) ?? "null", Marshalling.Text, "(string?)"),
            // Random ops use libtorch's default generator; choosing another is not offered.
            "Generator?" => Plan(argument, [], "c10::optional<at::Generator>()", "", null, Marshalling.Omitted, ""),
            "Dimname" => Plan(argument, [$"const char* {c}"], $"itorch::ops::dimname({c}, {quoted})", "string", null,
                Marshalling.Text, "(string)"),
            "Dimname[]" => Plan(argument, [$"const char* const* {c}", $"int64_t {c}_count"],
                $"itorch::ops::DimnameList({c}, {c}_count, {quoted})", "ReadOnlySpan<string>", null, Marshalling.TextList,
                "(string[])"),
            "Dimname[]?" => Plan(argument, [$"const char* const* {c}", $"int64_t {c}_count"],
                $"itorch::ops::OptionalDimnameList({c}, {c}_count)", "ReadOnlySpan<string>",
                argument.Default is null ? null : "default", Marshalling.TextList, "(string[]?)"),
            _ => throw Unsupported($"argument type {shape}"),
        };
    }

    private static ParameterPlan Plan(SchemaArgument argument, string[] cParameters, string cpp, string csharpType,
        string? csharpDefault, Marshalling marshalling, string invokerCast) =>
        new(argument, cParameters, cpp, csharpType, csharpDefault, marshalling, invokerCast);

    internal static UnsupportedSchemaException Unsupported(string what) => new(what);

    private static string Quote(string text) => "\"" + text + "\"";

    // at::Reduction's values, which schemas write by name (int reduction=Mean).
    private static readonly Dictionary<string, string> Reductions = new() { ["None"] = "0", ["Mean"] = "1", ["Sum"] = "2" };

    private static string? IntDefault(SchemaArgument argument) => argument.Default switch
    {
        null or "None" => null,
        var text when Reductions.TryGetValue(text, out var value) => value,
        var text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => text,
        var text => throw Unsupported($"int default {text}"),
    };

    // The C++ default list of an int[] argument, appended to the IntList call: the C# side passes
    // an empty span to mean "the default".
    private static string IntListDefault(SchemaArgument argument)
    {
        if (argument.Default is null)
        {
            return "";
        }

        var text = argument.Default.Trim();
        IEnumerable<string> values = text.StartsWith('[')
            ? text[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : Enumerable.Repeat(text, argument.Type.Size ?? 1);
        var list = values.ToList();
        if (list.Any(value => !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw Unsupported($"int[] default {text}");
        }

        return ", {" + string.Join(", ", list) + "}";
    }

    private static string? FloatDefault(SchemaArgument argument) => argument.Default switch
    {
        null or "None" => null,
        "inf" => "double.PositiveInfinity",
        "-inf" => "double.NegativeInfinity",
        var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) =>
            value.ToString("R", CultureInfo.InvariantCulture) is var written && (written.Contains('.') || written.Contains('E'))
                ? written
                : written + ".0",
        var text => throw Unsupported($"float default {text}"),
    };

    private static string? BoolDefault(SchemaArgument argument) => argument.Default switch
    {
        null or "None" => null,
        "True" => "true",
        "False" => "false",
        var text => throw Unsupported($"bool default {text}"),
    };

    private static string? StringDefault(SchemaArgument argument) => argument.Default switch
    {
        null or "None" => null,
        var text when text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[^1] == text[0] =>
            "\"" + text[1..^1].Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        var text => throw Unsupported($"str default {text}"),
    };

    private static readonly Dictionary<string, string> DTypes = new()
    {
        ["Byte"] = "DType.UInt8", ["Char"] = "DType.Int8", ["Short"] = "DType.Int16", ["int"] = "DType.Int32",
        ["long"] = "DType.Int64", ["Half"] = "DType.Float16", ["float"] = "DType.Float32", ["double"] = "DType.Float64",
        ["bool"] = "DType.Bool", ["BFloat16"] = "DType.BFloat16",
    };

    private static readonly Dictionary<string, string> Layouts = new() { ["strided"] = "Layout.Strided" };

    private static readonly Dictionary<string, string> MemoryFormats = new()
    {
        ["contiguous_format"] = "MemoryFormat.Contiguous", ["preserve_format"] = "MemoryFormat.Preserve",
        ["channels_last"] = "MemoryFormat.ChannelsLast", ["channels_last_3d"] = "MemoryFormat.ChannelsLast3d",
    };

    private static string? EnumDefault(SchemaArgument argument, Dictionary<string, string> names) => argument.Default switch
    {
        null or "None" => null,
        var text when names.TryGetValue(text, out var name) => name,
        var text => throw Unsupported($"default {text} of {argument.Type.Shape}"),
    };

    // A Scalar default as C++: integers stay integers, as the schema's literal says.
    private static string CppScalar(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? $"at::Scalar(int64_t{{{text}}})"
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"at::Scalar({text})"
                : throw Unsupported($"Scalar default {text}");
}

// Why a schema is not bound; the reason is listed in docs/ops.md.
internal sealed class UnsupportedSchemaException(string reason) : Exception(reason);
