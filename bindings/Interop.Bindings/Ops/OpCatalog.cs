namespace Interop.Bindings.Ops;

// The public op surface: the union of the schemas of every supported libtorch, each bound once
// with the C# signature of the newest libtorch that has it, or listed with the reason it is not.
internal sealed class OpCatalog
{
    internal required IReadOnlyList<string> Versions { get; init; }

    internal required IReadOnlyList<BoundOp> Bound { get; init; }

    // out= forms bound through the result parameter of their functional form.
    internal required IReadOnlyList<(Schema Out, BoundOp Functional)> BoundAsResult { get; init; }

    internal required IReadOnlyList<SkippedSchema> Skipped { get; init; }

    internal required IReadOnlyList<SchemaList> Lists { get; init; }

    internal static OpCatalog Build(IReadOnlyList<SchemaList> lists)
    {
        var ordered = lists.OrderBy(list => list.Version).ToList();
        var newest = new Dictionary<string, Schema>();
        foreach (var schema in ordered.SelectMany(list => list.Schemas))
        {
            newest[schema.Key] = schema;
        }

        // The versions a binding serves: those whose schema has the newest one's signature.
        var versionsOf = newest.Keys.ToDictionary(key => key, _ => new List<string>());
        foreach (var list in ordered)
        {
            foreach (var schema in list.Schemas.Where(s => s.Signature == newest[s.Key].Signature))
            {
                versionsOf[schema.Key].Add(list.VersionText);
            }
        }

        var publicSchemas = newest.Values.Where(s => !s.IsPrivate).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var functionalByName = publicSchemas.Where(s => !s.IsOutForm).ToLookup(s => s.Name);
        var skipped = new List<SkippedSchema>();
        var candidates = new List<BoundOp>();
        var outForms = new List<Schema>();
        foreach (var schema in publicSchemas)
        {
            if (schema.IsOutForm)
            {
                outForms.Add(schema);
                continue;
            }

            try
            {
                candidates.Add(BoundOp.Create(schema, versionsOf[schema.Key]));
            }
            catch (UnsupportedSchemaException unsupported)
            {
                skipped.Add(new SkippedSchema(schema, unsupported.Message, versionsOf[schema.Key]));
            }
        }

        var bound = OverloadSets.Resolve(candidates, skipped);
        var boundByKey = bound.ToDictionary(op => op.Schema.Key);
        var boundAsResult = new List<(Schema, BoundOp)>();
        foreach (var outForm in outForms)
        {
            var functional = functionalByName[outForm.Name].FirstOrDefault(f => OutFormArguments(outForm, f) is not null);
            if (functional is not null && boundByKey.TryGetValue(functional.Key, out var op) &&
                op.Result.Kind == ResultKind.Tensors && op.Result.Count == outForm.OutArguments.Count())
            {
                op.OutForm = outForm;
                op.OutFormArguments = OutFormArguments(outForm, functional)!;
                boundAsResult.Add((outForm, op));
            }
            else
            {
                var reason = functional is null
                    ? "out= form without a functional form of the same arguments"
                    : $"out= form of {functional.Key}, which is not bound";
                skipped.Add(new SkippedSchema(outForm, reason, versionsOf[outForm.Key]));
            }
        }

        return new OpCatalog
        {
            Versions = ordered.Select(list => list.VersionText).ToList(),
            Bound = bound,
            BoundAsResult = boundAsResult,
            Skipped = skipped.OrderBy(s => s.Schema.Key, StringComparer.Ordinal).ToList(),
            Lists = ordered,
        };
    }

    // The functional form's arguments that its out= form takes, by index, or null when outForm is
    // not its out= form. add.out(self, other, *, alpha, out) takes all of add.Tensor(self, other,
    // *, alpha); zeros.out(size, *, out) takes all of zeros(size, *, dtype, layout, device,
    // pin_memory) but the tensor options, which the result tensor has already.
    private static IReadOnlyList<int>? OutFormArguments(Schema outForm, Schema functional)
    {
        var inputs = outForm.InputArguments.ToList();
        var taken = functional.Arguments.Select((argument, index) => (argument, index))
            .Where(pair => !(pair.argument.KeywordOnly && TensorOptions.Contains(pair.argument.Name)) ||
                           inputs.Any(input => input.Name == pair.argument.Name))
            .ToList();
        var matches = inputs.Count == taken.Count && inputs.Zip(taken).All(pair =>
            pair.First.Name == pair.Second.argument.Name && pair.First.Type.Shape == pair.Second.argument.Type.Shape);
        return matches ? taken.Select(pair => pair.index).ToList() : null;
    }

    private static readonly string[] TensorOptions = ["dtype", "layout", "device", "pin_memory"];
}

internal sealed record SkippedSchema(Schema Schema, string Reason, IReadOnlyList<string> Versions);
