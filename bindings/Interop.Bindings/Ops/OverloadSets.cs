namespace Interop.Bindings.Ops;

// Schemas that become overloads of one C# name. Two overloads with the same parameter types
// cannot both exist: the later one is skipped. Two whose parameters agree up to some position
// would make calls that stop before it ambiguous: the later one's parameters up to the first
// that differs become required, so a call reaches it only by passing that argument. Within a
// name, the schema with the empty overload name comes first, then the others in order, those
// of named tensors (Dimname arguments) last: flatten(t) is flatten.using_ints.
internal static class OverloadSets
{
    internal static List<BoundOp> Resolve(List<BoundOp> candidates, List<SkippedSchema> skipped)
    {
        var bound = new List<BoundOp>();
        var groups = candidates.GroupBy(op => (op.MemberName, op.IsInPlace));
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(op => op.Schema.Overload.Length == 0 ? 0 : 1)
                .ThenBy(op => op.Schema.Arguments.Any(a => a.Type.Element == "Dimname") ? 1 : 0)
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

                foreach (var earlier in kept)
                {
                    var difference = FirstDifference(earlier, op);
                    if (difference < op.CSharpParameters.Count() - (op.IsInPlace ? 1 : 0))
                    {
                        op.RequireThrough(difference, op.IsInPlace);
                    }
                }

                kept.Add(op);
            }

            KeepResultsNamed(kept);
            bound.AddRange(kept);
        }

        return bound.OrderBy(op => op.Schema.Key, StringComparer.Ordinal).ToList();
    }

    // C# binds a `result` slot positionally too: with max(self) and max.other(self, other),
    // Torch.Max(a, b) would be max(a) into b rather than the elementwise maximum PyTorch users
    // mean. Where another overload takes a tensor at the position of an op's result parameter,
    // that op has no result parameter.
    private static void KeepResultsNamed(List<BoundOp> overloads)
    {
        foreach (var op in overloads.Where(op => op.Result is { Kind: ResultKind.Tensors, Count: 1 }))
        {
            var types = op.CSharpParameters.Select(p => p.CSharpType).ToList();
            op.HasResultParameter = !overloads.Any(other =>
                other != op && other.CSharpParameters.Select(p => p.CSharpType).ToList() is var others &&
                others.Count > types.Count && others.Take(types.Count).SequenceEqual(types) &&
                others[types.Count] is "Tensor" or "Tensor?");
        }
    }

    // The first C# parameter (after self for in-place methods) whose type differs.
    private static int FirstDifference(BoundOp earlier, BoundOp later)
    {
        var skip = later.IsInPlace ? 1 : 0;
        var first = earlier.CSharpParameters.Skip(skip).Select(p => p.CSharpType).ToList();
        var second = later.CSharpParameters.Skip(skip).Select(p => p.CSharpType).ToList();
        var index = 0;
        while (index < first.Count && index < second.Count && first[index] == second[index])
        {
            index++;
        }

        return index;
    }
}
