using System.Runtime.InteropServices;

namespace Interop.Bindings.Clang;

// The subset of libclang's C API the generator uses, declared by hand (no ClangSharp here).
// Names and signatures follow clang-c/Index.h so the header documents them.
internal static unsafe partial class LibClang
{
    internal const string LibraryName = "libclang";

    static LibClang() => LibClangLoader.Register();

    [LibraryImport(LibraryName)]
    internal static partial IntPtr clang_createIndex(int excludeDeclarationsFromPch, int displayDiagnostics);

    [LibraryImport(LibraryName)]
    internal static partial void clang_disposeIndex(IntPtr index);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr clang_parseTranslationUnit(
        IntPtr index, string sourceFilename, string[] commandLineArgs, int numCommandLineArgs,
        IntPtr unsavedFiles, uint numUnsavedFiles, uint options);

    [LibraryImport(LibraryName)]
    internal static partial void clang_disposeTranslationUnit(IntPtr translationUnit);

    [LibraryImport(LibraryName)]
    internal static partial uint clang_getNumDiagnostics(IntPtr translationUnit);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr clang_getDiagnostic(IntPtr translationUnit, uint index);

    [LibraryImport(LibraryName)]
    internal static partial void clang_disposeDiagnostic(IntPtr diagnostic);

    [LibraryImport(LibraryName)]
    internal static partial CXDiagnosticSeverity clang_getDiagnosticSeverity(IntPtr diagnostic);

    [LibraryImport(LibraryName)]
    internal static partial CXString clang_formatDiagnostic(IntPtr diagnostic, uint options);

    [LibraryImport(LibraryName)]
    internal static partial uint clang_defaultDiagnosticDisplayOptions();

    [LibraryImport(LibraryName)]
    internal static partial CXCursor clang_getTranslationUnitCursor(IntPtr translationUnit);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr clang_Cursor_getTranslationUnit(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXString clang_getTranslationUnitSpelling(IntPtr translationUnit);

    [LibraryImport(LibraryName)]
    internal static partial uint clang_visitChildren(
        CXCursor parent, delegate* unmanaged<CXCursor, CXCursor, IntPtr, CXChildVisitResult> visitor,
        IntPtr clientData);

    [LibraryImport(LibraryName)]
    internal static partial CXString clang_getCursorSpelling(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXType clang_getCursorType(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXType clang_getCursorResultType(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial int clang_Cursor_getNumArguments(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXCursor clang_Cursor_getArgument(CXCursor cursor, uint index);

    [LibraryImport(LibraryName)]
    internal static partial uint clang_Cursor_isVariadic(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial uint clang_Cursor_isBitField(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXCursor clang_getCursorDefinition(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial int clang_Cursor_isNull(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXType clang_getTypedefDeclUnderlyingType(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial long clang_getEnumConstantDeclValue(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXString clang_Cursor_getRawCommentText(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXSourceRange clang_Cursor_getCommentRange(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXSourceRange clang_getCursorExtent(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXSourceLocation clang_getCursorLocation(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXSourceLocation clang_getRangeStart(CXSourceRange range);

    [LibraryImport(LibraryName)]
    internal static partial CXSourceLocation clang_getRangeEnd(CXSourceRange range);

    [LibraryImport(LibraryName)]
    internal static partial int clang_Location_isFromMainFile(CXSourceLocation location);

    [LibraryImport(LibraryName)]
    internal static partial void clang_getExpansionLocation(
        CXSourceLocation location, out IntPtr file, out uint line, out uint column, out uint offset);

    [LibraryImport(LibraryName)]
    internal static partial CXString clang_getFileName(IntPtr file);

    [LibraryImport(LibraryName)]
    internal static partial CXString clang_getTypeSpelling(CXType type);

    [LibraryImport(LibraryName)]
    internal static partial CXType clang_getPointeeType(CXType type);

    [LibraryImport(LibraryName)]
    internal static partial CXType clang_Type_getNamedType(CXType type);

    [LibraryImport(LibraryName)]
    internal static partial CXCursor clang_getTypeDeclaration(CXType type);

    [LibraryImport(LibraryName)]
    internal static partial CXType clang_getResultType(CXType functionType);

    [LibraryImport(LibraryName)]
    internal static partial int clang_getNumArgTypes(CXType functionType);

    [LibraryImport(LibraryName)]
    internal static partial CXType clang_getArgType(CXType functionType, uint index);

    [LibraryImport(LibraryName)]
    internal static partial uint clang_isFunctionTypeVariadic(CXType functionType);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr clang_Cursor_Evaluate(CXCursor cursor);

    [LibraryImport(LibraryName)]
    internal static partial CXEvalResultKind clang_EvalResult_getKind(IntPtr result);

    [LibraryImport(LibraryName)]
    internal static partial long clang_EvalResult_getAsLongLong(IntPtr result);

    [LibraryImport(LibraryName)]
    internal static partial byte* clang_EvalResult_getAsStr(IntPtr result);

    [LibraryImport(LibraryName)]
    internal static partial void clang_EvalResult_dispose(IntPtr result);

    [LibraryImport(LibraryName)]
    internal static partial byte* clang_getCString(CXString text);

    [LibraryImport(LibraryName)]
    internal static partial void clang_disposeString(CXString text);
}
