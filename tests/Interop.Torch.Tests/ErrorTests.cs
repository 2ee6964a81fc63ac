using Interop.Torch.Native;

namespace Interop.Torch.Tests;

public class ErrorTests
{
    [Fact]
    public void MatMul_MismatchedShapes_ThrowsWithLibTorchText_AndTheProcessGoesOn()
    {
        using var a = Tensor.Ones(2, 3);
        using var b = Tensor.Ones(2, 3);
        var error = Assert.Throws<TorchException>(() => Torch.Matmul(a, b));
        Assert.Contains("cannot be multiplied", error.Message);
        Assert.Contains("2x3", error.Message);
        Assert.Equal(TorchErrorCode.Torch, error.ErrorCode);
        Assert.Equal(error.Message, error.NativeMessage);

        using var bt = b.Permute([1, 0]);
        using var ok = Torch.Matmul(a, bt);
        Assert.Equal(new float[] { 3, 3, 3, 3 }, ok.ToArray<float>());
    }

    [Fact]
    public void FailedOp_LeaksNoHandle_AndLeavesTheResultAlone()
    {
        using var a = Tensor.Ones(2, 3);
        using var result = Tensor.Full([2, 2], 5.0);
        long live = LibTorch.LiveHandles;
        Assert.Throws<TorchException>(() => Torch.Matmul(a, a));
        Assert.Throws<TorchException>(() => Torch.Matmul(a, a, result: result));
        Assert.Equal(live, LibTorch.LiveHandles);
        Assert.Equal(new float[] { 5, 5, 5, 5 }, result.ToArray<float>());
    }

    [Fact]
    public void MatMul_WrongDType_ThrowsWithNativeText()
    {
        using var a = Tensor.Ones(2, 2);
        using var b = Tensor.Ones([2, 2], DType.Int64);
        // A plain c10::Error, not c10::TypeError, in every version; the text changed in 2.x.
        var error = Assert.Throws<TorchException>(() => Torch.Matmul(a, b));
        Assert.Contains(LibTorchVersion.AtLeast(2, 6)
            ? "expected m1 and m2 to have the same dtype, but got: float != long int"
            : "expected scalar type Float but found Long", error.Message);
        Assert.Equal(TorchErrorCode.Torch, error.ErrorCode);
        Assert.Equal(error.Message, ((ITorchError)error).NativeMessage);
    }

    [Fact]
    public void CrossEntropy_FloatTarget_ThrowsWithNativeText()
    {
        using var logits = Tensor.Zeros(2, 3);
        using var target = Tensor.FromData<float>([0, 1]);
        var error = Assert.Throws<TorchException>(() => Torch.CrossEntropyLoss(logits, target));
        Assert.Contains(LibTorchVersion.AtLeast(2, 14)
            ? "expected target dtype to be Long or Byte, but got Float"
            : "expected scalar type Long but found Float", error.Message);
        Assert.Equal(TorchErrorCode.Torch, error.ErrorCode);
    }

    [Fact]
    public void CrossEntropy_LabelOutOfRange_ThrowsIndexError()
    {
        using var logits = Tensor.Zeros(2, 3);
        using var target = Tensor.FromData<long>([0, 5]);
        var error = Assert.Throws<TorchIndexException>(() => Torch.CrossEntropyLoss(logits, target));
        Assert.Contains("Target 5 is out of bounds", error.Message);
        Assert.Equal(TorchErrorCode.Index, error.ErrorCode);
    }

    [Fact]
    public void Size_OutOfRange_ThrowsIndexError()
    {
        using var t = Tensor.Zeros(2, 3);
        var error = Assert.Throws<TorchIndexException>(() => t.Size(5));
        Assert.Contains("Dimension out of range", error.Message);
        Assert.Equal(TorchErrorCode.Index, error.ErrorCode);
        Assert.Throws<TorchIndexException>(() => t.Size(-3));
    }

    [Fact]
    public void Softmax_DimOutOfRange_ThrowsIndexError()
    {
        using var t = Tensor.Zeros(2, 3);
        Assert.Throws<TorchIndexException>(() => Torch.Softmax(t, 2));
    }

