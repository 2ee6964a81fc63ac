using Interop.Torch.Native;

namespace Interop.Torch.Tests;

/// <summary>The public enums are hand-written; these prove they still say what the C header says.</summary>
public class BindingConsistencyTests
{
    private static void AssertSameMembers<TPublic, TNative>(IReadOnlyDictionary<TPublic, TNative> pairs)
        where TPublic : struct, Enum where TNative : struct, Enum
    {
        foreach (var (publicValue, nativeValue) in pairs)
        {
            Assert.True(Convert.ToInt32(publicValue) == Convert.ToInt32(nativeValue),
                $"{typeof(TPublic).Name}.{publicValue} = {Convert.ToInt32(publicValue)} but " +
                $"{typeof(TNative).Name}.{nativeValue} = {Convert.ToInt32(nativeValue)}");
        }
        // Neither side has a member the table leaves out.
        Assert.Equal(Enum.GetValues<TPublic>().Order(), pairs.Keys.Order());
        Assert.Equal(Enum.GetValues<TNative>().Order(), pairs.Values.Order());
    }

    [Fact]
    public void DType_MatchesItorchDtype() => AssertSameMembers(new Dictionary<DType, itorch_dtype>
    {
        [DType.UInt8] = itorch_dtype.ITORCH_UINT8,
        [DType.Int8] = itorch_dtype.ITORCH_INT8,
        [DType.Int16] = itorch_dtype.ITORCH_INT16,
        [DType.Int32] = itorch_dtype.ITORCH_INT32,
        [DType.Int64] = itorch_dtype.ITORCH_INT64,
        [DType.Float16] = itorch_dtype.ITORCH_FLOAT16,
        [DType.Float32] = itorch_dtype.ITORCH_FLOAT32,
        [DType.Float64] = itorch_dtype.ITORCH_FLOAT64,
        [DType.Bool] = itorch_dtype.ITORCH_BOOL,
        [DType.BFloat16] = itorch_dtype.ITORCH_BFLOAT16,
    });

    [Fact]
    public void TorchErrorCode_MatchesItorchStatus() => AssertSameMembers(new Dictionary<TorchErrorCode, itorch_status>
    {
        [TorchErrorCode.Ok] = itorch_status.ITORCH_OK,
        [TorchErrorCode.Torch] = itorch_status.ITORCH_ERR_TORCH,
        [TorchErrorCode.Index] = itorch_status.ITORCH_ERR_INDEX,
        [TorchErrorCode.Value] = itorch_status.ITORCH_ERR_VALUE,
        [TorchErrorCode.Type] = itorch_status.ITORCH_ERR_TYPE,
        [TorchErrorCode.NotImplemented] = itorch_status.ITORCH_ERR_NOT_IMPLEMENTED,
        [TorchErrorCode.OutOfMemory] = itorch_status.ITORCH_ERR_OUT_OF_MEMORY,
        [TorchErrorCode.LinAlg] = itorch_status.ITORCH_ERR_LINALG,
        [TorchErrorCode.InvalidArgument] = itorch_status.ITORCH_ERR_INVALID_ARGUMENT,
        [TorchErrorCode.Std] = itorch_status.ITORCH_ERR_STD,
        [TorchErrorCode.Unknown] = itorch_status.ITORCH_ERR_UNKNOWN,
        [TorchErrorCode.CudaUnavailable] = itorch_status.ITORCH_ERR_CUDA_UNAVAILABLE,
        [TorchErrorCode.NotSupported] = itorch_status.ITORCH_ERR_NOT_SUPPORTED,
    });

    [Fact]
    public void DeviceType_MatchesItorchDeviceType() => AssertSameMembers(new Dictionary<DeviceType, itorch_device_type>
    {
        [DeviceType.Cpu] = itorch_device_type.ITORCH_CPU,
        [DeviceType.Cuda] = itorch_device_type.ITORCH_CUDA,
    });

    [Fact]
    public void Reduction_MatchesItorchReduction() => AssertSameMembers(new Dictionary<Reduction, itorch_reduction>
    {
        [Reduction.None] = itorch_reduction.ITORCH_REDUCTION_NONE,
        [Reduction.Mean] = itorch_reduction.ITORCH_REDUCTION_MEAN,
        [Reduction.Sum] = itorch_reduction.ITORCH_REDUCTION_SUM,
    });

    [Fact]
    public unsafe void DType_RoundTripsThroughTheShim()
    {
        // The shim reports libtorch's ScalarType; equal codes mean the two enums agree with libtorch too.
        foreach (DType dtype in Enum.GetValues<DType>())
        {
            using var t = Tensor.Zeros([2], dtype);
            Assert.Equal(dtype, t.DType);
            Assert.Equal(dtype, (DType)Itorch.itorch_tensor_dtype((itorch_tensor*)t.DangerousGetHandle()));
        }
    }

    [Fact]
    public void ScalarKind_MatchesTheScalarConversions()
    {
        Assert.Equal((int)itorch_scalar_kind.ITORCH_SCALAR_INT, ((Scalar)1L).Native.kind);
        Assert.Equal((int)itorch_scalar_kind.ITORCH_SCALAR_FLOAT, ((Scalar)1.0).Native.kind);
        Assert.Equal((int)itorch_scalar_kind.ITORCH_SCALAR_BOOL, ((Scalar)true).Native.kind);
    }

    [Fact]
    public unsafe void ScalarLayout_MatchesTheHeader()
    {
        // struct itorch_scalar { double real; int64_t integer; int32_t kind; } -> 24 bytes on x64.
        Assert.Equal(24, sizeof(itorch_scalar));
    }
}
