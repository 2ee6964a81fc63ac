using System.Text.Json;

namespace Interop.Torch.Tests.Conformance;

/// <summary>
/// A case's expected gradients, one entry per argument: <c>{"tensor":T}</c>, <c>{"tensors":[T...]}</c>
/// for a Tensor[] argument, <c>{"none":true}</c> for a leaf that gets no gradient, or JSON null for
/// an argument that is not compared.
/// </summary>
internal sealed class JsonGrads(JsonElement[] perArgument)
{
    public void Compare(IReadOnlyList<GradientLeaf> leaves, List<string> differences, double relativeTolerance)
    {
        var leafArgs = new HashSet<int>();
        foreach (GradientLeaf leaf in leaves)
        {
            leafArgs.Add(leaf.Arg);
            JsonElement expected = perArgument[leaf.Arg];
            if (expected.ValueKind == JsonValueKind.Null) continue;
            string path = leaf.Element < 0 ? $"grad of args[{leaf.Arg}]" : $"grad of args[{leaf.Arg}][{leaf.Element}]";
            var (kind, body) = FixtureValue.Single(expected);
            JsonElement? tensor = null;
            switch (kind)
            {
                case "none" when leaf.Element < 0:
                    break;
                case "tensor" when leaf.Element < 0:
                    tensor = body;
                    break;
                case "tensors" when leaf.Element >= 0 && leaf.Element < body.GetArrayLength():
                    tensor = body[leaf.Element];
                    break;
                default:
                    differences.Add($"{path}: the fixture's '{kind}' does not fit this argument");
                    continue;
            }
            using Tensor grad = leaf.Tensor.Grad();
            if (tensor is null)
            {
                if (grad.IsDefined) differences.Add($"{path}: expected no gradient, got {ResultComparer.Describe(grad)}");
            }
            else if (!grad.IsDefined)
            {
                differences.Add($"{path}: no gradient");
            }
            else
            {
                ResultComparer.CompareTensor(tensor.Value, grad, path, differences, relativeTolerance);
            }
        }
        for (int i = 0; i < perArgument.Length; i++)
        {
            if (perArgument[i].ValueKind != JsonValueKind.Null && !leafArgs.Contains(i))
            {
                differences.Add($"grad of args[{i}]: the fixture has a gradient for an argument that is no floating tensor here");
            }
        }
    }
}
