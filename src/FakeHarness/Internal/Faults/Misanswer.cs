using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Internal.Faults;

/// <summary>
/// The misbehaving-SDK faults of <c>beamconformance:transform:misanswer:v1</c> (testdata/README.md, "Misanswers"): a
/// pass-through transform whose payload <c>{answer: KIND}</c> makes the harness answer its stage's split requests,
/// progress requests, bundle responses or output data wrongly in one named way, so a scenario can check that the runner
/// refuses the answer with an error naming what and where (or, for progress, warns and goes on). Each kind changes
/// one field of the answer the harness would have given; <see cref="Kinds"/> lists them.
/// </summary>
internal static class Misanswer
{
    /// <summary>Every kind, by what it changes: <c>split_*</c> the ProcessBundleSplitResponse, <c>checkpoint_*</c> and
    /// <c>metrics_*</c> the ProcessBundleResponse, <c>progress_*</c> the ProcessBundleProgressResponse, <c>output_*</c>
    /// the data sent on the stage's sinks, <c>state_KIND</c> the <see cref="FaultyStateRequests"/> request KIND (one of its
    /// <see cref="FaultyStateRequests.StatelessReads"/>) the transform sends at its first element.</summary>
    public static IReadOnlySet<string> Kinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // Channel splits of an ordinary stage (made up, whatever the harness would have answered).
        "split_two_channel_splits", "split_other_transform", "split_residual_not_after_primary", "split_primary_below_range",
        "split_primary_beyond_range", "split_residual_beyond_range", "split_gap", "split_roots_without_sdf",
        // Element splits of a splittable DoFn's stage (the harness's own answer, changed).
        "split_two_primary_roots", "split_channel_not_around_element", "split_primary_other_transform", "split_primary_other_input",
        "split_primary_undecodable", "split_primary_two_values", "split_primary_other_element", "split_residual_other_element",
        "split_residual_no_application", "split_residual_unknown_output", "split_residual_undecodable", "split_residual_no_output_watermarks",
        // Bundle responses.
        "checkpoint_without_sdf", "checkpoint_no_application", "checkpoint_negative_delay", "checkpoint_unknown_output",
        "checkpoint_undecodable",
        "metrics_undecodable", "metrics_every_type",
        "metrics_edge_payloads", "metrics_trailing_bytes",
        // Progress answers.
        "progress_read_index_undecodable", "progress_read_index_trailing_bytes", "progress_work_no_transform", "progress_work_wrong_type", "progress_work_undecodable",
        "progress_work_negative", "progress_work_lengths_differ", "progress_work_dropped",
        // Progress answers that carry an error beside the honest ProcessBundleProgressResponse.
        ProgressError,
        // FinalizeBundle answers: an error after the callbacks ran (a finalization that failed in the SDK).
        FinalizeError,
        // Output data.
        "output_undecodable",
        // The worker: ends its control, data and state streams at the transform's first element (a crashing SDK).
        "worker_disconnects",
    }.Union(FaultyStateRequests.StatelessReads.Select(static k => StatePrefix + k)).ToHashSet(StringComparer.Ordinal);

    private const string StatePrefix = "state_";

    /// <summary>The kind that answers the stage's FinalizeBundleRequests with an error (its callbacks still run once).</summary>
    public const string FinalizeError = "finalize_error";

    /// <summary>The kind that answers the stage's ProcessBundleProgressRequests with an error beside the honest progress.</summary>
    public const string ProgressError = "progress_error";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<long>> Seen = new(StringComparer.Ordinal);

    /// <summary>Notes an integer value a misanswer transform passed on in the bundle (for <c>metrics_every_type</c>).</summary>
    public static void Saw(string instructionId, long value)
    {
        var values = Seen.GetOrAdd(instructionId, static _ => []);
        lock (values)
        {
            values.Add(value);
        }
    }

    /// <summary>The kinds of a descriptor's misanswer transforms.</summary>
    public static IReadOnlySet<string> Of(ProcessBundleDescriptor descriptor)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var transform in descriptor.Transforms.Values.Where(static t => t.Spec?.Urn == Urns.Transforms.ParDo))
        {
            var doFn = ParDoPayload.Parser.ParseFrom(transform.Spec.Payload).DoFn;
            if (doFn?.Urn == HarnessUrns.Misanswer)
            {
                using var json = System.Text.Json.JsonDocument.Parse(doFn.Payload.ToByteArray());
                kinds.Add(json.RootElement.GetProperty("answer").GetString()!);
            }
        }

        return kinds;
    }

    /// <summary>The <see cref="FaultyStateRequests"/> kind of a stage's <c>state_KIND</c> misanswer, or null.</summary>
    public static string? StateRequestOf(IReadOnlySet<string> kinds) =>
        kinds.FirstOrDefault(static k => k.StartsWith(StatePrefix, StringComparison.Ordinal))?[StatePrefix.Length..];

    /// <summary>The split answer with the fault applied (the harness's own answer when no split kind is set).</summary>
    public static ProcessBundleSplitResponse Split(IReadOnlySet<string> kinds, ProcessBundleSplitResponse honest, ProcessBundleSplitRequest request)
    {
        var kind = kinds.FirstOrDefault(static k => k.StartsWith("split_", StringComparison.Ordinal));
        if (kind is null || request.DesiredSplits.Count == 0)
        {
            return honest;
        }

        var (transform, desired) = request.DesiredSplits.First();
        var n = desired.EstimatedInputElements;
        var made = new ProcessBundleSplitResponse();
        ProcessBundleSplitResponse Channel(string id, long last, long first)
        {
            made.ChannelSplits.Add(new ProcessBundleSplitResponse.Types.ChannelSplit { TransformId = id, LastPrimaryElement = last, FirstResidualElement = first });
            return made;
        }

        switch (kind)
        {
            case "split_two_channel_splits":
                Channel(transform, 0, 1);
                return Channel(transform, 0, 1);
            case "split_other_transform":
                return Channel("not-a-data-input", 0, 1);
            case "split_residual_not_after_primary":
                return Channel(transform, 1, 1);
            case "split_primary_below_range":
                return Channel(transform, -2, -1);
            case "split_primary_beyond_range":
                return Channel(transform, n, n + 1);
            case "split_residual_beyond_range":
                return Channel(transform, 0, n + 1);
            case "split_gap":
                return Channel(transform, 0, 2);
            case "split_roots_without_sdf":
                Channel(transform, 0, 1);
                made.PrimaryRoots.Add(new BundleApplication { TransformId = transform, InputId = "in" });
                made.ResidualRoots.Add(new DelayedBundleApplication { Application = new BundleApplication { TransformId = transform, InputId = "in" } });
                return made;
        }

        if (honest.PrimaryRoots.Count == 0)
        {
            return honest; // no element split to change (e.g. the element's last offset)
        }

        var changed = honest.Clone();
        var primary = changed.PrimaryRoots[0];
        var residual = changed.ResidualRoots[0];
        switch (kind)
        {
            case "split_two_primary_roots":
                changed.PrimaryRoots.Add(primary.Clone());
                break;
            case "split_channel_not_around_element":
                changed.ChannelSplits[0].FirstResidualElement = changed.ChannelSplits[0].LastPrimaryElement + 1;
                break;
            case "split_primary_other_transform":
                primary.TransformId = "not-the-sdf";
                break;
            case "split_primary_other_input":
                primary.InputId = "not-the-main-input";
                break;
            case "split_primary_undecodable":
                primary.Element = ByteString.CopyFrom(0xff);
                break;
            case "split_primary_two_values":
                primary.Element = ByteString.CopyFrom([.. primary.Element.Span, .. primary.Element.Span]);
                break;
            case "split_primary_other_element":
                primary.Element = OtherTimestamp(primary.Element);
                break;
            case "split_residual_other_element":
                residual.Application.Element = OtherTimestamp(residual.Application.Element);
                break;
            case "split_residual_no_application":
                residual.Application = null;
                break;
            case "split_residual_unknown_output":
                residual.Application.OutputWatermarks["not-an-output"] = new Timestamp();
                break;
            case "split_residual_undecodable":
                residual.Application.Element = ByteString.CopyFrom(0xff);
                break;
            case "split_residual_no_output_watermarks":
                residual.Application.OutputWatermarks.Clear();
                break;
        }

        return changed;
    }

    /// <summary>Applies the <c>checkpoint_*</c> and <c>metrics_*</c> kinds to a bundle's response.</summary>
    /// <param name="kinds">The stage's misanswer kinds.</param>
    /// <param name="response">The response, changed in place.</param>
    /// <param name="sources">The stage's data sources' transform ids and the PCollections they read (a made-up root names the first).</param>
    /// <param name="instructionId">The bundle's instruction id (the values its misanswer transforms passed on).</param>
    public static void Response(IReadOnlySet<string> kinds, ProcessBundleResponse response, IReadOnlyList<string> sources, string instructionId)
    {
        var seen = Seen.TryRemove(instructionId, out var values) ? values : [];
        if (kinds.Contains("checkpoint_without_sdf"))
        {
            response.ResidualRoots.Add(new DelayedBundleApplication { Application = new BundleApplication { TransformId = sources.FirstOrDefault() ?? "", InputId = "in" } });
        }

        foreach (var root in response.ResidualRoots)
        {
            if (kinds.Contains("checkpoint_no_application"))
            {
                root.Application = null;
            }
            else if (kinds.Contains("checkpoint_negative_delay"))
            {
                root.RequestedTimeDelay = new Duration { Seconds = -1 };
            }
            else if (kinds.Contains("checkpoint_unknown_output") && root.Application is { } application)
            {
                application.OutputWatermarks["not-an-output"] = new Timestamp();
            }
            else if (kinds.Contains("checkpoint_undecodable") && root.Application is { } undecodable)
            {
                undecodable.Element = ByteString.CopyFrom(0xff);
            }
        }

        if (kinds.Contains("metrics_undecodable"))
        {
            response.MonitoringInfos.Add(UserMetric("undecodable", Urns.MonitoringInfoTypes.SumInt64, [0xff]));
        }

        if (kinds.Contains("metrics_trailing_bytes"))
        {
            // The varint 1, then a byte no sum_int64 payload has.
            response.MonitoringInfos.Add(UserMetric("trailing_bytes", Urns.MonitoringInfoTypes.SumInt64, [0x01, 0x00]));
        }

        if (kinds.Contains("metrics_edge_payloads"))
        {
            foreach (var info in EdgePayloads())
            {
                response.MonitoringInfos.Add(info);
            }
        }

        if (kinds.Contains("metrics_every_type"))
        {
            foreach (var info in EveryType(seen))
            {
                response.MonitoringInfos.Add(info);
            }
        }
    }

    /// <summary>Applies the <c>progress_*</c> kinds to a progress answer.</summary>
    public static void Progress(IReadOnlySet<string> kinds, ProcessBundleProgressResponse response, string? inputTransform)
    {
        foreach (var kind in kinds.Where(static k => k.StartsWith("progress_", StringComparison.Ordinal)))
        {
            var work = new MonitoringInfo { Urn = Urns.MonitoringInfos.WorkCompleted, Type = Urns.MonitoringInfoTypes.Progress, Payload = Doubles(1) };
            work.Labels["PTRANSFORM"] = inputTransform ?? "";
            switch (kind)
            {
                case "progress_work_dropped":
                    // An SDK that reports no work for its splittable DoFn (the work URNs are optional in metrics.proto).
                    foreach (var info in response.MonitoringInfos.Where(static i => i.Urn is Urns.MonitoringInfos.WorkCompleted or Urns.MonitoringInfos.WorkRemaining).ToList())
                    {
                        response.MonitoringInfos.Remove(info);
                    }

                    continue;
                case "progress_read_index_undecodable":
                case "progress_read_index_trailing_bytes":
                    foreach (var info in response.MonitoringInfos.Where(static i => i.Urn == Urns.MonitoringInfos.DataChannelReadIndex))
                    {
                        // ff: a varint that never ends; the index's own varint then 00: a byte left over.
                        info.Payload = kind == "progress_read_index_undecodable" ? ByteString.CopyFrom(0xff) : ByteString.CopyFrom([.. info.Payload.Span, 0]);
                    }

                    continue;
                case "progress_work_no_transform":
                    work.Labels.Clear();
                    break;
                case "progress_work_wrong_type":
                    work.Type = Urns.MonitoringInfoTypes.SumInt64;
                    break;
                case "progress_work_undecodable":
                    work.Payload = ByteString.CopyFrom(0, 0, 0, 1, 0xff);
                    break;
                case "progress_work_negative":
                    work.Payload = Doubles(-1);
                    break;
                case "progress_work_lengths_differ":
                    var remaining = new MonitoringInfo { Urn = Urns.MonitoringInfos.WorkRemaining, Type = Urns.MonitoringInfoTypes.Progress, Payload = Doubles(1, 2) };
                    remaining.Labels["PTRANSFORM"] = inputTransform ?? "";
                    response.MonitoringInfos.Add(remaining);
                    break;
            }

            response.MonitoringInfos.Add(work);
        }
    }

    // The first 8 bytes of a windowed value are its timestamp: flipping the last of them moves it by 1 ms.
    private static ByteString OtherTimestamp(ByteString element)
    {
        var bytes = element.ToByteArray();
        bytes[7] ^= 1;
        return ByteString.CopyFrom(bytes);
    }

    private static ByteString Doubles(params double[] values) =>
        ByteString.CopyFrom(new IterableCoder(DoubleCoder.Instance).EncodeToArray(values.Cast<object?>().ToArray()));

    private static MonitoringInfo UserMetric(string name, string type, byte[] payload)
    {
        var info = new MonitoringInfo { Urn = UserUrnOf(type), Type = type, Payload = ByteString.CopyFrom(payload) };
        info.Labels["NAMESPACE"] = "misanswer";
        info.Labels["NAME"] = name;
        info.Labels["PTRANSFORM"] = "misanswer";
        return info;
    }

    private static string UserUrnOf(string type) => type switch
    {
        Urns.MonitoringInfoTypes.SumInt64 => Urns.MonitoringInfos.UserSumInt64,
        Urns.MonitoringInfoTypes.SumDouble => Urns.MonitoringInfos.UserSumDouble,
        Urns.MonitoringInfoTypes.DistributionInt64 => Urns.MonitoringInfos.UserDistributionInt64,
        Urns.MonitoringInfoTypes.DistributionDouble => Urns.MonitoringInfos.UserDistributionDouble,
        Urns.MonitoringInfoTypes.LatestInt64 => Urns.MonitoringInfos.UserLatestInt64,
        Urns.MonitoringInfoTypes.LatestDouble => Urns.MonitoringInfos.UserLatestDouble,
        _ => "beamconformance:metric:opaque:v1",
    };

    // One user metric of every type metrics.proto names, from the bundle's values v (so that merging bundles in any
    // order gives one result): sums of v and v + 0.5; distributions of v, also in the TypeScript SDK's framed layout,
    // and empty (count 0) in the bundle that saw 1; latest at time 1000 + max v; an opaque type, the same bytes always.
    private static IEnumerable<MonitoringInfo> EveryType(List<long> v)
    {
        static byte[] V(params long[] values) => [.. values.SelectMany(static x => VarIntCoder.Instance.EncodeToArray(x))];
        static byte[] D(double value) => DoubleCoder.Instance.EncodeToArray(value);
        long n = v.Count, sum = v.Sum(), min = n == 0 ? 0 : v.Min(), max = n == 0 ? 0 : v.Max();
        var empty = v.Contains(1);
        yield return UserMetric("sum_int64", Urns.MonitoringInfoTypes.SumInt64, V(sum));
        yield return UserMetric("sum_double", Urns.MonitoringInfoTypes.SumDouble, D(sum + (0.5 * n)));
        yield return UserMetric("distribution_int64", Urns.MonitoringInfoTypes.DistributionInt64, V(n, sum, min, max));
        yield return UserMetric("distribution_int64_framed", Urns.MonitoringInfoTypes.DistributionInt64, [0, 0, 0, 4, .. V(n, sum, min, max)]);
        yield return UserMetric("distribution_int64_once_empty", Urns.MonitoringInfoTypes.DistributionInt64, empty ? V(0, 0, 0, 0) : V(n, sum, min, max));
        yield return UserMetric("distribution_double", Urns.MonitoringInfoTypes.DistributionDouble, [.. V(n), .. D(sum), .. D(min), .. D(max)]);
        yield return UserMetric("distribution_double_once_empty", Urns.MonitoringInfoTypes.DistributionDouble, empty ? V(0) : [.. V(n), .. D(sum), .. D(min), .. D(max)]);
        yield return UserMetric("latest_int64", Urns.MonitoringInfoTypes.LatestInt64, V(1000 + max, max));
        yield return UserMetric("latest_double", Urns.MonitoringInfoTypes.LatestDouble, [.. V(1000 + max), .. D(max / 4.0)]);
        yield return UserMetric("opaque", "beamconformance:metrics:opaque:v1", [0xab, 0xcd]);
    }

    // int64 distributions at the edges of the two layouts (standard; the TypeScript SDK's 00000004 frame), and two metrics
    // that differ only by URN and type (same labels). The same payloads in every bundle: a scenario runs one bundle.
    private static IEnumerable<MonitoringInfo> EdgePayloads()
    {
        const string distribution = Urns.MonitoringInfoTypes.DistributionInt64;
        yield return UserMetric("empty_one_byte", distribution, [0x00]);
        yield return UserMetric("empty_seven_bytes_after", distribution, [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);
        yield return UserMetric("framed_longer_than_eight", distribution, [0, 0, 0, 4, 0x01, 0xac, 0x02, 0xac, 0x02, 0xac, 0x02]);
        yield return UserMetric("framed_five_varints", distribution, [0, 0, 0, 4, 0x01, 0x02, 0x03, 0x04, 0x05]);
        yield return UserMetric("framed_empty", distribution, [0, 0, 0, 4, 0x00, 0x00, 0x00, 0x00]);
        yield return UserMetric("same_labels", Urns.MonitoringInfoTypes.SumInt64, [0x05]);
        yield return UserMetric("same_labels", distribution, [0x01, 0x05, 0x05, 0x05]);
    }
}
