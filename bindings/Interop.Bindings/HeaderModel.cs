namespace Interop.Bindings;

// What the parser keeps of a header: only declarations whose types passed the ABI rules,
// in header order, with C names verbatim. Comments are lines without their delimiters.

internal sealed record HeaderModel(IReadOnlyList<TypeDeclaration> Types, IReadOnlyList<FunctionDeclaration> Functions);

internal abstract record TypeDeclaration(string Name, IReadOnlyList<string> Comment);

/// <summary>A struct that is declared but never defined, reachable only through pointers.</summary>
internal sealed record OpaqueStructDeclaration(string Name, IReadOnlyList<string> Comment)
    : TypeDeclaration(Name, Comment);

internal sealed record StructDeclaration(
    string Name, IReadOnlyList<string> Comment, IReadOnlyList<FieldDeclaration> Fields)
    : TypeDeclaration(Name, Comment);

internal sealed record FieldDeclaration(string Name, AbiType Type, IReadOnlyList<string> Comment);

internal sealed record EnumDeclaration(
    string Name, IReadOnlyList<string> Comment, IReadOnlyList<EnumConstant> Constants)
    : TypeDeclaration(Name, Comment);

internal sealed record EnumConstant(string Name, int Value, IReadOnlyList<string> Comment);

internal sealed record FunctionDeclaration(
    string Name,
    IReadOnlyList<string> Comment,
    AbiType ReturnType,
    IReadOnlyList<ParameterDeclaration> Parameters,
    bool IsTrivial);

/// <summary>A function parameter; <see cref="Name"/> is empty when the header leaves it unnamed.</summary>
internal sealed record ParameterDeclaration(string Name, AbiType Type);

/// <summary>A C type that the ABI rules allow.</summary>
internal abstract record AbiType;

internal sealed record PrimitiveType(Primitive Kind) : AbiType;

internal sealed record PointerType(AbiType Pointee) : AbiType;

/// <summary>A struct or enum declared (through a typedef) in the header itself.</summary>
internal sealed record NamedType(string Name) : AbiType;

internal sealed record FunctionPointerType(AbiType ReturnType, IReadOnlyList<AbiType> ParameterTypes) : AbiType;

internal enum Primitive
{
    Void,
    Char,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float,
    Double,
}
