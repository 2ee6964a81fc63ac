namespace Interop.Torch.Tests;

/// <summary>
/// Base of the tests that write module files: each test (xunit makes one instance per test) gets
/// its own scratch folder, and fails if it leaves a native handle alive.
/// </summary>
public abstract class NativeFileTest : IDisposable
{
    private readonly long liveHandlesAtStart = SettledLiveHandles();

    /// <summary>A folder of the test's own, deleted afterwards.</summary>
    protected string Scratch { get; } = Directory.CreateTempSubdirectory("itorch-files-").FullName;

    protected string ScratchFile(string name) => Path.Combine(Scratch, name);

    /// <summary>A sequential container that alone holds its children: their own handles are disposed.</summary>
    protected static NativeModule Sequential(params NativeModule[] children)
    {
        try
        {
            return Layers.Sequential(children);
        }
        finally
        {
            foreach (var child in children) child.Dispose();
        }
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        Directory.Delete(Scratch, recursive: true);
        Assert.Equal(liveHandlesAtStart, LibTorch.LiveHandles);
    }

    // Runs the finalizers of what earlier tests dropped, so they cannot move the count mid-test.
    private static long SettledLiveHandles()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return LibTorch.LiveHandles;
    }
}
