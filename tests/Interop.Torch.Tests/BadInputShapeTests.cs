namespace Interop.Torch.Tests;

/// <summary>Mismatched shapes, wrong dtypes, negative or overflowing sizes, unknown enum values.</summary>
public class BadInputShapeTests
{
    [Fact]
    public void Add_MismatchedShapes()
    {
        using var a = Tensor.Ones(2, 3);
        using var b = Tensor.Ones(4);
        BadInputAssert.Rejects<TorchException>(() => Torch.Add(a, b), "size of tensor a (3) must match the size of tensor b (4)");
    }

    [Fact]
    public void MatMul_MismatchedShapes_IntoAResult()
    {
        using var a = Tensor.Ones(2, 3);
        using var result = Tensor.Full([2, 2], 5.0);
        BadInputAssert.Rejects<TorchException>(() => Torch.Matmul(a, a, result: result), "cannot be multiplied (2x3 and 2x3)");
        Assert.Equal(new float[] { 5, 5, 5, 5 }, result.ToArray<float>());
    }

    [Fact]
    public void Cat_MismatchedShapes()
    {
        using var a = Tensor.Ones(2, 3);
        using var b = Tensor.Ones(2, 4);
        BadInputAssert.Rejects<TorchException>(() => Torch.Cat([a, b]), "Expected size 3 but got size 4 for tensor number 1");
    }

    [Fact]
    public void Cat_OfNoTensors()
    {
        // A c10::ValueError from libtorch 2.14 on, a plain c10::Error in 1.13 and 2.6.
        const string message = "torch.cat(): expected a non-empty list of Tensors";
        if (LibTorchVersion.AtLeast(2, 14)) BadInputAssert.Rejects<TorchValueException>(() => Torch.Cat(ReadOnlySpan<Tensor>.Empty), message);
        else BadInputAssert.Rejects<TorchException>(() => Torch.Cat(ReadOnlySpan<Tensor>.Empty), message);
    }

    [Fact]
    public void Linear_WeightOfTheWrongShape()
    {
        using var input = Tensor.Ones(2, 3);
        using var weight = Tensor.Ones(4, 5);
        BadInputAssert.Rejects<TorchException>(() => Torch.Linear(input, weight), "2x3 and 5x4");
    }

    [Fact]
    public void Conv2d_InputOfTheWrongRank()
    {
        using var input = Tensor.Ones(8, 8);
        using var weight = Tensor.Ones(4, 3, 3, 3);
        BadInputAssert.Rejects<TorchException>(() => Torch.Conv2d(input, weight), "Expected 3D (unbatched) or 4D (batched) input", "[8, 8]");
    }

    [Fact]
    public void Conv2d_InputWithTheWrongChannelCount()
    {
        using var input = Tensor.Ones(1, 2, 8, 8);
        using var layer = Layers.Conv2d(3, 4, (3, 3));
        BadInputAssert.Rejects<TorchException>(() => layer.Forward(input), "expected input[1, 2, 8, 8] to have 3 channels, but got 2 channels");
    }

    [Fact]
    public void Mean_OfAnIntegerTensor()
    {
        using var t = Tensor.Ones([2], DType.Int64);
        BadInputAssert.Rejects<TorchException>(() => Torch.Mean(t), "Input dtype must be either a floating point", "Long");
    }

    [Fact]
    public void Softmax_OfAnIntegerTensor()
    {
        using var t = Tensor.Ones([2], DType.Int64);
        BadInputAssert.Rejects(LibTorchVersion.MissingKernelException, () => Torch.Softmax(t, 0), "not implemented for 'Long'");
    }

    [Fact]
    public void Neg_OfABoolTensor()
    {
        using var t = Tensor.Ones([2], DType.Bool);
        BadInputAssert.Rejects(LibTorchVersion.MissingKernelException, () => Torch.Neg(t), "on a bool tensor is not supported");
    }

