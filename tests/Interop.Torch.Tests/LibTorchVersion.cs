namespace Interop.Torch.Tests;

/// <summary>
/// The libtorch the shim was built against, for the few expectations that changed between the
/// versions the tests run on: 1.13 on the host, 2.6 and 2.14 in the 2.x lane (build.sh test-torch2).
/// Each changed expectation is stated for every version, as strictly as before; where a change was
/// seen only between two of those versions, the boundary is the later one.
/// </summary>
internal static class LibTorchVersion
{
    public static Version Current { get; } = Version.Parse(LibTorch.Version.Split('+')[0]);

    public static bool AtLeast(int major, int minor) => Current >= new Version(major, minor);

    /// <summary>
    /// An op without a kernel for the input's dtype: c10::NotImplementedError from 2.14 on, a plain
    /// c10::Error in 1.13 and 2.6.
    /// </summary>
    public static Type MissingKernelException =>
        AtLeast(2, 14) ? typeof(TorchNotImplementedException) : typeof(TorchException);

    /// <summary>The soname of libc10 that the shim needs, e.g. libc10.so.1.13 or libc10.so.2.14.</summary>
    public static string C10Soname => $"libc10.so.{Current.Major}.{Current.Minor}";
}
