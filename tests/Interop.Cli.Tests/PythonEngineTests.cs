using System.Runtime.InteropServices;

namespace Interop.Cli.Tests;

/// <summary>The Python engine's own figures, as the harness reads them from its child.</summary>
public class PythonEngineTests
{
    [Fact]
    public void PeakRssIsThePythonProcessesOwnNotThatOfTheBenchThatStartedIt()
    {
        // A bench that has just run VGG16 is this large when it starts the next Python child;
        // Linux hands a child's ru_maxrss its parent's resident set at fork.
        const int parentBytes = 1024 * 1024 * 1024;
        IntPtr held = Marshal.AllocHGlobal(parentBytes);
        try
        {
            for (int page = 0; page < parentBytes; page += 4096) Marshal.WriteByte(held, page, 1);
            var workload = Workload.ForModel("simple_nn", Workload.Infer, batch: 1, size: 32, Workload.BinaryCrossEntropy,
                warmup: 1, stepsPerRound: 1, rounds: 1);
            using ChildEngine python = PythonEngine.Start("/usr/bin/python3", workload, threads: 1);
            python.Run(1);

            double peak = python.PeakRssMb();
            // torch alone makes Python's process some 100-400 MiB; the parent holds over 1 GiB.
            Assert.InRange(peak, 50, 700);
        }
        finally
        {
            Marshal.FreeHGlobal(held);
        }
    }
}
