using Interop.Bindings.Clang;

namespace Interop.Bindings;

// Reads the declarations of one C header through libclang into a HeaderModel, checking
// every type against the ABI rules. Problems are collected over the whole header and
// reported together, so one run shows everything that needs fixing.
internal static class HeaderParser
{
    // -fparse-all-comments: clang attaches ordinary /* */ comments, not only /** */ ones.
    private static readonly string[] ClangArguments = ["-x", "c", "-std=c11", "-fparse-all-comments"];

    // Written as __attribute__((annotate("itorch:trivial"))) (ITORCH_TRIVIAL in itorch.h):
    // the function never blocks and returns quickly, so the call may skip the GC transition.
    private const string TrivialAnnotation = "itorch:trivial";

    internal static HeaderModel Parse(string headerPath)
    {
        // libclang reports a missing file only as a null translation unit, without saying why.
        if (!File.Exists(headerPath))
        {
            throw new BindingException($"{headerPath}: error: no such file");
        }

        var index = LibClang.clang_createIndex(excludeDeclarationsFromPch: 0, displayDiagnostics: 0);
        try
        {
            var unit = LibClang.clang_parseTranslationUnit(
                index, headerPath, ClangArguments, ClangArguments.Length, IntPtr.Zero, 0, options: 0);
            if (unit == IntPtr.Zero)
            {
                throw new BindingException($"{headerPath}: error: libclang could not read the header");
            }

            try
            {
                ClangDiagnostics.ThrowOnErrors(unit);
                return ReadDeclarations(LibClang.clang_getTranslationUnitCursor(unit));
            }
            finally
            {
                LibClang.clang_disposeTranslationUnit(unit);
            }
        }
        finally
        {
            LibClang.clang_disposeIndex(index);
        }
    }

    private static HeaderModel ReadDeclarations(CXCursor unit)
    {
        var types = new List<TypeDeclaration>();
        var functions = new List<FunctionDeclaration>();
        var errors = new List<string>();
        foreach (var cursor in unit.Children().Where(cursor => cursor.IsFromMainFile()))
        {
            try
            {
                switch (cursor.Kind)
                {
                    case CXCursorKind.FunctionDecl:
                        functions.Add(ReadFunction(cursor));
                        break;
                    case CXCursorKind.TypedefDecl:
                        // Aliases and function-pointer typedefs declare nothing: they are resolved where used.
                        if (ReadTypedef(cursor) is { } type)
                        {
                            types.Add(type);
                        }

                        break;
                    case CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl:
                        // Bound through their typedef; a use without the typedef is rejected there.
                        break;
                    case CXCursorKind.StaticAssert:
                        // Already checked by clang; a layout assertion binds nothing.
                        break;
                    default:
                        throw Error(
                            cursor,
                            $"'{cursor.Spelling()}' is not a function, struct, enum or typedef, all that is bound");
                }
            }
            catch (BindingException error)
            {
                errors.Add(error.Message);
            }
        }

        if (errors.Count > 0)
        {
            throw new BindingException(string.Join('\n', errors));
        }

        return new HeaderModel(types, functions);
    }

