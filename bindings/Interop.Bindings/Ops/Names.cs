using System.Text;

namespace Interop.Bindings.Ops;

// PyTorch's snake_case names in C#: PascalCase members (index_select -> IndexSelect, add_ ->
// AddInPlace) and camelCase parameters (memory_format -> memoryFormat).
internal static class Names
{
    internal static string CSharpMember(string opName) =>
        opName.EndsWith('_') ? Pascal(opName[..^1]) + "InPlace" : Pascal(opName);

    internal static string CSharpParameter(string name)
    {
        var pascal = Pascal(name);
        return CSharpNames.Identifier(char.ToLowerInvariant(pascal[0]) + pascal[1..]);
    }

    // C and C++ keywords an argument name must not be (the shim compiles as C++).
    private static readonly HashSet<string> CppKeywords =
    [
        "auto", "bool", "break", "case", "char", "class", "const", "continue", "default", "delete", "do", "double",
        "else", "enum", "explicit", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
        "long", "namespace", "new", "operator", "private", "protected", "public", "register", "return", "short",
        "signed", "sizeof", "static", "struct", "switch", "template", "this", "throw", "true", "try", "typedef",
        "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "while",
    ];

    internal static string CParameter(string name) => CppKeywords.Contains(name) ? name + "_" : name;

    private static string Pascal(string snake)
    {
        var text = new StringBuilder();
        foreach (var part in snake.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return text.ToString();
    }
}
