using System.Collections.Concurrent;
using System.Globalization;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// The worker's MonitoringInfos: element counts per PCollection (<c>beam:metric:element_count:v1</c>,
/// <c>beam:metrics:sum_int64:v1</c>, label <c>PCOLLECTION</c>, payload a varint), both in full and under short
/// ids (<c>monitoring_data</c>) whose metadata <c>MonitoringInfosMetadataRequest</c> returns.
/// </summary>
internal sealed class MonitoringInfoIds
{
    public const string PCollectionLabel = "PCOLLECTION";

    private readonly ConcurrentDictionary<string, string> _idByPCollection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MonitoringInfo> _metadata = new(StringComparer.Ordinal);
    private long _next;

    /// <summary>Adds the counts to <paramref name="infos"/> (full form) and <paramref name="data"/> (short ids).</summary>
    public void Fill(IEnumerable<(string PCollection, long Count)> counts, ICollection<MonitoringInfo> infos, IDictionary<string, ByteString> data)
    {
        foreach (var (pcollection, count) in counts)
        {
            var payload = ByteString.CopyFrom(VarIntCoder.Instance.EncodeToArray(count));
            var info = Describe(pcollection);
            var full = info.Clone();
            full.Payload = payload;
            infos.Add(full);
            data[ShortId(pcollection)] = payload;
        }
    }

    public MonitoringInfosMetadataResponse Metadata(MonitoringInfosMetadataRequest request)
    {
        var response = new MonitoringInfosMetadataResponse();
        foreach (var id in request.MonitoringInfoId)
        {
            if (_metadata.TryGetValue(id, out var info))
            {
                response.MonitoringInfo[id] = info;
            }
        }

        return response;
    }

    private string ShortId(string pcollection) =>
        _idByPCollection.GetOrAdd(pcollection, p =>
        {
            var id = "ec" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            _metadata[id] = Describe(p);
            return id;
        });

    /// <summary>A data input's read index (<c>beam:metric:data_channel:read_index:v1</c>, sum_int64, label PTRANSFORM), in full form.</summary>
    public static MonitoringInfo ReadIndex(string transformId, long index)
    {
        var info = new MonitoringInfo
        {
            Urn = Urns.MonitoringInfos.DataChannelReadIndex,
            Type = Urns.MonitoringInfoTypes.SumInt64,
            Payload = ByteString.CopyFrom(VarIntCoder.Instance.EncodeToArray(index)),
        };
        info.Labels["PTRANSFORM"] = transformId;
        return info;
    }

    /// <summary>
    /// A transform's work completed or remaining (<paramref name="urn"/> <c>beam:metric:ptransform_progress:completed:v1</c>
    /// or <c>remaining:v1</c>, type <c>beam:metrics:progress:v1</c>, label PTRANSFORM), in full form: the payload is a
    /// <c>beam:coder:iterable:v1</c> of <c>beam:coder:double:v1</c>, one value per active element (metrics.proto).
    /// </summary>
    public static MonitoringInfo Work(string urn, string transformId, double value)
    {
        var info = new MonitoringInfo
        {
            Urn = urn,
            Type = Urns.MonitoringInfoTypes.Progress,
            Payload = ByteString.CopyFrom(new IterableCoder(DoubleCoder.Instance).EncodeToArray(new object?[] { value })),
        };
        info.Labels["PTRANSFORM"] = transformId;
        return info;
    }

    private static MonitoringInfo Describe(string pcollection)
    {
        var info = new MonitoringInfo { Urn = Urns.MonitoringInfos.ElementCount, Type = Urns.MonitoringInfoTypes.SumInt64 };
        info.Labels[PCollectionLabel] = pcollection;
        return info;
    }
}
