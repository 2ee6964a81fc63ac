namespace Interop.Torch.Tests;

/// <summary>Indices, labels and dimensions out of range; CUDA asked of a libtorch without it.</summary>
public class BadInputIndexAndDeviceTests
{
    [Theory]
    [InlineData(12)]
    [InlineData(10)]
    [InlineData(-1)]
    public void CrossEntropy_LabelOutsideTheClasses(long label)
    {
        using var logits = Tensor.Zeros(2, 10);
        using var labels = Tensor.FromData<long>([1, label]);
        BadInputAssert.Rejects<TorchIndexException>(() => Torch.CrossEntropyLoss(logits, labels), $"Target {label} is out of bounds");
    }

    [Fact]
    public void CrossEntropy_BatchSizesDiffer()
    {
        using var logits = Tensor.Zeros(2, 10);
        using var labels = Tensor.FromData<long>([1, 2, 3]);
        BadInputAssert.Rejects<TorchValueException>(() => Torch.CrossEntropyLoss(logits, labels), "input batch_size (2) to match target batch_size (3)");
    }

    [Fact]
    public void Size_DimensionOutOfRange()
    {
        using var t = Tensor.Zeros(2);
        BadInputAssert.Rejects<TorchIndexException>(() => t.Size(9), "Dimension out of range", "but got 9");
    }

    [Fact]
    public void SumAndFlatten_DimensionOutOfRange()
    {
        using var t = Tensor.Ones(2, 3);
        BadInputAssert.Rejects<TorchIndexException>(() => Torch.Sum(t, [4]), "but got 4");
        BadInputAssert.Rejects<TorchIndexException>(() => Torch.Flatten(t, 0, 5), "but got 5");
    }

    [Fact]
    public void Cuda_ForCreation_Conversion_AndModules()
    {
        using var t = Tensor.Ones(2);
        using var layer = Layers.Linear(2, 2);
        if (LibTorch.CudaIsAvailable)
        {
            // A CUDA libtorch on a GPU machine: the same requests must succeed.
            using var created = Tensor.Zeros([2], DType.Float32, Device.Cuda());
            using var moved = t.To(Device.Cuda());
            layer.To(Device.Cuda());
            Assert.Equal(DeviceType.Cuda, moved.Device.Type);
            return;
        }
        BadInputAssert.Rejects<CudaUnavailableException>(() => Tensor.Zeros([2], DType.Float32, Device.Cuda()), "CUDA", "LIBTORCH_DIR");
        BadInputAssert.Rejects<CudaUnavailableException>(() => t.To(Device.Cuda()), "CUDA");
        BadInputAssert.Rejects<CudaUnavailableException>(() => layer.To(Device.Cuda()), "CUDA");
        // The module stayed usable on the CPU.
        using var x = Tensor.Ones(1, 2);
        using var y = layer.Forward(x);
        Assert.Equal([1L, 2L], y.Shape);
    }

    [Fact]
    public void Cuda_NegativeDeviceIndex()
    {
        BadInputAssert.Rejects<ArgumentOutOfRangeException>(() => Device.Cuda(-2), "index");
    }
}
