namespace Interop.Bindings.Ops;

// How one schema argument crosses each layer: its C parameters, the C++ expression that turns
// them into what libtorch's typed call takes, and the C# parameter with its marshalling.
internal sealed record ParameterPlan(
    SchemaArgument Argument,
    // C parameter declarations, e.g. "const int64_t* dim", "int64_t dim_count".
    IReadOnlyList<string> CParameters,
    // The C++ argument built from the C parameters (shim side).
    string CppArgument,
    // The public C# parameter type and, when optional, its default ("null", "false", "-1"...).
    string CSharpType,
    string? CSharpDefault,
    // The kind of marshalling the C# wrapper does (see ManagedOpsEmitter).
    Marshalling Marshalling,
    // How the test invoker turns a boxed argument into CSharpType.
    string InvokerCast)
{
    internal string CName => Argument.Name;

    internal string CSharpName => Names.CSharpParameter(Argument.Name);
}

internal enum Marshalling
{
    // Not a C# parameter: the shim passes libtorch's default.
    Omitted,
    Tensor,
    TensorList,
    Value,
    NullableValue,
    Bool,
    NullableBool,
    Enum,
    NullableEnum,
    Scalar,
    NullableScalar,
    Span,
    BoolSpan,
    Device,
    NullableDevice,
    Text,
    TextList,
}
