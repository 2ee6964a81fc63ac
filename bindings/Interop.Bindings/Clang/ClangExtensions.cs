using System.Runtime.InteropServices;

namespace Interop.Bindings.Clang;

// Managed conveniences over the raw imports: strings copied out and disposed, children
// collected into a list, locations resolved to a line number.
internal static unsafe class ClangExtensions
{
    internal static string ToManagedAndDispose(this CXString text)
    {
        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)LibClang.clang_getCString(text)) ?? "";
        }
        finally
        {
            LibClang.clang_disposeString(text);
        }
    }

    internal static string Spelling(this CXCursor cursor) =>
        LibClang.clang_getCursorSpelling(cursor).ToManagedAndDispose();

    internal static string Spelling(this CXType type) =>
        LibClang.clang_getTypeSpelling(type).ToManagedAndDispose();

    internal static bool IsNull(this CXCursor cursor) => LibClang.clang_Cursor_isNull(cursor) != 0;

    internal static bool IsFromMainFile(this CXCursor cursor) =>
        LibClang.clang_Location_isFromMainFile(LibClang.clang_getCursorLocation(cursor)) != 0;

    // The folder of the file the cursor is declared in.
    internal static string Folder(this CXCursor cursor) =>
        Path.GetDirectoryName(Path.GetFullPath(LibClang.clang_getCursorLocation(cursor).Position().File)) ?? "";

    // The folder of the header being parsed (the translation unit's main file).
    internal static string MainFolder(this CXCursor cursor)
    {
        var mainFile = LibClang.clang_getTranslationUnitSpelling(LibClang.clang_Cursor_getTranslationUnit(cursor)).ToManagedAndDispose();
        return Path.GetDirectoryName(Path.GetFullPath(mainFile)) ?? "";
    }

    internal static List<CXCursor> Children(this CXCursor parent)
    {
        var children = new List<CXCursor>();
        using var handle = new GCHandle<List<CXCursor>>(children);
        LibClang.clang_visitChildren(parent, &CollectChild, GCHandle<List<CXCursor>>.ToIntPtr(handle));
        return children;
    }

    // Where the cursor's text is written; macro expansions count as the line that uses the macro.
    internal static (string File, uint Line) Position(this CXSourceLocation location)
    {
        LibClang.clang_getExpansionLocation(location, out var file, out var line, out _, out _);
        return (LibClang.clang_getFileName(file).ToManagedAndDispose(), line);
    }

    [UnmanagedCallersOnly]
    private static CXChildVisitResult CollectChild(CXCursor cursor, CXCursor parent, IntPtr children)
    {
        GCHandle<List<CXCursor>>.FromIntPtr(children).Target.Add(cursor);
        return CXChildVisitResult.Continue;
    }
}
