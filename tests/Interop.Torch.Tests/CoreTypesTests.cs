namespace Interop.Torch.Tests;

/// <summary>Device and ElementType from Interop.Core.</summary>
public class CoreTypesTests
{
    [Fact]
    public void Device_ParseAndFormat()
    {
        Assert.Equal(Device.Cpu, Device.Parse("cpu"));
        Assert.Equal(Device.Cuda(0), Device.Parse("cuda"));
        Assert.Equal(Device.Cuda(3), Device.Parse("CUDA:3"));
        Assert.Equal("cuda:3", Device.Cuda(3).ToString());
        Assert.Equal("cpu", Device.Cpu.ToString());
        Assert.Throws<FormatException>(() => Device.Parse("tpu"));
        Assert.Throws<FormatException>(() => Device.Parse("cuda:-1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Device.Cuda(-1));
    }

    [Fact]
    public void ElementType_Mapping()
    {
        Assert.Equal(DType.Float32, ElementType.Of<float>());
        Assert.Equal(DType.Float64, ElementType.Of<double>());
        Assert.Equal(DType.Int64, ElementType.Of<long>());
        Assert.Equal(DType.Int32, ElementType.Of<int>());
        Assert.Equal(DType.Int16, ElementType.Of<short>());
        Assert.Equal(DType.Int8, ElementType.Of<sbyte>());
        Assert.Equal(DType.UInt8, ElementType.Of<byte>());
        Assert.Equal(DType.Bool, ElementType.Of<bool>());
        Assert.Equal(DType.Float16, ElementType.Of<Half>());
        Assert.Throws<NotSupportedException>(() => ElementType.Of<ulong>());
        foreach (DType dtype in Enum.GetValues<DType>())
        {
            using var t = Tensor.Zeros([1], dtype);
            Assert.Equal(dtype, t.DType);
            Assert.Equal(dtype switch
            {
                DType.UInt8 or DType.Int8 or DType.Bool => 1,
                DType.Int16 or DType.Float16 or DType.BFloat16 => 2,
                DType.Int32 or DType.Float32 => 4,
                _ => 8,
            }, ElementType.SizeOf(dtype));
            Assert.Equal(dtype is not (DType.Float16 or DType.Float32 or DType.Float64 or DType.BFloat16),
                ElementType.IsIntegral(dtype));
        }
    }
}
