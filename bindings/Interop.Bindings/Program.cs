using Interop.Bindings;
using Interop.Bindings.Ops;
using Interop.Bindings.Schemas;

internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    // A subcommand is named first; without one, the arguments describe a header to bind.
    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        switch (args.FirstOrDefault())
        {
            case "schemas":
                return SchemaCommand.Run(args.Skip(1).ToList(), output, error);
            case "ops":
                return OpsCommand.Run(args.Skip(1).ToList(), output, error);
            default:
                return GenerateBindings(args, output, error);
        }
    }

    private static int GenerateBindings(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        CommandLineOptions options;
        string generated;
        try
        {
            options = CommandLineOptions.Parse(args);
            generated = Generate(options);
        }
        catch (CommandLineException invalid)
        {
            error.WriteLine($"error: {invalid.Message}\n{CommandLineOptions.Usage}");
            return ExitCodes.Failure;
        }
        catch (Exception failure) when (failure is BindingException or DllNotFoundException)
        {
            error.WriteLine(failure.Message);
            return ExitCodes.Failure;
        }

        var existing = File.Exists(options.OutputPath) ? File.ReadAllText(options.OutputPath) : null;
        if (options.Check)
        {
            if (existing == generated)
            {
                return ExitCodes.Success;
            }

            var problem = existing is null ? "does not exist" : $"is out of date with {options.HeaderPath}";
            error.WriteLine($"{options.OutputPath} {problem}; regenerate it with ./build.sh bindings");
            return ExitCodes.OutOfDate;
        }

        // Rewriting an identical file would only touch its timestamp and trigger rebuilds.
        if (existing == generated)
        {
            output.WriteLine($"{options.OutputPath} is up to date");
            return ExitCodes.Success;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
        File.WriteAllText(options.OutputPath, generated);
        output.WriteLine($"wrote {options.OutputPath}");
        return ExitCodes.Success;
    }

    private static string Generate(CommandLineOptions options)
    {
        var header = HeaderParser.Parse(options.HeaderPath);
        var emitOptions = new EmitOptions(
            options.HeaderPath.Replace('\\', '/'), options.Library, options.Namespace, options.ClassName);
        return CSharpEmitter.Emit(header, emitOptions);
    }
}
