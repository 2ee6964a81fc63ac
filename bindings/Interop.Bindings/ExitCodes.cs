namespace Interop.Bindings;

// Shared by every subcommand, so that CI tells "regenerate and commit" (1) from "the tool could not run" (2).
internal static class ExitCodes
{
    internal const int Success = 0;
    internal const int OutOfDate = 1;
    internal const int Failure = 2;
}
