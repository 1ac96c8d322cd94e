using BeamConformance.Engine;
using BeamConformance.ReferenceRunner.Translation;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>A bundle of a stage started by a splittable DoFn: what its element splits are checked against.</summary>
/// <param name="Root">The stage's Process part.</param>
/// <param name="Input">The stage's one data input.</param>
/// <param name="Elements">The bundle's elements of that input, in the order sent (element indices of the split).</param>
internal sealed record SplittableBundle(StageSplittableRoot Root, StageDataInput Input, IReadOnlyList<Element> Elements);
