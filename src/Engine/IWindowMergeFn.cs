using BeamConformance.Model.Windows;

namespace BeamConformance.Engine;

/// <summary>
/// The merging half of a merging WindowFn (Java <c>WindowFn.mergeWindows</c>): given the active windows of
/// one key at a GroupByKey, says which merge. Assigning windows is the SDK's job (WindowInto runs there);
/// the engine calls this each time new windows arrive for a key.
/// </summary>
/// <remarks>
/// <see cref="SessionsMergeFn"/> implements the standard sessions WindowFn in the runner. A custom merging
/// WindowFn is merged by the SDK; a runner plugs that in with an implementation of this interface that
/// answers from the SDK's merge results.
/// </remarks>
public interface IWindowMergeFn
{
    /// <summary>Decides the merges among <paramref name="activeWindows"/>.</summary>
    /// <param name="activeWindows">The key's active windows, distinct, in a deterministic order.</param>
    /// <returns>The merges to apply; windows in no merge stay as they are. Each window is in at most one merge.</returns>
    IReadOnlyList<WindowMerge> Merge(IReadOnlyList<BoundedWindow> activeWindows);
}
