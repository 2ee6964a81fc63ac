using System.Diagnostics;

namespace Interop.Bindings;

// How C names and ABI types are written in C#. C names are kept verbatim; only the ones
// that collide with a C# keyword get the @ prefix that makes them identifiers again.
internal static class CSharpNames
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly",
        "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct",
        "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe",
        "ushort", "using", "virtual", "void", "volatile", "while",
    ];

    internal static string Identifier(string name) => Keywords.Contains(name) ? "@" + name : name;

    internal static string TypeName(AbiType type) => type switch
    {
        PrimitiveType primitive => PrimitiveName(primitive.Kind),
        PointerType pointer => TypeName(pointer.Pointee) + "*",
        NamedType named => Identifier(named.Name),
        // delegate* lists the parameter types, then the return type.
        FunctionPointerType function =>
            "delegate* unmanaged<" +
            string.Join(", ", function.ParameterTypes.Append(function.ReturnType).Select(TypeName)) + ">",
        _ => throw new UnreachableException($"unknown ABI type {type}"),
    };

    private static string PrimitiveName(Primitive primitive) => primitive switch
    {
        Primitive.Void => "void",
        // C strings are bytes (UTF-8 by the ABI's convention), never UTF-16 chars.
        Primitive.Char => "byte",
        Primitive.Int8 => "sbyte",
        Primitive.UInt8 => "byte",
        Primitive.Int16 => "short",
        Primitive.UInt16 => "ushort",
        Primitive.Int32 => "int",
        Primitive.UInt32 => "uint",
        Primitive.Int64 => "long",
        Primitive.UInt64 => "ulong",
        Primitive.Float => "float",
        Primitive.Double => "double",
        _ => throw new UnreachableException($"unknown primitive {primitive}"),
    };
}
