using BeamConformance.Model.Windows;

namespace BeamConformance.Engine;

/// <summary>One merge decided by a <see cref="IWindowMergeFn"/>: the source windows become <paramref name="Result"/>.</summary>
/// <param name="Sources">Two or more active windows of one key that merge.</param>
/// <param name="Result">The window they merge into (it may equal one of the sources).</param>
public sealed record WindowMerge(IReadOnlyList<BoundedWindow> Sources, BoundedWindow Result);
