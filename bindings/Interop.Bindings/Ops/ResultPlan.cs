namespace Interop.Bindings.Ops;

// What an op gives back, at each layer.
internal enum ResultKind
{
    // Nothing: () or an in-place op, which returns its self.
    None,
    // One or more tensors, each into a result slot.
    Tensors,
    // A list of tensors of a length known only afterwards (split, unbind), into a tensor list.
    TensorList,
    // One plain value: int, float, bool, Scalar or ScalarType.
    Value,
}

internal sealed record ResultPlan(ResultKind Kind, IReadOnlyList<string?> Names, string? ValueType)
{
    internal int Count => Names.Count;

    internal static ResultPlan For(Schema schema)
    {
        var returns = schema.Returns;
        if (returns.Count == 0 || (schema.IsInPlace && returns.Count == 1 && returns[0].Type.Mutable))
        {
            return new ResultPlan(ResultKind.None, [], null);
        }

        if (returns.All(r => r.Type is { Element: "Tensor", IsList: false, ElementOptional: false }))
        {
            if (returns.Any(r => r.Type.Mutable))
            {
                throw ArgumentMapper.Unsupported("returns a tensor written in place other than self");
            }

            return new ResultPlan(ResultKind.Tensors, returns.Select(r => r.Name).ToList(), null);
        }

        if (returns.Count == 1 && returns[0].Type is { Element: "Tensor", IsList: true, ElementOptional: false, Mutable: false })
        {
            return new ResultPlan(ResultKind.TensorList, [returns[0].Name], null);
        }

        if (returns.Count == 1 && !returns[0].Type.IsList)
        {
            var valueType = returns[0].Type.Shape switch
            {
                "int" => "long",
                "float" => "double",
                "bool" => "bool",
                "Scalar" => "Scalar",
                "ScalarType" => "DType",
                var other => throw ArgumentMapper.Unsupported($"return type {other}"),
            };
            return new ResultPlan(ResultKind.Value, [returns[0].Name], valueType);
        }

        throw ArgumentMapper.Unsupported(
            $"return type ({string.Join(", ", returns.Select(r => r.Type.Shape))})");
    }

    // The C type a value result is written through.
    internal string CValueType => ValueType switch
    {
        "long" => "int64_t",
        "double" => "double",
        "bool" => "uint8_t",
        "Scalar" => "itorch_scalar",
        "DType" => "int32_t",
        _ => throw new InvalidOperationException($"no C type for {ValueType}"),
    };
}
