namespace Interop.Torch.Tests;

public class ResultReuseTests
{
    private static readonly float[] A = [1, -2, 3, -4, 5, -6];
    private static readonly float[] B = [0.5f, 2, -1, 4, 0.25f, 8];

    public static TheoryData<string> ReusingOps => new()
    {
        "add", "sub", "mul", "div", "add-scalar", "sub-scalar", "mul-scalar", "div-scalar",
        "neg", "exp", "sigmoid", "tanh", "softmax", "log-softmax",
    };

    private static Tensor Run(string op, Tensor a, Tensor b, Tensor? result) => op switch
    {
        "add" => Torch.Add(a, b, result: result),
        "sub" => Torch.Sub(a, b, result: result),
        "mul" => Torch.Mul(a, b, result: result),
        "div" => Torch.Div(a, b, result: result),
        "add-scalar" => Torch.Add(a, 1.5, result: result),
        "sub-scalar" => Torch.Sub(a, 1.5, result: result),
        "mul-scalar" => Torch.Mul(a, 1.5, result: result),
        "div-scalar" => Torch.Div(a, 1.5, result: result),
        "neg" => Torch.Neg(a, result: result),
        "exp" => Torch.Exp(a, result: result),
        "relu" => Torch.Relu(a, result: result),
        "sigmoid" => Torch.Sigmoid(a, result: result),
        "tanh" => Torch.Tanh(a, result: result),
        "softmax" => Torch.Softmax(a, 1, result: result),
        "log-softmax" => Torch.LogSoftmax(a, 1, result: result),
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
        Assert.Same(result, Torch.Matmul(a, b, result: result));
        Assert.Equal(before, result.DataPointer<float>());
        Assert.Equal(new float[] { 4, 5, 10, 11 }, result.ToArray<float>());
    }

    [Fact]
    public void MatMul_ResultIsAnInput_StillCorrect()
    {
        using var a = Tensor.FromData<float>([1, 2, 3, 4], 2, 2);
        using var b = Tensor.FromData<float>([0, 1, 1, 0], 2, 2);
        Torch.Matmul(a, b, result: a);
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
        using var expected = Torch.Matmul(a, b);
        double[] want = TensorAssert.ToDoubles(expected.ToArray<float>());

        using var viewOfA = a.View([16, 16]);
        Torch.Matmul(a, b, result: viewOfA);
        TensorAssert.Close(want, viewOfA, 1e-4);

        using var a2 = Tensor.Randn(16, 16);
        using var expected2 = Torch.Matmul(a2, b);
        using var aliasOfB = b.Detach();
        Torch.Matmul(a2, b, result: aliasOfB);
        TensorAssert.Close(TensorAssert.ToDoubles(expected2.ToArray<float>()), aliasOfB, 1e-4);
    }

    // A generated op writes into a fitting result only when it can tell the result's shape and
    // dtype beforehand, from a run on the meta device; libtorch 1.13 has no meta kernel for relu, so
    // relu gives its result slot a fresh tensor of the same values instead (no managed allocation
    // either way). The hand-written relu wrote into the storage.
    [Fact]
    public void FittingResult_OfRelu_GetsTheValues()
    {
        using var a = Tensor.FromData<float>(A, 2, 3);
        using Tensor expected = Torch.Relu(a);
        using var result = Tensor.Full([2, 3], 99.0);
        Assert.Same(result, Torch.Relu(a, result: result));
        TensorAssert.Close(TensorAssert.ToDoubles(expected.ToArray<float>()), result);
    }

    // A result that is also an input gets the values; the generated ops never write into storage
    // that an input shares (the hand-written elementwise ops did), so the slot gets a fresh tensor.
    // The in-place forms work in the tensor's own storage.
    [Fact]
    public void ResultIsAnInput_GetsTheValues_AndTheInPlaceFormsKeepTheStorage()
    {
        using var r = Tensor.FromData<float>([-1, 2, -3]);
        Assert.Same(r, Torch.Relu(r, result: r));
        Assert.Same(r, Torch.Add(r, r, result: r));
        Assert.Same(r, Torch.Mul(r, 3, result: r));
        Assert.Equal(new float[] { 0, 12, 0 }, r.ToArray<float>());

        using var s = Tensor.FromData<float>([-1, 2, -3]);
        nint before = s.DataPointer<float>();
        Assert.Same(s, s.ReluInPlace().AddInPlace(s).MulInPlace(3));
        Assert.Equal(before, s.DataPointer<float>());
        Assert.Equal(new float[] { 0, 12, 0 }, s.ToArray<float>());
    }

    [Fact]
    public void EmptySlot_ReceivesTheResult()
    {
        using var a = Tensor.FromData<float>([1, 2]);
        using var slot = new Tensor();
        Assert.False(slot.IsDefined);
        Torch.Add(a, a, result: slot);
        Assert.True(slot.IsDefined);
        Assert.Equal(new float[] { 2, 4 }, slot.ToArray<float>());
    }

    [Fact]
    public void ResultOfAnotherShape_IsRebound()
    {
        using var a = Tensor.FromData<float>([1, 2, 3]);
        using var result = Tensor.Zeros(5);
        Torch.Mul(a, 2, result: result);
        TensorAssert.Shape(result, 3);
        Assert.Equal(new float[] { 2, 4, 6 }, result.ToArray<float>());
    }

    [Fact]
    public void ResultOfAnotherDType_IsRebound()
    {
        using var a = Tensor.FromData<long>([1, 2, 3]);
        using var result = Tensor.Zeros([3], DType.Float64);
        Torch.Add(a, 1, result: result);
        Assert.Equal(DType.Int64, result.DType);
        Assert.Equal(new long[] { 2, 3, 4 }, result.ToArray<long>());
    }

    [Fact]
    public void IntegerDivision_IntoFloatResult_KeepsItsStorage()
    {
        using var a = Tensor.FromData<long>([1, 2, 3]);
        using var result = Tensor.Zeros(3);
        nint before = result.DataPointer<float>();
        Torch.Div(a, 2, result: result);
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
        using var freshAdd = Torch.Add(a, 0.5);
        using var freshMul = Torch.Mul(a, 0.1);
        Assert.Equal(DType.Float32, freshAdd.DType);
        Assert.Equal(16777216f, freshAdd.ToArray<float>()[0]);

        using var add = Tensor.Zeros(3);
        using var mul = Tensor.Zeros(3);
        nint addData = add.DataPointer<float>();
        Torch.Add(a, 0.5, result: add);
        Torch.Mul(a, 0.1, result: mul);
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
        Torch.Mul(x, x, result: result);
        Assert.True(result.RequiresGrad);
        using var total = Torch.Sum(result);
        total.Backward();
        using var grad = x.Grad();
        Assert.Equal(new float[] { 2, 4 }, grad.ToArray<float>());
    }

    [Fact]
    public void ReductionIntoResult_GivesTheValue()
    {
        using var a = Tensor.FromData<float>([1, 2, 3, 4], 2, 2);
        using var result = new Tensor();
        Assert.Same(result, Torch.Sum(a, result: result));
        Assert.Equal(10f, result.Item<float>());
        Torch.Mean(a, result: result);
        Assert.Equal(2.5f, result.Item<float>());
    }
}
