using BeamConformance.Model.Windows;

namespace BeamConformance.Engine;

/// <summary>
/// A PCollection a stage reads as a side input (iterable, multimap or multimap keys, over the State API).
/// </summary>
/// <param name="PCollection">The side input's PCollection.</param>
/// <remarks>
/// Readiness: a main-input element is held back until every side input is ready for its window.
/// With no <see cref="WindowMapping"/> the engine takes the conservative rule: the side input is ready
/// when its PCollection's watermark has reached <see cref="Model.BeamTime.MaxTimestampMillis"/> (it is
/// complete) — always correct, and in a bounded job it costs nothing but pipelining. With a mapping
/// (the side input's WindowMappingFn, e.g. run by the runner for the standard window fns) the side input is
/// ready for a main window once its watermark is past the mapped side window's max timestamp, or once that
/// window holds an element of a fired pane (a triggered side input, which then reads its latest fired pane).
/// </remarks>
public sealed record SideInput(PCollectionId PCollection)
{
    /// <summary>Maps a main-input window to the side-input window it reads; null: wait for the whole side input.</summary>
    public Func<BoundedWindow, BoundedWindow>? WindowMapping { get; init; }
}
