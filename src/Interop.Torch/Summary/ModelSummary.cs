using System.Globalization;
using System.Text;

namespace Interop.Torch;

/// <summary>
/// Keras' <c>model.summary()</c> for a module: each layer with its output shape and parameter
/// count, then the totals, found by one forward of a zero input in evaluation mode without
/// gradients. <see cref="ToString"/> gives Keras' table. A layer's output shape is seen when the
/// layer runs as a step of a Sequential, as a native layer called from a C# module, or as a
/// leaf with parameters: the op that applies its first parameter or buffer to the data gives its
/// output (a Linear's addmm, also inside a zoo model's C++ forward). Otherwise, as for a
/// parameter-free layer used inside a C++ forward or a container of a zoo model, it shows as
/// <c>--</c>.
/// </summary>
public sealed class ModelSummary
{
    internal ModelSummary(string modelType, long[] inputShape, long[] outputShape, IReadOnlyList<SummaryRow> rows,
        long trainable, long nonTrainable)
    {
        ModelType = modelType;
        InputShape = inputShape;
        OutputShape = outputShape;
        Rows = rows;
        TrainableParameters = trainable;
        NonTrainableParameters = nonTrainable;
    }

    /// <summary>The model's type.</summary>
    public string ModelType { get; }

    /// <summary>The shape of the input the summary ran.</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>The shape of the model's output.</summary>
    public IReadOnlyList<long> OutputShape { get; }

    /// <summary>Every module under the model, depth-first in registration order.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>Scalar parameters that train (RequiresGrad), each tensor counted once.</summary>
    public long TrainableParameters { get; }

    /// <summary>Scalar parameters that do not train.</summary>
    public long NonTrainableParameters { get; }

    /// <summary>All scalar parameters, each tensor counted once: the model's <c>ParameterCount</c>.</summary>
    public long TotalParameters => TrainableParameters + NonTrainableParameters;

    /// <summary>The table as Keras prints it, nested layers indented under their parent.</summary>
    public override string ToString()
    {
        var names = Rows.Select(r => new string(' ', 2 * (r.Depth - 1)) + $"{r.Name[(r.Name.LastIndexOf('.') + 1)..]} ({r.Type})").ToArray();
        var shapes = Rows.Select(r => r.OutputShape is null ? "--" : Shape(r.OutputShape)).ToArray();
        int nameWidth = Math.Max(28, names.DefaultIfEmpty("").Max(n => n.Length) + 2);
        int shapeWidth = Math.Max(24, shapes.DefaultIfEmpty("").Max(s => s.Length) + 2);
        int width = 1 + nameWidth + shapeWidth + 12;
        var text = new StringBuilder().Append($"Model: \"{ModelType}\"\n");
        text.Append('_', width).Append('\n');
        text.Append(' ').Append("Layer (type)".PadRight(nameWidth)).Append("Output Shape".PadRight(shapeWidth)).Append("Param #\n");
        text.Append('=', width).Append('\n');
        for (int i = 0; i < Rows.Count; i++)
        {
            text.Append(' ').Append(names[i].PadRight(nameWidth)).Append(shapes[i].PadRight(shapeWidth)).Append(Count(Rows[i].Parameters)).Append('\n');
        }
        text.Append('=', width).Append('\n');
        text.Append($"Total params: {Count(TotalParameters)}\n");
        text.Append($"Trainable params: {Count(TrainableParameters)}\n");
        text.Append($"Non-trainable params: {Count(NonTrainableParameters)}\n");
        text.Append($"Input shape: {Shape(InputShape)}, output shape: {Shape(OutputShape)}\n");
        return text.Append('_', width).ToString();
    }

    private static string Shape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
