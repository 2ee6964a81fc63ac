using System.Diagnostics;
using System.Text.Json;

namespace Interop.Cli.Tests;

/// <summary>The CLI as a user runs it, in a process of its own, and what it writes.</summary>
internal static class InteropCli
{
    /// <summary>Runs `interop ARGUMENTS` to its end; returns its exit code and its stdout followed by its stderr.</summary>
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var (exitCode, output, error) = Run(Timeout.InfiniteTimeSpan, arguments);
        return (exitCode, output + error);
    }

    /// <summary>
    /// Runs `interop ARGUMENTS` to its end, or kills it with everything it started and throws
    /// once it or its output has run past <paramref name="limit"/>; returns its exit code, stdout and stderr.
    /// </summary>
    public static (int ExitCode, string Output, string Error) Run(TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "interop.dll"));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        // The output too: a process it started may hold the pipes open after it has exited.
        if (!process.WaitForExit(limit) || !Task.WaitAll([output, error], limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"interop {string.Join(' ', arguments)} ran past {limit.TotalSeconds} s.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The records of a results.json that `interop bench` wrote.</summary>
    public static JsonElement[] Records(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone())];
    }
}
