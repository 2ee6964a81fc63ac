using System.Text;
using Interop.Torch.Native;

namespace Interop.Torch;

// Runs a model summary: one forward of a zero input inside the shim's summary trace, which
// watches the model's parameters and buffers, the rows read while the trace still holds the
// shapes, then the model's mode put back.
internal static unsafe class SummaryTrace
{
    // The shim's row of a module and each of its descendants, before their subtree counts are summed.
    internal readonly record struct OwnRow(int Depth, string Name, string Type, long[]? OutputShape, long Trainable, long Frozen);

    public static ModelSummary Run(IModule model, ReadOnlySpan<long> inputShape, DType dtype, Device device,
        Action<List<OwnRow>> appendRows, Tensor[] parameters, IReadOnlyList<StateEntry> state)
    {
        bool wasTraining = model.IsTraining;
        try
        {
            using var input = Tensor.Zeros(inputShape, dtype, device);
            model.SetTraining(false);
            Begin(state);
            var rows = new List<OwnRow>();
            long[] outputShape;
            try
            {
                using (LibTorch.NoGrad())
                {
                    using Tensor output = model.Forward(input);
                    outputShape = output.Shape;
                }
                appendRows(rows);
            }
            finally
            {
                Status.Check(Itorch.itorch_summary_end());
            }
            long trainable = parameters.Where(p => p.RequiresGrad).Sum(p => p.Numel);
            long frozen = parameters.Where(p => !p.RequiresGrad).Sum(p => p.Numel);
            return new ModelSummary(rows[0].Type, inputShape.ToArray(), outputShape, WithSubtreeCounts(rows), trainable, frozen);
        }
        finally
        {
            model.SetTraining(wasTraining);
            foreach (Tensor parameter in parameters) parameter.Dispose();
            foreach (StateEntry entry in state) entry.Tensor.Dispose();
        }
    }

    // The rows of a native module (the shim's tree), moved under `depth` and `path`.
    public static void AppendNativeRows(List<OwnRow> rows, NativeModule module, int depth, string path)
    {
        string text = NativeRows(module);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split('\t');
            string name = fields[1].Length == 0 ? path : path.Length == 0 ? fields[1] : $"{path}.{fields[1]}";
            long[]? shape = fields[3] == "-" ? null : fields[3].Split(',').Select(long.Parse).ToArray();
            rows.Add(new OwnRow(depth + int.Parse(fields[0]), name, fields[2], shape, long.Parse(fields[4]), long.Parse(fields[5])));
        }
    }

    // The output shape of the op that applied the model's `tensor` to the data, or null.
    public static long[]? ShapeReadFrom(Tensor tensor)
    {
        using var borrowed = tensor.Borrow();
        Span<long> shape = stackalloc long[16];
        int rank;
        fixed (long* sizes = shape) Status.Check(Itorch.itorch_summary_tensor_shape(borrowed.Pointer, sizes, shape.Length, &rank));
        return rank < 0 ? null : shape[..Math.Min(rank, shape.Length)].ToArray();
    }

    private static void Begin(IReadOnlyList<StateEntry> state)
    {
        var tensors = new NativeHandle?[state.Count];
        for (int i = 0; i < tensors.Length; i++) tensors[i] = state[i].Tensor;
        using BorrowedList<itorch_tensor> watched = new(tensors);
        Status.Check(Itorch.itorch_summary_begin(watched.Pointers, tensors.Length));
    }

    private static string NativeRows(NativeModule module)
    {
        using var self = module.Borrow();
        byte[] text = new byte[4096];
        int length;
        fixed (byte* buffer = text) Status.Check(Itorch.itorch_module_summary_rows(self.Pointer, buffer, text.Length, &length));
        if (length > text.Length)
        {
            text = new byte[length];
            fixed (byte* buffer = text) Status.Check(Itorch.itorch_module_summary_rows(self.Pointer, buffer, text.Length, &length));
        }
        return Encoding.UTF8.GetString(text, 0, length);
    }

    // Keras' Param # of a layer covers its sublayers: each row's own count plus those below it.
    private static List<SummaryRow> WithSubtreeCounts(List<OwnRow> rows)
    {
        var result = new List<SummaryRow>(rows.Count);
        for (int i = 1; i < rows.Count; i++)
        {
            long parameters = rows[i].Trainable + rows[i].Frozen;
            for (int j = i + 1; j < rows.Count && rows[j].Depth > rows[i].Depth; j++) parameters += rows[j].Trainable + rows[j].Frozen;
            result.Add(new SummaryRow(rows[i].Depth, rows[i].Name, rows[i].Type, rows[i].OutputShape, parameters));
        }
        return result;
    }
}
