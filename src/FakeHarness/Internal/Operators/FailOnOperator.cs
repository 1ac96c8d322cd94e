using System.Collections.Concurrent;
using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>fail_on</c>: passes elements through; fails the bundle on the first one matching the predicate. With
/// <c>times: N</c> only the first N bundles that meet a given matching value fail (counted per run, transform and value,
/// across bundles and workers of this process): a fault that a runner retrying the bundle N times gets past.
/// </summary>
internal sealed class FailOnOperator : Operator
{
    // Failures so far per run, transform and element value (for times: N).
    private static readonly ConcurrentDictionary<string, int> Failures = new(StringComparer.Ordinal);

    private readonly Func<object?, bool> _when;
    private readonly string _message;
    private readonly int? _times;

    public FailOnOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, Func<object?, bool> when, string message, int? times = null)
        : base(node, context, outputs)
    {
        _when = when;
        _message = message;
        _times = times;
    }

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (_when(element.Value) && FailsNow(element.Value) is { } failure)
        {
            throw new HarnessException($"{_message} (fail_on transform '{Name}' failed on element {JsonValues.Format(element.Value)}{failure})", Name);
        }

        return Single is { } output ? output.EmitAsync(element) : ValueTask.CompletedTask;
    }

    // Null when this matching element passes (its N failures are used up); else the text added to the message.
    private string? FailsNow(object? value)
    {
        if (_times is not { } times)
        {
            return string.Empty;
        }

        var count = Failures.AddOrUpdate($"{Context.RunId}/{Node.Id}/{JsonValues.Format(value)}", 1, static (_, n) => n + 1);
        return count <= times ? $", failure {count} of {times}" : null;
    }
}
