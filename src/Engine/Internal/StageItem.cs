namespace BeamConformance.Engine.Internal;

/// <summary>
/// An element queued or in flight on an SDK stage: the index of its main input, the element, and the timestamp (ms)
/// at which it holds the stage's output watermark until it is processed (its own timestamp, or a residual root's hold).
/// </summary>
internal readonly record struct StageItem(int Input, Element Element, long Hold);
