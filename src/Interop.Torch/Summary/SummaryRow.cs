namespace Interop.Torch;

/// <summary>One module of a <see cref="ModelSummary"/>.</summary>
/// <param name="Depth">1 for the model's children, 2 for theirs, and so on.</param>
/// <param name="Name">The dotted path of names from the model: <c>layer1.0.conv1</c>.</param>
/// <param name="Type">The module's type: <c>Conv2d</c>, <c>Sequential</c>, a C# class name.</param>
/// <param name="OutputShape">The shape of its output in the summary's forward; null where it could not be seen (see <see cref="ModelSummary"/>).</param>
/// <param name="Parameters">Scalar parameters of the module and its children.</param>
public sealed record SummaryRow(int Depth, string Name, string Type, long[]? OutputShape, long Parameters);