    [Fact]
    public void DisposedTensor_ThrowsObjectDisposed()
    {
        var t = Tensor.Ones(2);
        using var other = Tensor.Ones(2);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.Dim);
        Assert.Throws<ObjectDisposedException>(() => t.Shape);
        Assert.Throws<ObjectDisposedException>(() => t.Size(0));
        Assert.Throws<ObjectDisposedException>(() => Torch.Add(t, other));
        Assert.Throws<ObjectDisposedException>(() => Torch.Add(other, t));
        Assert.Throws<ObjectDisposedException>(() => Torch.Add(other, other, result: t));
        Assert.Throws<ObjectDisposedException>(() => t.AddInPlace(1));
        Assert.Throws<ObjectDisposedException>(() => Torch.Cat([other, t]));
        Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
        Assert.Equal("Tensor(disposed)", t.ToString());
        // The failed calls left nothing borrowed: other still works and disposes.
        using var sum = Torch.Add(other, other);
        Assert.Equal(new float[] { 2, 2 }, sum.ToArray<float>());
    }

    [Fact]
    public void DoubleDispose_IsHarmless()
    {
        long live = LibTorch.LiveHandles;
        var t = Tensor.Ones(2);
        Assert.Equal(live + 1, LibTorch.LiveHandles);
        t.Dispose();
        t.Dispose();
        Assert.Equal(live, LibTorch.LiveHandles);
        Assert.True(t.IsClosed);
    }

    [Fact]
    public void Cuda_OnThisLibTorch()
    {
        if (LibTorch.CudaIsAvailable)
        {
            // A CUDA libtorch on a GPU machine: the request must succeed instead.
            using var onGpu = Tensor.Zeros([2], DType.Float32, Device.Cuda());
            Assert.Equal(DeviceType.Cuda, onGpu.Device.Type);
            return;
        }
        var error = Assert.Throws<CudaUnavailableException>(() => Tensor.Zeros([2], DType.Float32, Device.Cuda()));
        Assert.Contains("CUDA", error.Message);
        Assert.Equal(TorchErrorCode.CudaUnavailable, error.ErrorCode);

        using var t = Tensor.Ones(2);
        Assert.Throws<CudaUnavailableException>(() => t.To(Device.Cuda()));
    }

    [Fact]
    public void EmptySlotAsInput_ThrowsArgumentError()
    {
        using var empty = new Tensor();
        using var t = Tensor.Ones(2);
        var error = Assert.Throws<TorchArgumentException>(() => Torch.Add(empty, t));
        Assert.Contains("empty slot", error.Message);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Fact]
    public void SetThreads_NonPositive_Throws()
    {
        int before = LibTorch.Threads;
        Assert.Throws<TorchArgumentException>(() => LibTorch.Threads = 0);
        Assert.Equal(before, LibTorch.Threads);
    }

    [Fact]
    public void RequiresGrad_OnIntegerTensor_Throws()
    {
        using var t = Tensor.Ones([2], DType.Int64);
        var error = Assert.ThrowsAny<TorchException>(() => t.RequiresGrad = true);
        Assert.Contains("floating point", error.Message);
    }

    [Fact]
    public void ErrorMessage_IsPerThread()
    {
        using var a = Tensor.Ones(2, 3);
        Assert.Throws<TorchException>(() => Torch.Matmul(a, a));
        string? otherThreadMessage = null;
        Exception? otherThreadError = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var t = Tensor.Zeros(1);
                otherThreadMessage = Assert.Throws<TorchIndexException>(() => t.Size(3)).Message;
            }
            catch (Exception e)
            {
                otherThreadError = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(otherThreadError);
        Assert.Contains("Dimension out of range", otherThreadMessage);
        // This thread's last error is still its own.
        Assert.Contains("cannot be multiplied", Status.LastError((int)TorchErrorCode.Torch).Message);
    }

    public static TheoryData<TorchErrorCode, Type> ErrorTypes => new()
    {
        { TorchErrorCode.Torch, typeof(TorchException) },
        { TorchErrorCode.Index, typeof(TorchIndexException) },
        { TorchErrorCode.Value, typeof(TorchValueException) },
        { TorchErrorCode.Type, typeof(TorchTypeException) },
        { TorchErrorCode.NotImplemented, typeof(TorchNotImplementedException) },
        { TorchErrorCode.OutOfMemory, typeof(TorchOutOfMemoryException) },
        { TorchErrorCode.LinAlg, typeof(TorchLinAlgException) },
        { TorchErrorCode.InvalidArgument, typeof(TorchArgumentException) },
        { TorchErrorCode.Std, typeof(TorchException) },
        { TorchErrorCode.Unknown, typeof(TorchException) },
        { TorchErrorCode.CudaUnavailable, typeof(CudaUnavailableException) },
    };

    [Theory]
    [MemberData(nameof(ErrorTypes))]
    public unsafe void EveryStatus_MapsToATypedExceptionCarryingItsCode(TorchErrorCode code, Type expectedType)
    {
        // Leave a known native message on this thread first.
        using var t = Tensor.Zeros(1);
        Assert.Throws<TorchIndexException>(() => t.Size(9));
        string native = System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)Itorch.itorch_last_error_message())!;

        Exception error = Status.LastError((int)code);
        Assert.IsType(expectedType, error);
        var torchError = Assert.IsAssignableFrom<ITorchError>(error);
        Assert.Equal(code, torchError.ErrorCode);
        Assert.Equal(native, torchError.NativeMessage);
        Assert.Equal(native, error.Message);
    }

    [Fact]
    public void LastErrorCode_IsRecordedNatively()
    {
        using var t = Tensor.Zeros(1);
        Assert.Throws<TorchIndexException>(() => t.Size(9));
        Assert.Equal((int)TorchErrorCode.Index, Itorch.itorch_last_error_code());
    }
}
