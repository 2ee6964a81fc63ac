using System.Diagnostics;
using System.Text.Json;

namespace Interop.Cli.Tests;

/// <summary>The CLI as a user runs it, in a process of its own, and what it writes.</summary>
internal static class InteropCli
{
    /// <summary>Runs `interop ARGUMENTS` to its end; returns its exit code and its stdout followed by its stderr.</summary>
    public static (int ExitCode, string Output) Run(params string[] arguments)
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
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>The records of a results.json that `interop bench` wrote.</summary>
    public static JsonElement[] Records(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone())];
    }
}
