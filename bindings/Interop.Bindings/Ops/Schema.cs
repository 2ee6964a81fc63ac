namespace Interop.Bindings.Ops;

// One ATen operator schema, as libtorch's ATen/ops/*_ops.h spell it, e.g.
// "add.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)".
internal sealed record Schema(
    string Text, string Name, string Overload, IReadOnlyList<SchemaArgument> Arguments, IReadOnlyList<SchemaReturn> Returns)
{
    // "add.Tensor", or "abs" when the overload is empty: the key Python's torch.ops.aten uses.
    internal string Key => Overload.Length == 0 ? Name : $"{Name}.{Overload}";

    // The struct name in at::_ops (torchgen's unambiguous name).
    internal string StructName => Overload.Length == 0 ? Name : $"{Name}_{Overload}";

    internal bool IsPrivate => Name.StartsWith('_');

    internal bool IsInPlace => Name.EndsWith('_') && !Name.EndsWith("__");

    // out= arguments: keyword-only tensors the op writes into.
    internal IEnumerable<SchemaArgument> OutArguments => Arguments.Where(a => a.IsOut);

    internal IEnumerable<SchemaArgument> InputArguments => Arguments.Where(a => !a.IsOut);

    internal bool IsOutForm => Arguments.Any(a => a.IsOut);

    // What the C ABI and the C# API depend on: argument names, kinds and types, and return types,
    // with SymInt read as int and defaults left out. Equal across libtorch versions when the
    // same binding can call both.
    // An optional int and an optional Scalar count as one: the shim converts between them
    // (libtorch 1.13's std.correction takes int? correction, 2.x's Scalar?).
    internal string Signature =>
        string.Join(", ", Arguments.Select(a => (a.KeywordOnly ? "*" : "") + SignatureShape(a.Type) + (a.Type.Mutable ? "!" : "") + " " + a.Name)) +
        " -> " + string.Join(", ", Returns.Select(r => r.Type.Shape));

    private static string SignatureShape(SchemaType type) => type.Shape == "int?" ? "Scalar?" : type.Shape;
}

internal sealed record SchemaArgument(SchemaType Type, string Name, string? Default, bool KeywordOnly)
{
    internal bool IsOut => KeywordOnly && Type.Mutable && Type.Element == "Tensor";
}

internal sealed record SchemaReturn(SchemaType Type, string? Name);

// A schema type with its annotations taken apart: "Tensor(a!)" is Tensor, mutable, alias a;
// "int[2]" a list of 2; "Tensor?[]" a list of optional tensors; "int[1]?" an optional list.
internal sealed record SchemaType(
    string Element, bool ElementOptional, bool IsList, int? Size, bool ListOptional, string? Alias, bool Mutable)
{
    // The type without alias annotations, with SymInt read as int: the form the C ABI and the
    // C# API depend on, the same in libtorch 1.13 and 2.x.
    internal string Shape
    {
        get
        {
            var element = Element == "SymInt" ? "int" : Element;
            var text = element + (ElementOptional ? "?" : "");
            if (IsList)
            {
                text += "[]" + (ListOptional ? "?" : "");
            }

            return text;
        }
    }
}
