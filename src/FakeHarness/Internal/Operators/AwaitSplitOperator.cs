using System.Collections.Concurrent;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>await_split</c>: passes elements through, but holds the first element it sees in a scenario run (once per run
/// and transform, across bundles and workers) until a ProcessBundleSplitRequest for its bundle has been answered, or
/// <c>timeout_ms</c> (default 10 s) has passed. Meanwhile the bundle's read index stands still: the stalled bundle a
/// runner that splits on progress (as Prism does) must split. Later elements and bundles run without waiting.
/// </summary>
internal sealed class AwaitSplitOperator : Operator
{
    /// <summary>How long the first element waits for a split when the payload gives no <c>timeout_ms</c>.</summary>
    public const long DefaultTimeoutMillis = 10_000;

    private static readonly ConcurrentDictionary<string, bool> Held = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeout;

    public AwaitSplitOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, TimeSpan timeout)
        : base(node, context, outputs)
    {
        _timeout = timeout;
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (Held.TryAdd($"{Context.RunId}/{Node.Id}", true))
        {
            try
            {
                await Context.SplitAsked.WaitAsync(_timeout, Context.CancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // No split came: the element goes on; the scenario's split checks say what was missing.
            }
        }

        if (Single is { } output)
        {
            await output.EmitAsync(element).ConfigureAwait(false);
        }
    }
}
