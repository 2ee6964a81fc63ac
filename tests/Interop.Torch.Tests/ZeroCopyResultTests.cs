namespace Interop.Torch.Tests;

/// <summary>
/// A result tensor over the caller's memory (<see cref="Tensor.FromArray{T}"/>) is never rebound
/// to a fresh tensor, which would leave the array without the output and say nothing: ops
/// that make a fresh result copy it into the array, or throw saying why.
/// </summary>
public class ZeroCopyResultTests
{
    [Fact]
    public void ModuleForward_IntoAnArray_WritesTheArray()
    {
        using var model = Layers.Linear(3, 2);
        using var input = Tensor.FromData<float>([1, 2, 3], 1, 3);
        using var expected = model.Forward(input);
        float[] output = new float[2];
        using var result = Tensor.FromArray(output, 1, 2);

        // Forward through a module always makes a fresh tensor.
        using (LibTorch.NoGrad()) model.Forward(input, result);

        Assert.Equal(expected.ToArray<float>(), output);
    }

    [Fact]
    public void LinearSumAndMatMul_IntoArraysOfTheirShape_WriteTheArrays()
    {
        using var input = Tensor.FromData<float>([1, 2, 3, 4, 5, 6], 2, 3);
        using var weight = Tensor.FromData<float>([1, 0, 1, 0, 1, 0], 2, 3);
        float[] linear = new float[4];
        float[] sums = new float[3];
        float[] batched = new float[4];
        using var linearResult = Tensor.FromArray(linear, 2, 2);
        using var sumResult = Tensor.FromArray(sums, 3);
        using var batchedResult = Tensor.FromArray(batched, 1, 2, 2);
        using var left = Tensor.FromData<float>([1, 2, 3, 4], 1, 2, 2);
        using var right = Tensor.FromData<float>([1, 0, 0, 1], 1, 2, 2);

        Torch.Linear(input, weight, result: linearResult);
        Torch.Sum(input, [0], result: sumResult);
        // 3-D: matmul's fresh path, not the 2-D one that writes into the result.
        Torch.Matmul(left, right, result: batchedResult);

        Assert.Equal(new float[] { 4, 2, 10, 5 }, linear);
        Assert.Equal(new float[] { 5, 7, 9 }, sums);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, batched);
    }

    [Fact]
    public void AResultOfAnotherShape_Throws_AndLeavesTheArrayAsItWas()
    {
        using var a = Tensor.FromData<float>([1, 2, 3, 4, 5, 6], 2, 3);
        using var b = Tensor.FromData<float>([1, 2, 3], 3, 1);
        float[] output = [7, 7, 7];
        using var result = Tensor.FromArray(output, 3);

        var error = BadInputAssert.Rejects<TorchArgumentException>(() => Torch.Matmul(a, b, result: result),
            "caller memory", "never rebinds", "[2, 1]", "[3]");

        Assert.Contains("pass a result of the op's shape", error.Message);
        Assert.Equal(new float[] { 7, 7, 7 }, output);
        Assert.Equal(3, result.Numel);
    }

    [Fact]
    public void AResultThatRecordsGradients_Throws_RatherThanDroppingTheGraph()
    {
        using var model = Layers.Linear(3, 2);
        using var input = Tensor.FromData<float>([1, 2, 3], 1, 3);
        float[] output = new float[2];
        using var result = Tensor.FromArray(output, 1, 2);

        BadInputAssert.Rejects<TorchArgumentException>(() => model.Forward(input, result), "caller memory", "records gradients");
        Assert.Equal(new float[2], output);
    }

    [Fact]
    public void AViewOfAnArray_AsAResult_IsNotReboundEither()
    {
        float[] output = new float[4];
        using var whole = Tensor.FromArray(output, 4);
        using var rows = whole.View([2, 2]);
        using var source = Tensor.FromData<float>([1, 2, 3, 4], 2, 2);

        source.Clone(result: rows);

        Assert.Equal(new float[] { 1, 2, 3, 4 }, output);
    }
}