    private static FunctionDeclaration ReadFunction(CXCursor function)
    {
        var name = function.Spelling();
        if (LibClang.clang_getCursorType(function).Kind == CXTypeKind.FunctionNoProto)
        {
            throw Error(function, $"function '{name}' has no prototype; declare it as {name}(void)");
        }

        if (LibClang.clang_Cursor_isVariadic(function) != 0)
        {
            throw Error(function, $"function '{name}' is variadic, which P/Invoke cannot call");
        }

        var returnType = MapType(
            function,
            LibClang.clang_getCursorResultType(function),
            TypeRole.Return,
            $"function '{name}': the return value");
        var parameters = new List<ParameterDeclaration>();
        for (var i = 0; i < LibClang.clang_Cursor_getNumArguments(function); i++)
        {
            var parameter = LibClang.clang_Cursor_getArgument(function, (uint)i);
            var parameterName = parameter.Spelling();
            var type = MapType(
                parameter,
                LibClang.clang_getCursorType(parameter),
                TypeRole.Parameter,
                $"function '{name}': parameter {(parameterName.Length > 0 ? $"'{parameterName}'" : $"#{i + 1}")}");
            parameters.Add(new ParameterDeclaration(parameterName, type));
        }

        var isTrivial = function.Children().Any(child =>
            child.Kind == CXCursorKind.AnnotateAttr && child.Spelling() == TrivialAnnotation);
        return new FunctionDeclaration(name, CommentOf(function), returnType, parameters, isTrivial);
    }

    private static TypeDeclaration? ReadTypedef(CXCursor typedef)
    {
        var target = TypeMapper.Desugar(LibClang.clang_getTypedefDeclUnderlyingType(typedef));
        var tag = LibClang.clang_getTypeDeclaration(target);
        return target.Kind switch
        {
            CXTypeKind.Record when tag.Kind == CXCursorKind.UnionDecl =>
                throw Error(typedef, $"'{typedef.Spelling()}' is a union, which the ABI does not allow"),
            CXTypeKind.Record => ReadStruct(typedef, tag),
            CXTypeKind.Enum => ReadEnum(typedef, tag),
            _ => null,
        };
    }

    private static TypeDeclaration ReadStruct(CXCursor typedef, CXCursor tag)
    {
        var name = typedef.Spelling();
        var comment = CommentOfTypedef(typedef, tag);
        var definition = LibClang.clang_getCursorDefinition(tag);
        if (definition.IsNull())
        {
            return new OpaqueStructDeclaration(name, comment);
        }

        var fields = definition.Children()
            .Where(child => child.Kind == CXCursorKind.FieldDecl)
            .Select(field => ReadField(name, field))
            .ToList();
        return new StructDeclaration(name, comment, fields);
    }

    private static FieldDeclaration ReadField(string structName, CXCursor field)
    {
        var name = field.Spelling();
        if (LibClang.clang_Cursor_isBitField(field) != 0)
        {
            throw Error(
                field, $"struct '{structName}': field '{name}' is a bit-field, whose layout C# cannot reproduce");
        }

        var type = MapType(
            field, LibClang.clang_getCursorType(field), TypeRole.Field, $"struct '{structName}': field '{name}'");
        return new FieldDeclaration(name, type, CommentOf(field));
    }

    private static EnumDeclaration ReadEnum(CXCursor typedef, CXCursor tag)
    {
        var name = typedef.Spelling();
        var constants = tag.Children()
            .Where(child => child.Kind == CXCursorKind.EnumConstantDecl)
            .Select(constant => ReadEnumConstant(name, constant))
            .ToList();
        return new EnumDeclaration(name, CommentOfTypedef(typedef, tag), constants);
    }

    private static EnumConstant ReadEnumConstant(string enumName, CXCursor constant)
    {
        var name = constant.Spelling();
        var value = LibClang.clang_getEnumConstantDeclValue(constant);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Error(
                constant, $"enum '{enumName}': {name} = {value} does not fit in int32_t, the size of a C enum");
        }

        return new EnumConstant(name, (int)value, CommentOf(constant));
    }

    private static AbiType MapType(CXCursor declaration, CXType type, TypeRole role, string usage)
    {
        try
        {
            return TypeMapper.Map(type, role);
        }
        catch (UnsupportedTypeException unsupported)
        {
            throw Error(declaration, $"{usage} has type '{type.Spelling()}': {unsupported.Message}");
        }
    }

    // In `typedef struct X { ... } X;` clang attaches the comment to the struct, not the
    // typedef; in `typedef struct X X;` to the typedef.
    private static IReadOnlyList<string> CommentOfTypedef(CXCursor typedef, CXCursor tag) =>
        CommentOf(typedef) is { Count: > 0 } comment ? comment : CommentOf(tag);

    private static IReadOnlyList<string> CommentOf(CXCursor declaration)
    {
        var raw = LibClang.clang_Cursor_getRawCommentText(declaration).ToManagedAndDispose();
        if (raw.Length == 0)
        {
            return [];
        }

        // clang takes the nearest comment above a declaration even across blank lines, but a
        // comment set apart by a blank line heads a section of the header, not this declaration.
        var commentEnd = LibClang.clang_getRangeEnd(LibClang.clang_Cursor_getCommentRange(declaration));
        var declarationStart = LibClang.clang_getRangeStart(LibClang.clang_getCursorExtent(declaration));
        return commentEnd.Position().Line + 1 >= declarationStart.Position().Line ? CommentText.ToLines(raw) : [];
    }

    private static BindingException Error(CXCursor cursor, string message)
    {
        var (file, line) = LibClang.clang_getCursorLocation(cursor).Position();
        return new BindingException($"{file}:{line}: error: {message}");
    }
}
