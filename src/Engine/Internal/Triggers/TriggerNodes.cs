using BeamConformance.Model.Windowing;

namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>Builds the state machine tree of a model trigger (Java <c>TriggerStateMachines.stateMachineForTrigger</c>).</summary>
internal static class TriggerNodes
{
    /// <exception cref="NotSupportedException">A trigger kind the engine does not know (the runner refuses those at Prepare).</exception>
    public static TriggerNode Create(Trigger trigger) => trigger switch
    {
        Trigger.Default => new DefaultNode(),
        Trigger.Never => new NeverNode(),
        Trigger.Always => new AlwaysNode(),
        Trigger.ElementCount c => new ElementCountNode(c.Count),
        Trigger.AfterWatermark { Early: null, Late: null } => new AfterWatermarkNode(),
        Trigger.AfterWatermark a => new AfterWatermarkEarlyLateNode(a.Early is null ? new NeverNode() : Create(a.Early), a.Late is null ? null : Create(a.Late)),
        Trigger.AfterProcessingTime p => new ProcessingTimeNode(p, synchronized: false),
        Trigger.AfterSynchronizedProcessingTime => new ProcessingTimeNode(null, synchronized: true),
        Trigger.AfterAll all => new AfterAllNode(all.Subtriggers.Select(Create).ToArray()),
        Trigger.AfterAny any => new AfterAnyNode(any.Subtriggers.Select(Create).ToArray()),
        Trigger.AfterEach each => new AfterEachNode(each.Subtriggers.Select(Create).ToArray()),
        Trigger.Repeatedly r => new RepeatedlyNode(Create(r.Subtrigger)),
        Trigger.OrFinally o => new OrFinallyNode(Create(o.Main), Create(o.Finally)),
        _ => throw new NotSupportedException($"the engine has no state machine for trigger {trigger}"),
    };
}
