using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// What the runner reads from one ProcessBundleProgressResponse (its MonitoringInfos, short ids resolved): the read index
/// of the bundle's data input (<c>beam:metric:data_channel:read_index:v1</c>, sum_int64, label PTRANSFORM) and each
/// transform's work completed and remaining (<c>beam:metric:ptransform_progress:completed:v1</c> /
/// <c>remaining:v1</c>, type <c>beam:metrics:progress:v1</c>: a <c>beam:coder:iterable:v1</c> of
/// <c>beam:coder:double:v1</c>, one value per active element; metrics.proto). A MonitoringInfo of these URNs that is
/// malformed (wrong type, no PTRANSFORM label, a payload that is not exactly that encoding, a value that is negative or
/// not finite, completed and remaining of different lengths) is left out and named in <see cref="Problems"/>.
/// </summary>
internal sealed class ProgressAnswer
{
    private ProgressAnswer(long? readIndex, IReadOnlyDictionary<string, (IReadOnlyList<double> Completed, IReadOnlyList<double> Remaining)> work, IReadOnlyList<string> problems)
    {
        ReadIndex = readIndex;
        Work = work;
        Problems = problems;
    }

    /// <summary>The data input's read index, or null when the answer has none (or a malformed one).</summary>
    public long? ReadIndex { get; }

    /// <summary>Per transform id: its work completed and remaining (equal lengths; a missing side is empty).</summary>
    public IReadOnlyDictionary<string, (IReadOnlyList<double> Completed, IReadOnlyList<double> Remaining)> Work { get; }

    /// <summary>Each malformed MonitoringInfo, one line naming the URN, the transform and what is wrong.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The total remaining work of <paramref name="transformId"/>, or null when it reported none.</summary>
    public double? RemainingOf(string transformId) =>
        Work.TryGetValue(transformId, out var w) && w.Remaining.Count > 0 ? w.Remaining.Sum() : null;

    /// <summary>The total completed work of <paramref name="transformId"/>, or null when it reported none.</summary>
    public double? CompletedOf(string transformId) =>
        Work.TryGetValue(transformId, out var w) && w.Completed.Count > 0 ? w.Completed.Sum() : null;

    /// <summary>Reads the answer's MonitoringInfos for the data input <paramref name="inputTransformId"/>.</summary>
    public static ProgressAnswer Read(IEnumerable<MonitoringInfo> infos, string inputTransformId)
    {
        long? readIndex = null;
        var completed = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var remaining = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var info in infos)
        {
            info.Labels.TryGetValue("PTRANSFORM", out var transform);
            if (info.Urn == Urns.MonitoringInfos.DataChannelReadIndex && transform == inputTransformId)
            {
                readIndex = ReadIndexOf(info, problems);
            }
            else if (info.Urn is Urns.MonitoringInfos.WorkCompleted or Urns.MonitoringInfos.WorkRemaining
                && WorkOf(info, transform, problems) is { } values)
            {
                (info.Urn == Urns.MonitoringInfos.WorkCompleted ? completed : remaining)[transform!] = values;
            }
        }

        var work = new Dictionary<string, (IReadOnlyList<double>, IReadOnlyList<double>)>(StringComparer.Ordinal);
        foreach (var transform in completed.Keys.Union(remaining.Keys, StringComparer.Ordinal))
        {
            var c = completed.GetValueOrDefault(transform) ?? [];
            var r = remaining.GetValueOrDefault(transform) ?? [];
            if (c.Count > 0 && r.Count > 0 && c.Count != r.Count)
            {
                problems.Add($"work of transform '{transform}': {Urns.MonitoringInfos.WorkCompleted} has {c.Count} value(s) but "
                    + $"{Urns.MonitoringInfos.WorkRemaining} has {r.Count}; both have one per active element");
                continue;
            }

            work[transform] = (c, r);
        }

        return new ProgressAnswer(readIndex, work, problems);
    }

    private static long? ReadIndexOf(MonitoringInfo info, List<string> problems)
    {
        try
        {
            var reader = new CoderReader(info.Payload.Span);
            var index = reader.ReadVarInt64(Urns.Coders.VarInt);
            return reader.AtEnd ? index : throw new CoderException(Urns.Coders.VarInt, reader.Position, $"{reader.Remaining} byte(s) left over");
        }
        catch (CoderException e)
        {
            problems.Add($"{info.Urn} (PTRANSFORM '{info.Labels.GetValueOrDefault("PTRANSFORM")}'): payload {Convert.ToHexStringLower(info.Payload.Span)} is not a varint: {e.Message}");
            return null;
        }
    }

    private static IReadOnlyList<double>? WorkOf(MonitoringInfo info, string? transform, List<string> problems)
    {
        var what = $"{info.Urn} (PTRANSFORM '{transform}')";
        if (string.IsNullOrEmpty(transform))
        {
            problems.Add($"{info.Urn}: no PTRANSFORM label (metrics.proto requires it)");
            return null;
        }

        if (info.Type != Urns.MonitoringInfoTypes.Progress)
        {
            problems.Add($"{what}: type '{info.Type}' is not {Urns.MonitoringInfoTypes.Progress}");
            return null;
        }

        double[] values;
        try
        {
            values = [.. ((object?[])new IterableCoder(DoubleCoder.Instance).DecodeFrom(info.Payload.Span)!).Select(static v => (double)v!)];
        }
        catch (CoderException e)
        {
            problems.Add($"{what}: payload {Convert.ToHexStringLower(info.Payload.Span)} is not an iterable of doubles ({Urns.MonitoringInfoTypes.Progress}): {e.Message}");
            return null;
        }

        var bad = values.Where(static v => !double.IsFinite(v) || v < 0).ToArray();
        if (bad.Length > 0)
        {
            problems.Add($"{what}: value {bad[0].ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a finite amount of work at least 0");
            return null;
        }

        return values;
    }
}
