using System.Text;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>MonitoringInfos aggregated per (URN, type, labels); not thread-safe (JobMetrics locks).</summary>
internal sealed class MetricTable
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Checks every payload decodes for its type, so a bad report is refused before anything is added.</summary>
    public static void Validate(IEnumerable<MonitoringInfo> infos)
    {
        foreach (var info in infos)
        {
            _ = MetricPayload.Decode(info);
        }
    }

    public void AddAll(IEnumerable<MonitoringInfo> infos)
    {
        foreach (var info in infos)
        {
            Add(info);
        }
    }

    public void Add(MonitoringInfo info)
    {
        var key = KeyOf(info);
        var value = MetricPayload.Decode(info);
        if (_entries.TryGetValue(key, out var existing))
        {
            _entries[key] = existing with { Value = MetricPayload.Merge(existing.Value, value) };
        }
        else
        {
            var template = new MonitoringInfo { Urn = info.Urn, Type = info.Type };
            template.Labels.Add(info.Labels);
            _entries[key] = new Entry(template, value);
        }
    }

    /// <summary>Merges another table's aggregated values into this one (each entry as if its MonitoringInfo were added).</summary>
    public void AddAll(MetricTable other)
    {
        foreach (var (key, entry) in other._entries)
        {
            _entries[key] = _entries.TryGetValue(key, out var existing) ? existing with { Value = MetricPayload.Merge(existing.Value, entry.Value) } : entry;
        }
    }

    public MetricTable Clone()
    {
        var copy = new MetricTable();
        foreach (var (key, entry) in _entries)
        {
            copy._entries[key] = entry;
        }

        return copy;
    }

    public IEnumerable<MonitoringInfo> ToMonitoringInfos() =>
        _entries.OrderBy(static e => e.Key, StringComparer.Ordinal).Select(static e =>
        {
            var info = e.Value.Template.Clone();
            info.Payload = ByteString.CopyFrom(MetricPayload.Encode(e.Value.Value));
            return info;
        });

    private static string KeyOf(MonitoringInfo info)
    {
        var key = new StringBuilder();
        key.Append(info.Urn).Append('\n').Append(info.Type);
        foreach (var label in info.Labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
        {
            key.Append('\n').Append(label.Key).Append('=').Append(label.Value);
        }

        return key.ToString();
    }

    private sealed record Entry(MonitoringInfo Template, MetricPayload.Value Value);
}
