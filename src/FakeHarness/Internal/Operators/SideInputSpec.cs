using BeamConformance.Model.Coders;
using BeamConformance.Model.Windowing;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>The views of <c>read_side_inputs</c> (<c>beamconformance:view_fn:v1</c> payload key <c>view</c>).</summary>
internal enum SideInputView
{
    Iterable,
    Multimap,
    MultimapKeys,
    Singleton,
}

/// <summary>One side input of a <c>read_side_inputs</c> transform, resolved from the descriptor.</summary>
/// <param name="Name">The local name (StateKey side_input_id, and the output tag).</param>
/// <param name="View">What is read and emitted.</param>
/// <param name="Default">The singleton default (natural value) when <paramref name="HasDefault"/>.</param>
/// <param name="HasDefault">Whether a default was given.</param>
/// <param name="ElementCoder">The side PCollection's element coder (iterable views: each value; multimap: a KvCoder).</param>
/// <param name="WindowFn">The side PCollection's window fn (for window mapping).</param>
/// <param name="WindowCoder">The side PCollection's window coder (the StateKey's window bytes).</param>
internal sealed record SideInputSpec(string Name, SideInputView View, object? Default, bool HasDefault, Coder ElementCoder, WindowFn WindowFn, Coder WindowCoder);
