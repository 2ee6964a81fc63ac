namespace Interop.Torch.Tests;

public class ResultReuseTests
{
    private static readonly float[] A = [1, -2, 3, -4, 5, -6];
    private static readonly float[] B = [0.5f, 2, -1, 4, 0.25f, 8];

    public static TheoryData<string> ReusingOps => new()
    {
        "add", "sub", "mul", "div", "add-scalar", "sub-scalar", "mul-scalar", "div-scalar",
        "neg", "exp", "relu", "sigmoid", "tanh", "softmax", "log-softmax",
    };

    private static Tensor Run(string op, Tensor a, Tensor b, Tensor? result) => op switch
    {
        "add" => Tensor.Add(a, b, result),
        "sub" => Tensor.Sub(a, b, result),
        "mul" => Tensor.Mul(a, b, result),
        "div" => Tensor.Div(a, b, result),
        "add-scalar" => Tensor.Add(a, 1.5, result),
        "sub-scalar" => Tensor.Sub(a, 1.5, result),
        "mul-scalar" => Tensor.Mul(a, 1.5, result),
        "div-scalar" => Tensor.Div(a, 1.5, result),
        "neg" => Tensor.Neg(a, result),
        "exp" => Tensor.Exp(a, result),
        "relu" => Tensor.Relu(a, result),
        "sigmoid" => Tensor.Sigmoid(a, result),
        "tanh" => Tensor.Tanh(a, result),
        "softmax" => Tensor.Softmax(a, 1, result),
        "log-softmax" => Tensor.LogSoftmax(a, 1, result),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    [Theory]
    [MemberData(nameof(ReusingOps))]
    public void FittingResult_KeepsItsStorage_AndGetsTheValues(string op)
    {
        using var a = Tensor.FromData<float>(A, 2, 3);
        using var b = Tensor.FromData<float>(B, 2, 3);
        using Tensor expected = Run(op, a, b, null);

        using var result = Tensor.Full([2, 3], 99.0);
        nint before = result.DataPointer<float>();
        Tensor returned = Run(op, a, b, result);

        Assert.Same(result, returned);
        Assert.Equal(before, result.DataPointer<float>());
        TensorAssert.Shape(result, 2, 3);
        TensorAssert.Close(TensorAssert.ToDoubles(expected.ToArray<float>()), result);
    }

    [Fact]
    public void MatMul_FittingResult_KeepsItsStorage()
    {
        using var a = Tensor.FromData<float>([1, 2, 3, 4, 5, 6], 2, 3);
        using var b = Tensor.FromData<float>([1, 0, 0, 1, 1, 1], 3, 2);
        using var result = Tensor.Empty(2, 2);
        nint before = result.DataPointer<float>();
        Assert.Same(result, Tensor.MatMul(a, b, result));
        Assert.Equal(before, result.DataPointer<float>());
        Assert.Equal(new float[] { 4, 5, 10, 11 }, result.ToArray<float>());
    }

    [Fact]
    public void MatMul_ResultIsAnInput_StillCorrect()
    {
        using var a = Tensor.FromData<float>([1, 2, 3, 4], 2, 2);
        using var b = Tensor.FromData<float>([0, 1, 1, 0], 2, 2);
        Tensor.MatMul(a, b, a);
        Assert.Equal(new float[] { 2, 1, 4, 3 }, a.ToArray<float>());
    }

    [Fact]
    public void MatMul_ResultIsAViewOfAnInput_StillCorrect()
    {
        // A result that shares an input's storage without being the same slot: a view, or a
        // detached alias. Writing the product over an input while reading it gives garbage, so
        // the op must compute into fresh storage (as it does when the result is the input itself).
        LibTorch.ManualSeed(8);
        using var a = Tensor.Randn(16, 16);
        using var b = Tensor.Randn(16, 16);
        using var expected = Tensor.MatMul(a, b);
        double[] want = TensorAssert.ToDoubles(expected.ToArray<float>());

        using var viewOfA = a.View(16, 16);
        Tensor.MatMul(a, b, viewOfA);
        TensorAssert.Close(want, viewOfA, 1e-4);

        using var a2 = Tensor.Randn(16, 16);
        using var expected2 = Tensor.MatMul(a2, b);
        using var aliasOfB = b.Detach();
        Tensor.MatMul(a2, b, aliasOfB);
        TensorAssert.Close(TensorAssert.ToDoubles(expected2.ToArray<float>()), aliasOfB, 1e-4);
    }

    [Fact]
    public void ResultIsAnInput_ElementwiseInPlace()
    {
        using var r = Tensor.FromData<float>([-1, 2, -3]);
        nint before = r.DataPointer<float>();
        Tensor.Relu(r, r);
        Tensor.Add(r, r, r);
        Tensor.Mul(r, 3, r);
        Assert.Equal(before, r.DataPointer<float>());
        Assert.Equal(new float[] { 0, 12, 0 }, r.ToArray<float>());
    }

    [Fact]
    public void EmptySlot_ReceivesTheResult()
    {
        using var a = Tensor.FromData<float>([1, 2]);
        using var slot = new Tensor();
        Assert.False(slot.IsDefined);
        Tensor.Add(a, a, slot);
        Assert.True(slot.IsDefined);
        Assert.Equal(new float[] { 2, 4 }, slot.ToArray<float>());
    }

    [Fact]
    public void ResultOfAnotherShape_IsRebound()
    {
        using var a = Tensor.FromData<float>([1, 2, 3]);
        using var result = Tensor.Zeros(5);
        Tensor.Mul(a, 2, result);
        TensorAssert.Shape(result, 3);
        Assert.Equal(new float[] { 2, 4, 6 }, result.ToArray<float>());
    }

    [Fact]
    public void ResultOfAnotherDType_IsRebound()
    {
        using var a = Tensor.FromData<long>([1, 2, 3]);
        using var result = Tensor.Zeros([3], DType.Float64);
        Tensor.Add(a, 1, result);
        Assert.Equal(DType.Int64, result.DType);
        Assert.Equal(new long[] { 2, 3, 4 }, result.ToArray<long>());
    }

    [Fact]
    public void IntegerDivision_IntoFloatResult_KeepsItsStorage()
    {
        using var a = Tensor.FromData<long>([1, 2, 3]);
        using var result = Tensor.Zeros(3);
        nint before = result.DataPointer<float>();
        Tensor.Div(a, 2, result);
        Assert.Equal(before, result.DataPointer<float>());
        Assert.Equal(new[] { 0.5f, 1f, 1.5f }, result.ToArray<float>());
    }

    [Fact]
    public void ScalarOp_IntoFittingResult_MatchesTheFreshResult()
    {
        // Int64 tensor op float scalar gives Float32, computed in Float32 as in PyTorch
        // (16777217 + 0.5 -> 16777216 in float). Writing into a fitting Float32 result must give
        // the same numbers, not a Float64 computation rounded afterwards (16777218).
        using var a = Tensor.FromData<long>([16777217, 33554435, 3]);
        using var freshAdd = Tensor.Add(a, 0.5);
        using var freshMul = Tensor.Mul(a, 0.1);
        Assert.Equal(DType.Float32, freshAdd.DType);
        Assert.Equal(16777216f, freshAdd.ToArray<float>()[0]);

        using var add = Tensor.Zeros(3);
        using var mul = Tensor.Zeros(3);
        nint addData = add.DataPointer<float>();
        Tensor.Add(a, 0.5, add);
        Tensor.Mul(a, 0.1, mul);
        Assert.Equal(addData, add.DataPointer<float>());
        Assert.Equal(freshAdd.ToArray<float>(), add.ToArray<float>());
        Assert.Equal(freshMul.ToArray<float>(), mul.ToArray<float>());
    }

    [Fact]
    public void ResultRecordingGrad_IsRebound_AndGradFlows()
    {
        using var x = Tensor.FromData<float>([1, 2]);
        x.RequiresGrad = true;
        using var result = Tensor.Zeros(2);
        Tensor.Mul(x, x, result);
        Assert.True(result.RequiresGrad);
        using var total = Tensor.Sum(result);
        total.Backward();
        using var grad = x.Grad();
        Assert.Equal(new float[] { 2, 4 }, grad.ToArray<float>());
    }

    [Fact]
    public void ReductionIntoResult_GivesTheValue()
    {
        using var a = Tensor.FromData<float>([1, 2, 3, 4], 2, 2);
        using var result = new Tensor();
        Assert.Same(result, Tensor.Sum(a, result));
        Assert.Equal(10f, result.Item<float>());
        Tensor.Mean(a, result);
        Assert.Equal(2.5f, result.Item<float>());
    }
}
