using System.Globalization;
using System.Text;

namespace Interop.Torch;

public abstract partial class Module
{
    /// <summary>
    /// The layer tree as PyTorch's <c>print(model)</c> writes it: the module's class name, its
    /// <see cref="ExtraRepresentation"/>, then each registered child by name, native children
    /// included.
    /// </summary>
    public override string ToString()
    {
        var lines = new List<string>();
        string extra = ExtraRepresentation;
        if (extra.Length > 0) lines.AddRange(extra.Split('\n'));
        int extraLines = lines.Count;
        foreach (var (name, child) in children) lines.Add($"({name}): {Indent(child.ToString() ?? "")}");
        var text = new StringBuilder(GetType().Name).Append('(');
        if (extraLines == 1 && lines.Count == 1) text.Append(lines[0]);
        else if (lines.Count > 0) text.Append("\n  ").AppendJoin("\n  ", lines).Append('\n');
        return text.Append(')').ToString();
    }

    /// <summary>
    /// The module's own settings, PyTorch's <c>extra_repr()</c>: printed inside its parentheses,
    /// before the children, as <c>in_features=32, out_features=64</c>. Empty by default.
    /// </summary>
    protected virtual string ExtraRepresentation => "";

    /// <summary>A number as Python's repr writes a float: 1e-05, 0.1, 1.0.</summary>
    protected static string PythonFloat(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        return text.Contains('.') || text.Contains('e') || !double.IsFinite(value) ? text : text + ".0";
    }

    /// <summary>A bool as Python writes it.</summary>
    protected static string PythonBool(bool value) => value ? "True" : "False";

    // Python's _addindent: every line after the first moves two spaces in.
    private static string Indent(string text) => text.Replace("\n", "\n  ", StringComparison.Ordinal);
}
