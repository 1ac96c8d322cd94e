using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.Model;
using BeamConformance.Model.Coders;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>A PCollection inside a bundle: its consumers, its element coder and its element count.</summary>
internal sealed class OutputPort
{
    private readonly List<Operator> _consumers = [];
    private long _count;
    private WhereText? _where;

    public OutputPort(string pcollectionId, Coder coder)
    {
        PCollectionId = pcollectionId;
        Coder = coder;
    }

    public string PCollectionId { get; }

    /// <summary>The PCollection's element coder (not windowed).</summary>
    public Coder Coder { get; }

    /// <summary>Elements emitted so far (readable from other threads, for progress).</summary>
    public long Count => Interlocked.Read(ref _count);

    public void AddConsumer(Operator consumer) => _consumers.Add(consumer);

    public async ValueTask EmitAsync(WindowedValue<object?> element)
    {
        Interlocked.Increment(ref _count);
        foreach (var consumer in _consumers)
        {
            await consumer.ProcessAsync(element).ConfigureAwait(false);
        }
    }

    /// <summary>Shapes a computed value for this PCollection's coder.</summary>
    /// <exception cref="HarnessException">It does not fit.</exception>
    public object? Shape(object? value, string transform) => ValueShapes.Shape(value, Coder, Where(transform));

    // The error context, built once per producing transform rather than once per element (a port usually has one producer).
    private string Where(string transform)
    {
        var known = _where;
        if (known is null || !string.Equals(known.Transform, transform, StringComparison.Ordinal))
        {
            known = new WhereText(transform, $"transform '{transform}' output to PCollection '{PCollectionId}'");
            _where = known;
        }

        return known.Text;
    }

    private sealed record WhereText(string Transform, string Text);
}
