namespace Interop.Torch.Tests;

/// <summary>
/// A missing shim, or a shim whose libtorch cannot load, gives one exception that names every
/// path tried and says how to fix it. Each case runs in a child process: a process that has
/// loaded the shim cannot unload it.
/// </summary>
public class LoadFailureTests
{
    [Fact]
    public void MissingShim_NamesEveryPathTried_AndTheFix()
    {
        using var program = new LoadCheckProgram();
        string configured = Directory.CreateTempSubdirectory("itorch-noshim-").FullName;
        try
        {
            var (exitCode, output, error) = program.Run(new Dictionary<string, string>
            {
                ["INTEROP_ITORCH_PATH"] = configured,
            });

            Assert.NotEqual(0, exitCode);
            Assert.Equal("", output);
            Assert.Contains("NativeLibraryLoadException", error);
            Assert.Contains("Could not load the native library libitorch.so", error);
            // Every candidate: the variable's folder, runtimes/RID/native and the folder itself, the system search.
            Assert.Contains(Path.Combine(configured, "libitorch.so") + ": not found", error);
            Assert.Contains(Path.Combine(program.Folder, "runtimes", "linux-x64", "native", "libitorch.so") + ": not found", error);
            Assert.Contains(Path.Combine(program.Folder, "libitorch.so") + ": not found", error);
            Assert.Contains("libitorch.so (system search path)", error);
            // How to fix it.
            Assert.Contains("INTEROP_ITORCH_PATH", error);
            Assert.Contains("./build.sh", error);
            Assert.Contains("apt-get install libtorch-dev", error);
        }
        finally
        {
            Directory.Delete(configured, recursive: true);
        }
    }

    [Fact]
    public void ShimFound_ButLibTorchUnloadable_ShowsTheLoadersReason_AndTheFix()
    {
        // libtorch is installed system-wide here, so it cannot be made absent without root; a
        // broken libc10 first on LD_LIBRARY_PATH (searched before the shim's RUNPATH) makes the
        // shim's dependencies fail to load in the same way.
        using var program = new LoadCheckProgram();
        string shimFolder = Directory.CreateTempSubdirectory("itorch-shim-").FullName;
        string brokenLibraries = Directory.CreateTempSubdirectory("itorch-brokenlib-").FullName;
        try
        {
            string shim = Path.Combine(shimFolder, "libitorch.so");
            File.Copy(LoadCheckProgram.BuiltShim, shim);
            File.WriteAllBytes(Path.Combine(brokenLibraries, LibTorchVersion.C10Soname), []);

            var (exitCode, _, error) = program.Run(new Dictionary<string, string>
            {
                ["INTEROP_ITORCH_PATH"] = shim,
                ["LD_LIBRARY_PATH"] = brokenLibraries,
            });

            Assert.NotEqual(0, exitCode);
            Assert.Contains("Could not load the native library libitorch.so", error);
            // The shim was found; the dynamic loader's own reason names the library that failed.
            Assert.Contains(shim + ": ", error);
            Assert.Contains(LibTorchVersion.C10Soname, error);
            Assert.Contains("apt-get install libtorch-dev", error);
            Assert.Contains("LD_LIBRARY_PATH", error);
        }
        finally
        {
            Directory.Delete(shimFolder, recursive: true);
            Directory.Delete(brokenLibraries, recursive: true);
        }
    }

    [Fact]
    public void ShimPresent_LoadsAndReportsTheVersion()
    {
        using var program = new LoadCheckProgram();
        File.Copy(LoadCheckProgram.BuiltShim, Path.Combine(program.Folder, "libitorch.so"));

        var (exitCode, output, error) = program.Run(new Dictionary<string, string>());

        Assert.True(exitCode == 0, error);
        Assert.Equal(LibTorch.Version, output.Trim());
    }
}
