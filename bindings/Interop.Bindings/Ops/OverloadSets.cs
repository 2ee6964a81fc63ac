namespace Interop.Bindings.Ops;

// Schemas that become overloads of one C# name. Two overloads with the same parameter types
// cannot both exist: the later one is skipped. Two that a call can reach with the same
// required arguments would make that call ambiguous: the later one's optional parameters
// become required, one at a time, until the calls differ. Within a name, the schema with the
// empty overload name comes first, then the others in order.
internal static class OverloadSets
{
    internal static List<BoundOp> Resolve(List<BoundOp> candidates, List<SkippedSchema> skipped)
    {
        var bound = new List<BoundOp>();
        var groups = candidates.GroupBy(op => (op.MemberName, op.IsInPlace));
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(op => op.Schema.Overload.Length == 0 ? 0 : 1)
                .ThenBy(op => op.Schema.Overload, StringComparer.Ordinal).ToList();
            var kept = new List<BoundOp>();
            foreach (var op in ordered)
            {
                var clash = kept.FirstOrDefault(k => k.SignatureKey(op.IsInPlace) == op.SignatureKey(op.IsInPlace));
                if (clash is not null)
                {
                    skipped.Add(new SkippedSchema(op.Schema, $"same C# parameter types as {clash.Schema.Key}", op.Versions));
                    continue;
                }

                while (kept.Any(k => k.RequiredKey(op.IsInPlace) == op.RequiredKey(op.IsInPlace)) &&
                       op.RequireFirstOptional(op.IsInPlace))
                {
                }

                kept.Add(op);
            }

            bound.AddRange(kept);
        }

        return bound.OrderBy(op => op.Schema.Key, StringComparer.Ordinal).ToList();
    }
}
