using System.Diagnostics;

namespace Interop.Torch.Tests;

/// <summary>
/// The tests/Interop.LoadCheck program, copied without its native shim into a folder of the
/// test's own, so a child process can show what an application sees when loading fails.
/// </summary>
internal sealed class LoadCheckProgram : IDisposable
{
    // The managed files the program needs; the shim (runtimes/*/native/libitorch.so) is left behind on purpose.
    private static readonly string[] ManagedFiles =
    [
        "Interop.LoadCheck.dll", "Interop.LoadCheck.runtimeconfig.json", "Interop.LoadCheck.deps.json",
        "Interop.Torch.dll", "Interop.Core.dll", "Interop.Data.dll", "Microsoft.Extensions.ObjectPool.dll",
    ];

    public LoadCheckProgram()
    {
        Folder = Directory.CreateTempSubdirectory("itorch-loadcheck-").FullName;
        foreach (string file in ManagedFiles) File.Copy(Path.Combine(BuildOutput, file), Path.Combine(Folder, file));
    }

    /// <summary>The bare folder the program runs from.</summary>
    public string Folder { get; }

    /// <summary>The shim as the build produced it, for tests that place it themselves.</summary>
    public static string BuiltShim => Path.Combine(BuildOutput, "runtimes", "linux-x64", "native", "libitorch.so");

    /// <summary>
    /// tests/Interop.LoadCheck/bin/CONFIG/net10.0, found from this test assembly's own output
    /// folder (tests/Interop.Torch.Tests/bin/CONFIG/net10.0), so Debug and Release both work.
    /// </summary>
    private static string BuildOutput
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = output.Name;
            string configuration = output.Parent!.Name;
            string tests = output.Parent.Parent!.Parent!.Parent!.FullName;
            string folder = Path.Combine(tests, "Interop.LoadCheck", "bin", configuration, framework);
            if (!File.Exists(Path.Combine(folder, "Interop.LoadCheck.dll")))
            {
                throw new InvalidOperationException($"Build tests/Interop.LoadCheck first; nothing at {folder}.");
            }
            return folder;
        }
    }

    /// <summary>Runs <c>dotnet Interop.LoadCheck.dll</c> in the folder with the given environment changes.</summary>
    public (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", ["Interop.LoadCheck.dll"])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            throw new TimeoutException("The load check did not finish within a minute.");
        }
        return (process.ExitCode, output, error.Result);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
