using System.CommandLine;
using Interop.Cli;
using Interop.Cli.Bench;
using Interop.Cli.Launch;

var root = new RootCommand("interop: drive libtorch from C#.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ModelsCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(LaunchCommand.Create());
return root.Parse(args).Invoke();
