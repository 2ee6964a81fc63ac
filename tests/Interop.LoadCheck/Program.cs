// Prints the libtorch version, which binds the native shim; on failure prints the exception
// (type and message) to stderr and exits with 1, as an application would see it.
try
{
    Console.WriteLine(Interop.Torch.LibTorch.Version);
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    return 1;
}
