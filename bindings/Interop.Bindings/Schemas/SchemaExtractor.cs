using System.Runtime.InteropServices;
using System.Text;
using Interop.Bindings.Clang;

namespace Interop.Bindings.Schemas;

/// <param name="Version">MAJOR.MINOR, as torch/version.h defines them.</param>
/// <param name="Schemas">In header order, duplicates kept.</param>
internal sealed record LibtorchSchemas(string Version, IReadOnlyList<string> Schemas);

// Reads the operator schemas of an installed libtorch through libclang. Every struct in namespace
// at::_ops declares its schema as a static member schema_str: through a macro in 1.13, written
// out in 2.x; once the macro is expanded both are a variable initialized by a string literal.
internal static unsafe class SchemaExtractor
{
    private const string SourceName = "interop-schemas.cpp";
    private const string SchemaMember = "schema_str";
    private const string MajorVariable = "interop_torch_version_major";
    private const string MinorVariable = "interop_torch_version_minor";

    // A macro has no value libclang can evaluate until something uses it, so the version macros
    // initialize two variables of the translation unit's own.
    private const string Source = $"""
        #include <ATen/Operators.h>
        #include <torch/version.h>
        constexpr int {MajorVariable} = TORCH_VERSION_MAJOR;
        constexpr int {MinorVariable} = TORCH_VERSION_MINOR;

        """;

    internal static LibtorchSchemas Extract(IReadOnlyList<string> includeDirectories)
    {
        // libtorch 2.14's headers need C++20 (std::strong_ordering, string_view::starts_with);
        // 1.13's and 2.6's give the same schemas under it as under C++17.
        string[] arguments = ["-x", "c++", "-std=c++20", .. includeDirectories.Select(folder => $"-I{folder}")];
        var index = LibClang.clang_createIndex(excludeDeclarationsFromPch: 0, displayDiagnostics: 0);
        try
        {
            var unit = Parse(index, arguments);
            try
            {
                ClangDiagnostics.ThrowOnErrors(unit);
                var root = LibClang.clang_getTranslationUnitCursor(unit);
                var topLevel = root.Children();
                var version = $"{VersionPart(topLevel, MajorVariable)}.{VersionPart(topLevel, MinorVariable)}";
                var schemas = OperatorStructs(topLevel).SelectMany(SchemaOf).ToList();
                if (schemas.Count == 0)
                {
                    throw new BindingException(
                        $"libtorch {version}: no struct in namespace at::_ops has a {SchemaMember}; " +
                        "the operator headers are not laid out as this extractor expects");
                }

                return new LibtorchSchemas(version, schemas);
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

    private static IntPtr Parse(IntPtr index, string[] arguments)
    {
        var name = Encoding.UTF8.GetBytes(SourceName + "\0");
        var contents = Encoding.UTF8.GetBytes(Source);
        fixed (byte* namePointer = name, contentsPointer = contents)
        {
            var file = new CXUnsavedFile
            {
                Filename = namePointer, Contents = contentsPointer, Length = (nuint)contents.Length,
            };

            // Function bodies hold nothing the extractor reads; skipping them makes the parse a third faster.
            var unit = LibClang.clang_parseTranslationUnit(
                index, SourceName, arguments, arguments.Length, (IntPtr)(&file), 1,
                (uint)CXTranslationUnitFlags.SkipFunctionBodies);
            return unit != IntPtr.Zero
                ? unit
                : throw new BindingException("error: libclang could not parse libtorch's operator headers");
        }
    }

    private static long VersionPart(List<CXCursor> topLevel, string variable)
    {
        var declaration = topLevel.Single(cursor => cursor.Kind == CXCursorKind.VarDecl && cursor.Spelling() == variable);
        var result = LibClang.clang_Cursor_Evaluate(declaration);
        try
        {
            return LibClang.clang_EvalResult_getKind(result) == CXEvalResultKind.Int
                ? LibClang.clang_EvalResult_getAsLongLong(result)
                : throw new BindingException($"error: torch/version.h does not define {variable} as an integer");
        }
        finally
        {
            LibClang.clang_EvalResult_dispose(result);
        }
    }

    // Namespaces are reopened in every header, so at and at::_ops each appear many times.
    private static IEnumerable<CXCursor> OperatorStructs(List<CXCursor> topLevel) =>
        NamespacesNamed(topLevel, "at")
            .SelectMany(at => NamespacesNamed(at.Children(), "_ops"))
            .SelectMany(ops => ops.Children())
            .Where(cursor => cursor.Kind is CXCursorKind.StructDecl or CXCursorKind.ClassDecl);

    private static IEnumerable<CXCursor> NamespacesNamed(List<CXCursor> cursors, string name) =>
        cursors.Where(cursor => cursor.Kind == CXCursorKind.Namespace && cursor.Spelling() == name);

    private static IEnumerable<string> SchemaOf(CXCursor operatorStruct) =>
        operatorStruct.Children()
            .Where(member => member.Kind == CXCursorKind.VarDecl && member.Spelling() == SchemaMember)
            .Select(member => StringValue(operatorStruct, member));

    private static string StringValue(CXCursor operatorStruct, CXCursor member)
    {
        var result = LibClang.clang_Cursor_Evaluate(member);
        try
        {
            if (result == IntPtr.Zero || LibClang.clang_EvalResult_getKind(result) != CXEvalResultKind.StrLiteral)
            {
                var (file, line) = LibClang.clang_getCursorLocation(member).Position();
                throw new BindingException(
                    $"{file}:{line}: error: at::_ops::{operatorStruct.Spelling()}::{SchemaMember} is not initialized by a string literal");
            }

            return Marshal.PtrToStringUTF8((IntPtr)LibClang.clang_EvalResult_getAsStr(result))!;
        }
        finally
        {
            LibClang.clang_EvalResult_dispose(result);
        }
    }
}
