using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary><c>capture</c>: records value, timestamp, windows and pane under (run id, transform name).</summary>
internal sealed class CaptureOperator : Operator
{
    public CaptureOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs)
        : base(node, context, outputs)
    {
    }

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        Context.Captures.Add(new CaptureRecord(Context.RunId, Name, element.Value, element.TimestampMillis, element.Windows.ToArray(), element.Pane, Context.InstructionId));
        return ValueTask.CompletedTask;
    }
}
