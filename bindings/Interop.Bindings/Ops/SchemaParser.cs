namespace Interop.Bindings.Ops;

// Parses schema strings in the grammar of torchgen's FunctionSchema.parse. Only what the op
// headers contain is accepted; anything else is a SchemaFormatException naming the text.
internal static class SchemaParser
{
    internal static Schema Parse(string text)
    {
        var arrow = text.LastIndexOf(") -> ", StringComparison.Ordinal);
        var open = text.IndexOf('(');
        if (open < 0 || arrow < open)
        {
            throw Malformed(text, "expected name(arguments) -> returns");
        }

        var fullName = text[..open];
        var dot = fullName.IndexOf('.');
        var name = dot < 0 ? fullName : fullName[..dot];
        var overload = dot < 0 ? "" : fullName[(dot + 1)..];
        var arguments = ParseArguments(text, text[(open + 1)..arrow]);
        var returns = ParseReturns(text, text[(arrow + 5)..]);
        return new Schema(text, name, overload, arguments, returns);
    }

    private static List<SchemaArgument> ParseArguments(string schema, string list)
    {
        var arguments = new List<SchemaArgument>();
        var keywordOnly = false;
        foreach (var item in SplitTopLevel(list))
        {
            if (item == "*")
            {
                keywordOnly = true;
                continue;
            }

            var equals = IndexOutsideBrackets(item, '=');
            var declaration = equals < 0 ? item : item[..equals];
            var defaultValue = equals < 0 ? null : item[(equals + 1)..];
            var space = declaration.LastIndexOf(' ');
            if (space < 0)
            {
                throw Malformed(schema, $"argument '{item}' has no name");
            }

            arguments.Add(new SchemaArgument(
                ParseType(schema, declaration[..space]), declaration[(space + 1)..], defaultValue, keywordOnly));
        }

        return arguments;
    }

    private static List<SchemaReturn> ParseReturns(string schema, string text)
    {
        var inner = text.StartsWith('(') && text.EndsWith(')') ? text[1..^1] : text;
        var returns = new List<SchemaReturn>();
        foreach (var item in SplitTopLevel(inner))
        {
            // A named return is "Tensor values"; an unnamed one may still contain spaces, as in
            // the alias set "Tensor(a -> *)".
            var closing = item.LastIndexOf(')');
            var space = item.IndexOf(' ', closing + 1);
            returns.Add(space < 0
                ? new SchemaReturn(ParseType(schema, item), null)
                : new SchemaReturn(ParseType(schema, item[..space]), item[(space + 1)..]));
        }

        return returns;
    }

    internal static SchemaType ParseType(string schema, string text)
    {
        string? alias = null;
        var mutable = false;
        var open = text.IndexOf('(');
        if (open >= 0)
        {
            var close = text.IndexOf(')', open);
            if (close < 0)
            {
                throw Malformed(schema, $"unclosed annotation in '{text}'");
            }

            var annotation = text[(open + 1)..close];
            mutable = annotation.Contains('!');
            alias = annotation.Replace("!", "").Trim();
            text = text[..open] + text[(close + 1)..];
        }

        var listOptional = false;
        if (text.EndsWith("]?", StringComparison.Ordinal))
        {
            listOptional = true;
            text = text[..^1];
        }

        var isList = false;
        int? size = null;
        if (text.EndsWith(']'))
        {
            var bracket = text.IndexOf('[');
            var count = text[(bracket + 1)..^1];
            isList = true;
            size = count.Length == 0 ? null : int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
            text = text[..bracket];
        }

        var elementOptional = text.EndsWith('?');
        var element = elementOptional ? text[..^1] : text;
        return new SchemaType(element, elementOptional, isList, size, listOptional, alias, mutable);
    }

    private static List<string> SplitTopLevel(string list)
    {
        var items = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            var c = list[i];
            if (c == '"' || c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '(' || c == '['))
            {
                depth++;
            }
            else if (!quoted && (c == ')' || c == ']'))
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                items.Add(list[start..i].Trim());
                start = i + 1;
            }
        }

        var last = list[start..].Trim();
        if (last.Length > 0)
        {
            items.Add(last);
        }

        return items;
    }

    private static BindingException Malformed(string schema, string problem) =>
        new($"schema '{schema}': {problem}");

    private static int IndexOutsideBrackets(string text, char wanted)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' or '[' => 1, ')' or ']' => -1, _ => 0 };
            if (depth == 0 && text[i] == wanted)
            {
                return i;
            }
        }

        return -1;
    }
}