    [Fact]
    public void Randn_OfAnIntegerDType()
    {
        BadInputAssert.Rejects(LibTorchVersion.MissingKernelException, () => Tensor.Randn([2], DType.Int64), "not implemented for 'Long'");
    }

    [Fact]
    public void Zeros_NegativeSize()
    {
        string message = LibTorchVersion.AtLeast(2, 14) ? "zeros: Dimension size must be non-negative" : "negative dimension -1";
        BadInputAssert.Rejects<TorchException>(() => Tensor.Zeros(-1), message);
    }

    [Fact]
    public void Zeros_SizesWhoseProductOverflows()
    {
        BadInputAssert.Rejects<TorchException>(() => Tensor.Zeros(long.MaxValue, long.MaxValue), "Storage size calculation overflowed");
    }

    [Fact]
    public void Zeros_OfAHundredDimensions_IsAccepted()
    {
        // The hand-written factories refused more than 64 dimensions, a limit of the shim's own;
        // libtorch's zeros (the generated op under Tensor.Zeros) has none.
        long[] shape = Enumerable.Repeat(1L, 100).ToArray();
        BadInputAssert.LeavesNoHandles(() =>
        {
            using var zeros = Tensor.Zeros(shape);
            Assert.Equal(100, zeros.Dim);
            Assert.Equal(0f, zeros.Item<float>());
        });
    }

    [Fact]
    public void View_ToAnElementCountThatDiffers()
    {
        using var t = Tensor.Zeros(2, 3);
        BadInputAssert.Rejects<TorchException>(() => t.View([4]), "shape '[4]' is invalid for input of size 6");
    }

    [Fact]
    public void View_WithTwoInferredSizes()
    {
        using var t = Tensor.Zeros(6);
        BadInputAssert.Rejects<TorchException>(() => t.View([-1, -1]), "only one dimension can be inferred");
    }

    [Fact]
    public void Permute_WithADuplicateDimension()
    {
        using var t = Tensor.Ones(2, 3);
        BadInputAssert.Rejects<TorchException>(() => t.Permute([0, 0]), "duplicate dims");
    }

    [Fact]
    public void UnknownDType_InCreationAndConversion()
    {
        using var t = Tensor.Ones(2);
        BadInputAssert.Rejects<TorchArgumentException>(() => Tensor.Zeros([2], (DType)99), "unknown dtype code 99");
        BadInputAssert.Rejects<TorchArgumentException>(() => t.To((DType)99), "unknown dtype code 99");
    }

    [Theory]
    [InlineData("mse_loss")]
    [InlineData("cross_entropy_loss")]
    [InlineData("binary_cross_entropy_with_logits")]
    public void UnknownReduction_IsRejectedBeforeLibTorch(string loss)
    {
        // libtorch takes any int: mse_loss asserts, cross_entropy_loss reduces anyway.
        using var logits = Tensor.Zeros(2, 10);
        using var labels = Tensor.FromData<long>([1, 2]);
        using var target = Tensor.Zeros(2, 10);
        var unknown = (Reduction)7;
        BadInputAssert.Rejects<TorchArgumentException>(() => loss switch
        {
            "mse_loss" => Torch.MseLoss(logits, target, unknown),
            "cross_entropy_loss" => Torch.CrossEntropyLoss(logits, labels, reduction: unknown),
            _ => Torch.BinaryCrossEntropyWithLogits(logits, target, reduction: unknown),
        }, "reduction must be 0 (None), 1 (Mean) or 2 (Sum)");
    }

    [Fact]
    public void Arange_WithAZeroStep()
    {
        BadInputAssert.Rejects<TorchException>(() => Tensor.Arange(0, 5, 0), "step must be nonzero");
    }

    [Fact]
    public void RandInt_WithLowAboveHigh()
    {
        BadInputAssert.Rejects<TorchException>(() => Tensor.RandInt(5, 2, [3]), "from=5 >= to=2");
    }
}
