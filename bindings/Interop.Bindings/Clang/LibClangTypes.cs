namespace Interop.Bindings.Clang;

// Mirrors of the value types in clang-c/Index.h (libclang 14). Only the members and
// enumerators the generator reads are declared.

internal struct CXCursor
{
    public CXCursorKind Kind;
    public int XData;
    public IntPtr Data0;
    public IntPtr Data1;
    public IntPtr Data2;
}

internal struct CXType
{
    public CXTypeKind Kind;
    public IntPtr Data0;
    public IntPtr Data1;
}

internal struct CXString
{
    public IntPtr Data;
    public uint Flags;
}

internal struct CXSourceLocation
{
    public IntPtr PointerData0;
    public IntPtr PointerData1;
    public uint IntData;
}

internal struct CXSourceRange
{
    public IntPtr PointerData0;
    public IntPtr PointerData1;
    public uint BeginIntData;
    public uint EndIntData;
}

internal unsafe struct CXUnsavedFile
{
    public byte* Filename;
    public byte* Contents;
    public nuint Length;
}

internal enum CXCursorKind
{
    StructDecl = 2,
    UnionDecl = 3,
    ClassDecl = 4,
    EnumDecl = 5,
    FieldDecl = 6,
    EnumConstantDecl = 7,
    FunctionDecl = 8,
    VarDecl = 9,
    TypedefDecl = 20,
    Namespace = 22,
    AnnotateAttr = 406,
    StaticAssert = 602,
}

internal enum CXTypeKind
{
    Void = 2,
    Char_U = 4,
    Char_S = 13,
    Float = 21,
    Double = 22,
    Pointer = 101,
    Record = 105,
    Enum = 106,
    Typedef = 107,
    FunctionNoProto = 110,
    FunctionProto = 111,
    Elaborated = 119,
}

internal enum CXDiagnosticSeverity
{
    Error = 3,
}

internal enum CXEvalResultKind
{
    Int = 1,
    StrLiteral = 4,
}

[Flags]
internal enum CXTranslationUnitFlags : uint
{
    SkipFunctionBodies = 0x40,
}

internal enum CXChildVisitResult
{
    Continue = 1,
}
