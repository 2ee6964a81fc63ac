namespace Interop.Bindings.Ops;

// A schema with its mapping onto every layer.
internal sealed class BoundOp
{
    private BoundOp(Schema schema, IReadOnlyList<string> versions, IReadOnlyList<ParameterPlan> parameters, ResultPlan result)
    {
        Schema = schema;
        Versions = versions;
        Parameters = parameters;
        Result = result;
    }

    internal Schema Schema { get; }

    // The libtorch versions whose headers declare this schema.
    internal IReadOnlyList<string> Versions { get; }

    // Every argument in schema order, the omitted ones (Generator?) included.
    internal IReadOnlyList<ParameterPlan> Parameters { get; private set; }

    internal ResultPlan Result { get; }

    // The out= form that writes into the result slots, when libtorch has one.
    internal Schema? OutForm { get; set; }

    // Which of the op's arguments the out= form takes, by index (all but the tensor options).
    internal IReadOnlyList<int> OutFormArguments { get; set; } = [];

    // Whether the C# function takes a `result` slot; an overload can take that position (below).
    internal bool HasResultParameter { get; set; } = true;

    internal string CFunction => "itorch_op_" + Schema.StructName;

    internal string MemberName => Names.CSharpMember(Schema.Name);

    // In-place ops are Tensor methods only; the others are Torch functions, and Tensor methods
    // too when their first argument is self.
    internal bool IsInPlace => Schema.IsInPlace;

    internal bool HasMethod =>
        Parameters.Count > 0 && Parameters[0].Argument.Name == "self" && Parameters[0].CSharpType == "Tensor";

    internal IEnumerable<ParameterPlan> CSharpParameters => Parameters.Where(p => p.Marshalling != Marshalling.Omitted);

    // The C# parameter types that overload resolution sees, the result parameter left out.
    internal string SignatureKey(bool asMethod) =>
        string.Join(",", CSharpParameters.Skip(asMethod ? 1 : 0).Select(p => p.CSharpType));

    internal static BoundOp Create(Schema schema, IReadOnlyList<string> versions)
    {
        if (schema.IsInPlace && (schema.Arguments.Count == 0 ||
                                 schema.Arguments[0] is not { Name: "self", Type: { Element: "Tensor", Mutable: true, IsList: false } }))
        {
            throw ArgumentMapper.Unsupported("in-place op whose first argument is not Tensor(a!) self");
        }

        if (!schema.IsInPlace && schema.Arguments.Any(a => a.Type.Mutable))
        {
            throw ArgumentMapper.Unsupported("writes into an argument other than an out= tensor or self");
        }

        var parameters = schema.Arguments.Select(argument => ArgumentMapper.Map(schema, argument)).ToList();
        return new BoundOp(schema, versions, RequiredBeforeOptional(parameters), ResultPlan.For(schema));
    }

    // C# wants optional parameters last. A schema may have a keyword-only argument without a
    // default after ones with defaults: those before it lose their defaults, which keeps
    // PyTorch's argument order.
    private static List<ParameterPlan> RequiredBeforeOptional(List<ParameterPlan> parameters)
    {
        var lastRequired = parameters.FindLastIndex(p => p.Marshalling != Marshalling.Omitted && p.CSharpDefault is null);
        return parameters.Select((p, i) => i < lastRequired && p.CSharpDefault is not null ? p with { CSharpDefault = null } : p)
            .ToList();
    }

    // Makes every C# parameter up to and including `index` (counted after self for a method)
    // required. Used to keep overloads apart (OverloadSets).
    internal void RequireThrough(int index, bool asMethod)
    {
        var skip = asMethod ? 1 : 0;
        var position = -1;
        Parameters = Parameters.Select(p =>
        {
            if (p.Marshalling == Marshalling.Omitted)
            {
                return p;
            }

            position++;
            return position >= skip && position - skip <= index ? p with { CSharpDefault = null } : p;
        }).ToList();
    }

}
