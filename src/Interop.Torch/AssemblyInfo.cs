using System.Runtime.CompilerServices;

// Every generated import is blittable; this makes the runtime enforce that.
[assembly: DisableRuntimeMarshalling]
[assembly: InternalsVisibleTo("Interop.Torch.Tests")]
[assembly: InternalsVisibleTo("Interop.Benchmarks")]
[assembly: InternalsVisibleTo("Interop.Bench")]
