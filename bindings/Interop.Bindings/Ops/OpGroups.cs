namespace Interop.Bindings.Ops;

// The generated ops are split by the first letter of their name into a few files per layer:
// several C++ translation units compile in parallel, and an op keeps its file as others come
// and go.
internal static class OpGroups
{
    private static readonly string[] Ranges = ["a", "b-c", "d-f", "g-l", "m", "n-q", "r-s", "t-z"];

    internal static IEnumerable<(string Range, List<BoundOp> Ops)> Split(IEnumerable<BoundOp> ops)
    {
        var list = ops.ToList();
        foreach (var range in Ranges)
        {
            var first = range[0];
            var last = range[^1];
            yield return (range, list.Where(op => char.ToLowerInvariant(op.Schema.Name[0]) is var c && c >= first && c <= last).ToList());
        }
    }
}
