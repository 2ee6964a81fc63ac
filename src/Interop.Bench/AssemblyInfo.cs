using System.Runtime.CompilerServices;

// Every generated import is blittable; this makes the runtime enforce that.
[assembly: DisableRuntimeMarshalling]
