using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>A stage that may drop late data, as <see cref="LateDataReport"/> reports it.</summary>
/// <param name="StageId">The engine stage (a GroupByKey, or the SDK stage a stateful ParDo starts).</param>
/// <param name="TransformId">The transform the counter's <c>PTRANSFORM</c> label and the warning name.</param>
/// <param name="Kind">How the warning names the transform's kind: <c>GroupByKey</c> or <c>Stateful ParDo</c>.</param>
/// <param name="Namespace">The counter's namespace (Java's counting class).</param>
/// <param name="Name">The counter's name.</param>
internal sealed record LateDataDropper(StageId StageId, string TransformId, string Kind, string Namespace, string Name);
