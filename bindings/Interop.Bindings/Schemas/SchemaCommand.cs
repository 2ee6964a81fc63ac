namespace Interop.Bindings.Schemas;

// `schemas`: writes the installed libtorch's operator schemas to its committed list, or with
// --check fails when the list no longer matches the headers (the drift check CI runs).
internal static class SchemaCommand
{
    private const string Regenerate = "./build.sh schemas";

    // Enough to see what changed; the full difference is one regeneration away.
    private const int ShownDifferences = 10;

    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        SchemaOptions options;
        LibtorchSchemas schemas;
        try
        {
            options = SchemaOptions.Parse(args);
            schemas = SchemaExtractor.Extract(options.IncludeDirectories);
        }
        catch (CommandLineException invalid)
        {
            error.WriteLine($"error: {invalid.Message}\n{SchemaOptions.Usage}");
            return ExitCodes.Failure;
        }
        catch (Exception failure) when (failure is BindingException or DllNotFoundException)
        {
            error.WriteLine(failure.Message);
            return ExitCodes.Failure;
        }

        // Each libtorch version has a list of its own: writing 2.6's schemas over 1.13's would
        // make the other lane's check fail for a reason nobody changed.
        var expectedName = SchemaListFile.FileName(schemas.Version);
        if (Path.GetFileName(options.OutputPath) != expectedName)
        {
            error.WriteLine(
                $"error: {options.OutputPath} is not the list of the installed libtorch {schemas.Version}, " +
                $"which is named {expectedName}");
            return ExitCodes.Failure;
        }

        var generated = SchemaListFile.Format(schemas);
        var existing = File.Exists(options.OutputPath) ? File.ReadAllText(options.OutputPath) : null;
        return options.Check
            ? Check(options.OutputPath, schemas.Version, existing, generated, output, error)
            : Write(options.OutputPath, existing, generated, output);
    }

    private static int Check(
        string path, string version, string? existing, string generated, TextWriter output, TextWriter error)
    {
        if (existing is null)
        {
            error.WriteLine($"no committed schema list for libtorch {version} ({path}): run {Regenerate}");
            return ExitCodes.OutOfDate;
        }

        if (existing == generated)
        {
            output.WriteLine($"{path} matches the installed libtorch {version}");
            return ExitCodes.Success;
        }

        var differences = SchemaListFile.Differences(existing, generated);
        var added = differences.Count(difference => difference.Change == SchemaChange.Added);
        var summary = differences.Count == 0
            ? "the same schemas, but not laid out as generated"
            : $"{added} added, {differences.Count - added} removed";
        error.WriteLine($"{path} does not match the installed libtorch {version}'s headers: {summary}; regenerate with {Regenerate}");
        foreach (var (change, line) in differences.Take(ShownDifferences))
        {
            error.WriteLine($"  {change.ToString().ToLowerInvariant(),-7} {line}");
        }

        if (differences.Count > ShownDifferences)
        {
            error.WriteLine($"  and {differences.Count - ShownDifferences} more");
        }

        return ExitCodes.OutOfDate;
    }

    private static int Write(string path, string? existing, string generated, TextWriter output)
    {
        // Rewriting an identical file would only touch its timestamp.
        if (existing == generated)
        {
            output.WriteLine($"{path} is up to date");
            return ExitCodes.Success;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, generated);
        output.WriteLine($"wrote {path}");
        return ExitCodes.Success;
    }
}
