using BeamConformance.Conformance.Scenarios;
using BeamConformance.Model.Windowing;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Lint;

/// <summary>
/// Keeps the per-feature matrix honest: what a scenario's pipeline and checks use implies tags it
/// must carry (a runner lacking GroupByKey must see every scenario that needs it under that tag).
/// </summary>
[Trait("category", "lint")]
public sealed class FeatureTagLintTests
{
    // Transform URN → the tag every scenario using it carries.
    private static readonly Dictionary<string, string> UrnTags = new()
    {
        [ScenarioUrns.GroupByKey] = "UsesGroupByKey",
        [ScenarioUrns.Flatten] = "UsesFlatten",
        [ScenarioUrns.Reshuffle] = "UsesReshuffle",
        [ScenarioUrns.WindowInto] = "UsesWindowInto",
        [ScenarioUrns.CombinePerKey] = "UsesCombine",
        [ScenarioUrns.CombineGlobally] = "UsesCombine",
        [ScenarioUrns.CombineGroupedValues] = "UsesCombine",
        [ScenarioUrns.ReadSideInputs] = "UsesSideInputs",
        [ScenarioUrns.MultiOutput] = "UsesMultipleOutputs",
        [ScenarioUrns.TestStream] = "UsesTestStream",
        [ScenarioUrns.Timers] = "UsesTimersInParDo",
    };

    public static TheoryData<string> ScenarioIds() => SuiteLintTests.ScenarioIds();

    [Theory]
    [MemberData(nameof(ScenarioIds))]
    public void Tags_cover_what_the_scenario_uses(string id)
    {
        var s = ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, id + ".yaml"));
        var implied = new SortedSet<string>(StringComparer.Ordinal);
        if (s.Expect.Failure?.Phase == FailurePhase.Prepare)
        {
            implied.Add("UsesPrepareValidation");
        }
        else
        {
            implied.UnionWith(s.Pipeline.Transforms.Where(t => UrnTags.ContainsKey(t.Urn)).Select(t => UrnTags[t.Urn]));
            foreach (var pc in s.Pipeline.PCollections.Values)
            {
                if (!pc.Bounded)
                {
                    implied.Add("UsesUnboundedPCollections");
                }

                var strategy = s.Pipeline.WindowingStrategies[pc.Windowing];
                implied.UnionWith(strategy.WindowFn switch
                {
                    WindowFn.Fixed => ["UsesFixedWindows"],
                    WindowFn.Sliding => ["UsesSlidingWindows"],
                    WindowFn.Sessions => ["UsesSessionWindows"],
                    _ => Array.Empty<string>(),
                });
                if (strategy.TimestampCombiner != TimestampCombiner.EndOfWindow)
                {
                    implied.Add("UsesTimestampCombiner");
                }

                implied.UnionWith(TriggerTags(strategy));
            }

            if (s.Pipeline.Transforms.Any(t => t.Payload is TransformPayload.TestStream ts && ts.Events.Any(e => e is TestStreamEvent.AdvanceProcessingTime)))
            {
                implied.Add("UsesTestStreamWithProcessingTime");
            }

            if (s.Pipeline.Transforms.Any(t => t.Payload is TransformPayload.TestStream { Served: true }))
            {
                implied.Add("UsesTestStreamService");
            }

            if (s.Pipeline.Transforms.Any(t => t.SideInputs.Values.Any(si => si.View is SideInputView.Multimap or SideInputView.MultimapKeys)))
            {
                implied.Add("UsesMultimapSideInputs");
            }
        }

        if (s.Expect.Protocol.Count > 0)
        {
            implied.Add("UsesFnApiProtocol");
        }

        if (s.JobApi.Count > 0)
        {
            implied.Add("UsesJobApi");
        }

        if (s.MaxBundleAttempts > 1)
        {
            implied.Add("UsesBundleRetries");
        }

        Assert.Empty(implied.Except(s.Features));
    }

    // The tags a windowing strategy's trigger and accumulation mode imply.
    private static IEnumerable<string> TriggerTags(WindowingStrategy strategy)
    {
        if (strategy.Trigger is not Trigger.Default)
        {
            yield return "UsesTriggers";
        }

        if (strategy.AccumulationMode == AccumulationMode.Accumulating)
        {
            yield return "UsesAccumulatingPanes";
        }

        var kinds = Flatten(strategy.Trigger).ToList();
        if (kinds.Any(t => t is Trigger.AfterProcessingTime))
        {
            yield return "UsesProcessingTimeTriggers";
        }

        if (kinds.Any(t => t is Trigger.AfterSynchronizedProcessingTime))
        {
            yield return "UsesSynchronizedProcessingTime";
        }
    }

    private static IEnumerable<Trigger> Flatten(Trigger trigger) => trigger.Children.SelectMany(Flatten).Prepend(trigger);
}
