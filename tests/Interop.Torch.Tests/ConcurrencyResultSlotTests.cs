using System.Diagnostics;

namespace Interop.Torch.Tests;

/// <summary>
/// A result slot rebound on one thread while two others read it (tests/Interop.RaceCheck). It
/// runs in a child process: before the per-slot lock it killed its process (SIGSEGV in 5 runs
/// of 5 here), which must fail this test, not end the test host.
/// </summary>
public class ConcurrencyResultSlotTests
{
    [Fact]
    public async Task RebindingAResultWhileOtherThreadsReadIt_NeverCrashes()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(ProgramFolder, "Interop.RaceCheck.dll"), "2"])
        {
            WorkingDirectory = ProgramFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<string> standardOutput = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail("The race did not finish within a minute of its 2 s.");
        }
        string output = await standardOutput;

        Assert.True(process.ExitCode == 0, $"The race ended with exit code {process.ExitCode}: {output} {await error}");
        Assert.StartsWith("ok: ", output);
        Assert.DoesNotContain(" 0 rebinds", output);
        Assert.DoesNotContain(" 0 reads", output);
    }

    /// <summary>tests/Interop.RaceCheck/bin/CONFIG/net10.0, found from this assembly's own output folder.</summary>
    private static string ProgramFolder
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string tests = output.Parent!.Parent!.Parent!.Parent!.FullName;
            string folder = Path.Combine(tests, "Interop.RaceCheck", "bin", output.Parent.Name, output.Name);
            if (!File.Exists(Path.Combine(folder, "Interop.RaceCheck.dll")))
            {
                throw new InvalidOperationException($"Build tests/Interop.RaceCheck first; nothing at {folder}.");
            }
            return folder;
        }
    }
}
