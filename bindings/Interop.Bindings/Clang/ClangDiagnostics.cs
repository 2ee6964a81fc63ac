namespace Interop.Bindings.Clang;

internal static class ClangDiagnostics
{
    // Every error at once, so one run shows all that needs fixing; warnings are not the generator's business.
    internal static void ThrowOnErrors(IntPtr unit)
    {
        var errors = new List<string>();
        for (uint i = 0; i < LibClang.clang_getNumDiagnostics(unit); i++)
        {
            var diagnostic = LibClang.clang_getDiagnostic(unit, i);
            try
            {
                if (LibClang.clang_getDiagnosticSeverity(diagnostic) >= CXDiagnosticSeverity.Error)
                {
                    var options = LibClang.clang_defaultDiagnosticDisplayOptions();
                    errors.Add(LibClang.clang_formatDiagnostic(diagnostic, options).ToManagedAndDispose());
                }
            }
            finally
            {
                LibClang.clang_disposeDiagnostic(diagnostic);
            }
        }

        if (errors.Count > 0)
        {
            throw new BindingException(string.Join('\n', errors));
        }
    }
}
