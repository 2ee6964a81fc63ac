namespace Interop.Torch;

public abstract partial class Module
{
    /// <inheritdoc cref="NativeModule.Summary"/>
    public ModelSummary Summary(ReadOnlySpan<long> inputShape, DType dtype = DType.Float32, Device device = default)
    {
        return SummaryTrace.Run(this, inputShape, dtype, device,
            rows => AppendSummaryRows(rows, depth: 0, path: ""), Parameters(), StateDict());
    }

    // This module's row, then its children's: a native child's from the shim, whose trace saw
    // its forward; a C# leaf's shape is the output of the op that applied its first parameter.
    private void AppendSummaryRows(List<SummaryTrace.OwnRow> rows, int depth, string path)
    {
        long trainable = parameters.Where(p => p.Parameter.RequiresGrad).Sum(p => p.Parameter.Numel);
        long frozen = parameters.Where(p => !p.Parameter.RequiresGrad).Sum(p => p.Parameter.Numel);
        long[]? shape = children.Count == 0 && parameters.Count > 0 ? SummaryTrace.ShapeReadFrom(parameters[0].Parameter) : null;
        rows.Add(new SummaryTrace.OwnRow(depth, path, GetType().Name, shape, trainable, frozen));
        foreach (var (name, child) in children)
        {
            string childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (child is Module managed) managed.AppendSummaryRows(rows, depth + 1, childPath);
            else if (child is NativeModule native) SummaryTrace.AppendNativeRows(rows, native, depth + 1, childPath);
        }
    }
}
