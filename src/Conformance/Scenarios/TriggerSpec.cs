namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// A trigger tree, mirroring beam_runner_api.proto <c>Trigger</c>. Format version 1 runs scenarios with
/// <see cref="Default"/>; the other shapes load so that trigger scenarios can be written without a
/// format change.
/// </summary>
public abstract record TriggerSpec
{
    private TriggerSpec() { }

    /// <summary>The shared default trigger instance.</summary>
    public static TriggerSpec DefaultTrigger { get; } = new Default();

    /// <summary><c>Trigger.Default</c>: fires at the end of the window, then once per late element.</summary>
    public sealed record Default : TriggerSpec;

    /// <summary><c>Trigger.Never</c>.</summary>
    public sealed record Never : TriggerSpec;

    /// <summary><c>Trigger.Always</c>.</summary>
    public sealed record Always : TriggerSpec;

    /// <summary><c>Trigger.AfterSynchronizedProcessingTime</c>.</summary>
    public sealed record AfterSynchronizedProcessingTime : TriggerSpec;

    /// <summary><c>Trigger.ElementCount</c>.</summary>
    /// <param name="Count">Elements needed to fire.</param>
    public sealed record ElementCount(int Count) : TriggerSpec;

    /// <summary><c>Trigger.AfterEndOfWindow</c> with optional early and late firings.</summary>
    /// <param name="Early">Early firings, or null.</param>
    /// <param name="Late">Late firings, or null.</param>
    public sealed record AfterWatermark(TriggerSpec? Early, TriggerSpec? Late) : TriggerSpec;

    /// <summary><c>Trigger.AfterProcessingTime</c> with its timestamp transforms in order.</summary>
    /// <param name="Transforms">Delays and alignments applied to the first element's processing time.</param>
    public sealed record AfterProcessingTime(IReadOnlyList<TimestampTransformSpec> Transforms) : TriggerSpec;

    /// <summary><c>Trigger.AfterAll</c>.</summary>
    /// <param name="Subtriggers">Subtriggers.</param>
    public sealed record AfterAll(IReadOnlyList<TriggerSpec> Subtriggers) : TriggerSpec;

    /// <summary><c>Trigger.AfterAny</c>.</summary>
    /// <param name="Subtriggers">Subtriggers.</param>
    public sealed record AfterAny(IReadOnlyList<TriggerSpec> Subtriggers) : TriggerSpec;

    /// <summary><c>Trigger.AfterEach</c>.</summary>
    /// <param name="Subtriggers">Subtriggers, in order.</param>
    public sealed record AfterEach(IReadOnlyList<TriggerSpec> Subtriggers) : TriggerSpec;

    /// <summary><c>Trigger.Repeat</c>.</summary>
    /// <param name="Subtrigger">The repeated trigger.</param>
    public sealed record Repeatedly(TriggerSpec Subtrigger) : TriggerSpec;

    /// <summary><c>Trigger.OrFinally</c>.</summary>
    /// <param name="Main">The main trigger.</param>
    /// <param name="Finally">The trigger that finishes it.</param>
    public sealed record OrFinally(TriggerSpec Main, TriggerSpec Finally) : TriggerSpec;
}
