namespace Interop.Torch.Tests;

/// <summary>Allocations beyond memory and files that are missing, foreign or corrupt.</summary>
public class BadInputResourceTests : NativeFileTest
{
    [Fact]
    public void Empty_FarBeyondMemory_ThrowsOutOfMemory_WithoutTouchingIt()
    {
        // 4 TiB: libtorch 1.13's CPU allocator fails at once (ENOMEM), so nothing is touched.
        var error = BadInputAssert.Rejects<TorchOutOfMemoryException>(() => Tensor.Empty([1L << 40], DType.Float32),
            "can't allocate memory", "4398046511104 bytes");
        Assert.IsAssignableFrom<OutOfMemoryException>(error);
        Assert.Equal(TorchErrorCode.OutOfMemory, error.ErrorCode);
    }

    [Fact]
    public void LoadParameters_FromAFolder()
    {
        using var layer = Layers.Linear(2, 2);
        BadInputAssert.Rejects<FileNotFoundException>(() => layer.Load(Scratch), Scratch);
    }

    [Fact]
    public void LoadTorchScript_FromAnEmptyFile()
    {
        string file = ScratchFile("empty.pt");
        File.WriteAllBytes(file, []);
        BadInputAssert.Rejects<TorchException>(() => NativeModule.LoadTorchScript(file), file);
    }

    [Fact]
    public void Paths_Empty_Or_WithANullCharacter()
    {
        using var layer = Layers.Linear(2, 2);
        BadInputAssert.Rejects<ArgumentException>(() => layer.Save(""), "path");
        BadInputAssert.Rejects<ArgumentException>(() => layer.Save("a\0b.pt"), "null character", "path");
    }
}
