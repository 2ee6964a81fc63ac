using Interop.Bindings.Clang;

namespace Interop.Bindings;

/// <summary>Where a type is written, which decides whether <c>void</c> and <c>char</c> are allowed.</summary>
internal enum TypeRole
{
    Return,
    Parameter,
    Field,
    Pointee,
}

// Enforces the ABI's type rules while translating a libclang type. Integer types are
// recognised by their typedef name, never by their canonical type, so that int, long,
// size_t or bool (whose sizes C leaves to the platform) are rejected even where they
// happen to have the size of a fixed-width type.
internal static class TypeMapper
{
    private static readonly Dictionary<string, Primitive> FixedWidthTypedefs = new()
    {
        ["int8_t"] = Primitive.Int8,
        ["uint8_t"] = Primitive.UInt8,
        ["int16_t"] = Primitive.Int16,
        ["uint16_t"] = Primitive.UInt16,
        ["int32_t"] = Primitive.Int32,
        ["uint32_t"] = Primitive.UInt32,
        ["int64_t"] = Primitive.Int64,
        ["uint64_t"] = Primitive.UInt64,
    };

    internal static AbiType Map(CXType type, TypeRole role) => type.Kind switch
    {
        CXTypeKind.Void when role is TypeRole.Return or TypeRole.Pointee => new PrimitiveType(Primitive.Void),
        CXTypeKind.Char_S or CXTypeKind.Char_U when role is TypeRole.Pointee => new PrimitiveType(Primitive.Char),
        CXTypeKind.Float => new PrimitiveType(Primitive.Float),
        CXTypeKind.Double => new PrimitiveType(Primitive.Double),
        CXTypeKind.Pointer => MapPointer(LibClang.clang_getPointeeType(type)),
        CXTypeKind.Elaborated => Map(LibClang.clang_Type_getNamedType(type), role),
        CXTypeKind.Typedef => MapTypedef(type, role),
        _ => throw new UnsupportedTypeException(WhyUnsupported(type)),
    };

    /// <summary>Looks through <c>struct X</c> / <c>enum X</c> spellings to the type they name.</summary>
    internal static CXType Desugar(CXType type) =>
        type.Kind == CXTypeKind.Elaborated ? LibClang.clang_Type_getNamedType(type) : type;

    private static AbiType MapTypedef(CXType type, TypeRole role)
    {
        var declaration = LibClang.clang_getTypeDeclaration(type);
        var name = declaration.Spelling();
        if (FixedWidthTypedefs.TryGetValue(name, out var primitive))
        {
            return new PrimitiveType(primitive);
        }

        var underlying = LibClang.clang_getTypedefDeclUnderlyingType(declaration);
        if (Desugar(underlying).Kind is not (CXTypeKind.Record or CXTypeKind.Enum))
        {
            // An alias (of a fixed-width type, a pointer, a function pointer): its target decides.
            return Map(underlying, role);
        }

        // A sibling header of the ABI (itorch_ops.h uses itorch.h's types) is bound on its own.
        if (!declaration.IsFromMainFile() && declaration.Folder() != declaration.MainFolder())
        {
            throw new UnsupportedTypeException($"'{name}' is declared outside the ABI's headers, so it has no binding");
        }

        return new NamedType(name);
    }

    // A pointer to a function is one C# type (delegate* unmanaged<...>), not a pointer to one.
    private static AbiType MapPointer(CXType pointee) =>
        pointee.Kind == CXTypeKind.FunctionProto
            ? MapFunction(pointee)
            : new PointerType(Map(pointee, TypeRole.Pointee));

    private static FunctionPointerType MapFunction(CXType function)
    {
        if (LibClang.clang_isFunctionTypeVariadic(function) != 0)
        {
            throw new UnsupportedTypeException("a variadic function cannot be called through delegate* unmanaged");
        }

        var parameters = Enumerable.Range(0, LibClang.clang_getNumArgTypes(function))
            .Select(index => Map(LibClang.clang_getArgType(function, (uint)index), TypeRole.Parameter))
            .ToList();
        return new FunctionPointerType(Map(LibClang.clang_getResultType(function), TypeRole.Return), parameters);
    }

    private static string WhyUnsupported(CXType type) => type.Kind switch
    {
        CXTypeKind.Void => "'void' is allowed only as a return type or behind a pointer",
        CXTypeKind.Char_S or CXTypeKind.Char_U => "'char' is allowed only behind a pointer, as in const char*",
        CXTypeKind.Record or CXTypeKind.Enum => $"'{type.Spelling()}' must be named through its typedef",
        CXTypeKind.FunctionNoProto => "a function type needs a prototype; write (void) for no parameters",
        _ => $"'{type.Spelling()}' is not an ABI type (allowed: int8_t to uint64_t, float, double, " +
             "pointers, and the header's own struct, enum and function-pointer typedefs)",
    };
}

/// <summary>Why a type breaks the ABI rules; the parser adds which declaration uses it.</summary>
internal sealed class UnsupportedTypeException(string reason) : Exception(reason);
