namespace Interop.Torch.Tests;

public class SettingsTests
{
    [Fact]
    public void Threads_RoundTrip()
    {
        int old = LibTorch.Threads;
        Assert.True(old >= 1);
        int other = old == 1 ? 2 : 1;
        try
        {
            LibTorch.Threads = other;
            Assert.Equal(other, LibTorch.Threads);
            using var a = Tensor.Ones(64, 64);
            using var product = Torch.Matmul(a, a);
            Assert.Equal(64f, product.DangerousAsSpan<float>()[0]);
        }
        finally
        {
            LibTorch.Threads = old;
        }
        Assert.Equal(old, LibTorch.Threads);
    }

    [Fact]
    public void ManualSeed_ReproducesEveryGenerator()
    {
        float[] First()
        {
            using var rand = Tensor.Rand(5);
            using var randn = Tensor.Randn(5);
            using var randint = Tensor.RandInt(0, 1000, [5]);
            using var ints = randint.To(DType.Float32);
            using var ones = Tensor.Ones(5);
            using var dropped = Torch.Dropout(ones, 0.5, train: true);
            using var all = Torch.Cat([rand, randn, ints, dropped]);
            return all.ToArray<float>();
        }

        LibTorch.ManualSeed(2024);
        float[] a = First();
        LibTorch.ManualSeed(2024);
        float[] b = First();
        Assert.Equal(a, b);
        LibTorch.ManualSeed(2025);
        Assert.NotEqual(a, First());
    }

    [Fact]
    public void Version_IsALibTorchVersion()
    {
        string version = LibTorch.Version;
        Assert.True(version.StartsWith("1.", StringComparison.Ordinal) || version.StartsWith("2.", StringComparison.Ordinal),
            $"unexpected version '{version}'");
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
    }

    [Fact]
    public void CudaIsAvailable_AgreesWithCreatingACudaTensor()
    {
        bool created;
        try
        {
            using var t = Tensor.Zeros([1], DType.Float32, Device.Cuda());
            created = true;
        }
        catch (CudaUnavailableException)
        {
            created = false;
        }
        Assert.Equal(LibTorch.CudaIsAvailable, created);
    }
}
