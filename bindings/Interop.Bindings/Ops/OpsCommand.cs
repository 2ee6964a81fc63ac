namespace Interop.Bindings.Ops;

// `ops --root DIR`: generates the op layer from DIR/bindings/schemas into DIR (the C ABI header,
// the shim, the public C# API, the tests' invoker and docs/ops.md), or with --check fails
// naming each generated file that regenerating would change.
internal static class OpsCommand
{
    internal const string Usage = "usage: Interop.Bindings ops --root <repository> [--check]";

    // Tensor members written by hand: the generated Tensor methods of these names are left out
    // (the Torch functions still exist), so that a call never has two equally good overloads.
    internal const string HandWrittenMembersPath = "bindings/schemas/tensor-members.txt";

    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string root;
        bool check;
        try
        {
            (root, check) = Parse(args);
        }
        catch (CommandLineException invalid)
        {
            error.WriteLine($"error: {invalid.Message}\n{Usage}");
            return ExitCodes.Failure;
        }

        Dictionary<string, string> files;
        try
        {
            files = Generate(root);
        }
        catch (BindingException failure)
        {
            error.WriteLine(failure.Message);
            return ExitCodes.Failure;
        }

        var changed = files.Where(file => Read(Path.Combine(root, file.Key)) != file.Value).Select(file => file.Key).ToList();
        if (check)
        {
            foreach (var path in changed)
            {
                error.WriteLine($"{path} is out of date with bindings/schemas; regenerate it with ./build.sh bindings");
            }

            return changed.Count == 0 ? ExitCodes.Success : ExitCodes.OutOfDate;
        }

        foreach (var path in changed)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, files[path]);
            output.WriteLine($"wrote {path}");
        }

        output.WriteLine($"{files.Count - changed.Count} of {files.Count} generated op files were up to date");
        return ExitCodes.Success;
    }

    internal static Dictionary<string, string> Generate(string root)
    {
        var catalog = OpCatalog.Build(SchemaList.LoadAll(Path.Combine(root, "bindings", "schemas")));
        var handWritten = File.ReadLines(Path.Combine(root, HandWrittenMembersPath))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToHashSet();
        var files = new Dictionary<string, string>
        {
            [NativeOpsEmitter.HeaderPath] = NativeOpsEmitter.Header(catalog),
            [InvokerEmitter.Path] = InvokerEmitter.File(catalog),
            [OpsReport.Path] = OpsReport.File(catalog),
        };
        foreach (var (range, ops) in OpGroups.Split(catalog.Bound))
        {
            files[NativeOpsEmitter.SourcePath(range)] = NativeOpsEmitter.Source(range, ops, catalog);
            files[ManagedOpsEmitter.TorchPath(range)] = ManagedOpsEmitter.TorchFile(range, ops);
            files[ManagedOpsEmitter.TensorPath(range)] = ManagedOpsEmitter.TensorFile(range, ops, handWritten);
        }

        return files;
    }

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static (string Root, bool Check) Parse(IReadOnlyList<string> args)
    {
        string? root = null;
        var check = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--check":
                    check = true;
                    break;
                case "--root" when i + 1 < args.Count:
                    root = args[++i];
                    break;
                default:
                    throw new CommandLineException($"unexpected argument '{args[i]}'");
            }
        }

        return (root ?? throw new CommandLineException("--root is required"), check);
    }
}
