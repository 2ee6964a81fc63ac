namespace Interop.Torch;

/// <summary>How the training and inference loops call a model's forward.</summary>
internal static class ModuleForward
{
    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="input"/> and leaves the result in the loop's
    /// <paramref name="output"/>, whichever style the forward has: one that writes into
    /// <c>result</c> (allocation-free), or a PyTorch-style one that returns a new tensor, which the
    /// loop then owns: it keeps the value in <paramref name="output"/> and frees the new handle.
    /// </summary>
    /// <exception cref="InvalidOperationException">The forward returned <c>result</c> without putting anything in it.</exception>
    public static void Into(IModule model, Tensor input, Tensor output)
    {
        Tensor returned = model.Forward(input, output);
        if (ReferenceEquals(returned, output))
        {
            if (!output.IsDefined)
            {
                throw new InvalidOperationException(
                    $"{model.GetType().Name}.Forward returned its result tensor empty. Either pass result as the result of " +
                    "its last op (e.g. `return head.Forward(x, result);`) or return a new tensor (`return head.Forward(x);`).");
            }
            return;
        }
        if (returned is null) throw new InvalidOperationException($"{model.GetType().Name}.Forward returned null instead of a tensor.");
        output.Assign(returned);
        // A forward that passes its input through hands back the loop's own input, which stays.
        if (!ReferenceEquals(returned, input)) returned.Dispose();
    }

    /// <summary>Puts <paramref name="model"/> in <paramref name="training"/> mode unless it is already there.</summary>
    /// <remarks>
    /// The loops call this before every step or prediction, because a trainer and a predictor may
    /// share a model and each leaves it in its own mode. Reading the mode is one native query, and
    /// allocates nothing; the walk over the module tree happens only when the mode changes.
    /// </remarks>
    public static void EnsureMode(IModule model, bool training)
    {
        if (model.IsTraining != training) model.SetTraining(training);
    }
}
