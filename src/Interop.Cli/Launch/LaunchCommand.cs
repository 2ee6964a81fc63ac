using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Interop.Cli.Launch;

/// <summary>
/// `interop launch`: torchrun's launcher. Starts --nproc ranks of a command on this node with
/// torchrun's environment (MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE, LOCAL_RANK,
/// LOCAL_WORLD_SIZE, GROUP_RANK), forwards their output line by line, and ends them all when
/// one fails (<see cref="Launcher"/>).
/// </summary>
internal static class LaunchCommand
{
    private const string LocalMaster = "127.0.0.1";

    public static Command Create()
    {
        var nproc = new Option<int>("--nproc") { Description = "Ranks to start on this node.", Required = true };
        var nnodes = new Option<int>("--nnodes") { Description = "Nodes in the job, each running its own launch with the same --nproc.", DefaultValueFactory = _ => 1 };
        var nodeRank = new Option<int>("--node-rank") { Description = "This node's index, from 0 to NNODES - 1.", DefaultValueFactory = _ => 0 };
        var master = new Option<string?>("--master") { Description = $"HOST:PORT where rank 0 meets the others (default: {LocalMaster} and a free port; required with --nnodes above 1)." };
        // Arity zero: `--exec true` runs true rather than reading "true" as the flag's value.
        var exec = new Option<bool>("--exec") { Description = "COMMAND is a program and its arguments, not interop's arguments.", Arity = ArgumentArity.Zero };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds the ranks may run before all are killed (default: no limit)." };
        // Everything from the command's first word on is the command's, as after torchrun's script:
        // its options are never taken for the launcher's.
        var command = new Argument<string[]>("command")
        {
            Description = "The interop command each rank runs (with --exec, the program and its arguments); the launcher's options come before it.",
            Arity = ArgumentArity.ZeroOrMore,
            CaptureRemainingTokens = true,
        };
        var launch = new Command("launch", "Start NPROC ranks of COMMAND as torchrun does; when one fails, end the others and fail.")
        {
            nproc, nnodes, nodeRank, master, exec, timeout, command,
        };
        launch.SetAction(parse =>
        {
            LaunchPlan plan;
            try
            {
                plan = Plan(parse.GetValue(command)!, parse.GetValue(exec), parse.GetValue(nproc), parse.GetValue(nnodes),
                    parse.GetValue(nodeRank), parse.GetValue(master), parse.GetValue(timeout));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"launch: {e.Message}");
                return 2;
            }
            return Launcher.Run(plan);
        });
        return launch;
    }

    private static LaunchPlan Plan(string[] command, bool exec, int nproc, int nnodes, int nodeRank, string? master, double? timeout)
    {
        Require(command.Length > 0 && command[0].Length > 0, exec ? "name the program to run after --exec." : "name the interop command to run, for example `launch --nproc 2 train fashion-mnist`.");
        Require(nproc >= 1, $"--nproc is at least 1, not {nproc}.");
        Require(nnodes >= 1, $"--nnodes is at least 1, not {nnodes}.");
        Require(nodeRank >= 0 && nodeRank < nnodes, $"--node-rank is from 0 to {nnodes - 1} with --nnodes {nnodes}, not {nodeRank}.");
        Require(timeout is null or > 0, "--timeout is a number of seconds above 0.");
        (string address, int port) = Master(master, nnodes);
        (string program, string[] arguments) = exec ? (command[0], command[1..]) : Self(command);
        return new LaunchPlan(program, arguments, new RankLayout(nproc, nnodes, nodeRank, address, port),
            timeout is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    private static (string Address, int Port) Master(string? master, int nnodes)
    {
        if (master is null)
        {
            Require(nnodes == 1, "--master HOST:PORT is required with --nnodes above 1: every node's ranks must meet at the same address.");
            return (LocalMaster, RankLayout.FreeLoopbackPort());
        }
        int colon = master.LastIndexOf(':');
        int port = 0;
        Require(colon > 0 && int.TryParse(master.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535,
            $"--master is HOST:PORT with a port from 1 to 65535, not '{master}'.");
        // An IPv6 host comes bracketed, [::1]:29500; MASTER_ADDR is the bare address.
        return (master[..colon].Trim('[', ']'), port);
    }

    // Without --exec each rank is this CLI again, started the way SelfCommand starts it.
    private static (string Program, string[] Arguments) Self(string[] command)
    {
        ProcessStartInfo self = SelfCommand.StartInfo(command);
        return (self.FileName, [.. self.ArgumentList]);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
