namespace Interop.Bindings;

// Turns clang's raw comment text (one comment, or several adjacent ones merged) into the
// bare lines of prose, so the emitter can re-comment them in its own syntax.
internal static class CommentText
{
    private static readonly string[] Openers = ["/**", "/*!", "/*", "///", "//!", "//"];

    internal static IReadOnlyList<string> ToLines(string rawComment)
    {
        var lines = rawComment.Split('\n').Select(StripDelimiters).ToList();
        var first = lines.FindIndex(line => line.Length > 0);
        if (first < 0)
        {
            return [];
        }

        var last = lines.FindLastIndex(line => line.Length > 0);
        return lines[first..(last + 1)];
    }

    private static string StripDelimiters(string line)
    {
        var text = line.Trim();
        var opener = Openers.FirstOrDefault(o => text.StartsWith(o, StringComparison.Ordinal));
        if (opener is not null)
        {
            text = text[opener.Length..];
        }
        else if (text.StartsWith('*') && !text.StartsWith("*/", StringComparison.Ordinal))
        {
            // The decorative star that continues a block comment.
            text = text[1..];
        }

        if (text.EndsWith("*/", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        return text.Trim();
    }
}
