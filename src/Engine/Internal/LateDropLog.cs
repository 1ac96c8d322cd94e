using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// The elements one stage dropped as late, per window in the order of each window's first drop, with the stage's
/// input watermark at that first drop. Shared by GroupByKeys and stateful SDK stages.
/// </summary>
internal sealed class LateDropLog(StageId stage)
{
    private readonly Dictionary<BoundedWindow, int> _index = [];
    private readonly List<LateDataDrop> _drops = [];

    /// <summary>How many elements were dropped (the sum of <see cref="Drops"/>' counts).</summary>
    public long Count { get; private set; }

    /// <summary>Drops per window, in the order of each window's first drop.</summary>
    public IReadOnlyList<LateDataDrop> Drops => _drops;

    /// <summary>Counts one element of <paramref name="window"/> dropped under <paramref name="inputWatermarkMillis"/> (ms).</summary>
    public void Add(BoundedWindow window, long inputWatermarkMillis)
    {
        Count++;
        if (_index.TryGetValue(window, out var index))
        {
            _drops[index] = _drops[index] with { Count = _drops[index].Count + 1 };
            return;
        }

        _index.Add(window, _drops.Count);
        _drops.Add(new LateDataDrop(stage, window, 1, inputWatermarkMillis));
    }
}
