using BeamConformance.Model.Windows;

namespace BeamConformance.Engine;

/// <summary>
/// Elements a GroupByKey or a stateful SDK stage dropped as late in one window: the window's max timestamp plus the
/// allowed lateness was before the stage's input watermark when they arrived (Java <c>LateDataDroppingDoFnRunner</c>,
/// counter <c>droppedDueToLateness</c>; for a stateful ParDo <c>StatefulDoFnRunner</c>, counter <c>StatefulParDoDropped</c>).
/// </summary>
/// <param name="GroupByKey">The GroupByKey stage, or the SDK stage that starts with the stateful ParDo.</param>
/// <param name="Window">The expired window.</param>
/// <param name="Count">How many elements were dropped in it (each element counts once per window).</param>
/// <param name="InputWatermarkMillis">The GroupByKey's input watermark (ms) when the first of them arrived.</param>
public sealed record LateDataDrop(StageId GroupByKey, BoundedWindow Window, long Count, long InputWatermarkMillis);
