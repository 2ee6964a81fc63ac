using System.CommandLine;
using System.Globalization;
using Interop.Torch;

namespace Interop.Cli;

/// <summary>`interop models`: each zoo model with its parameter count.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the model zoo with parameter counts (1000 classes, 3x224x224; the small models at their study shapes).");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        Console.WriteLine($"{"model",-16} {"parameters",14}");
        foreach (string name in Zoo.Names)
        {
            using NativeModule model = name switch
            {
                "simple_nn" => Zoo.SimpleNN(),
                "simple_cnn" => Zoo.SimpleCNN(),
                _ => Zoo.Create(name),
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-16} {model.ParameterCount,14:N0}"));
        }
        return 0;
    }
}
