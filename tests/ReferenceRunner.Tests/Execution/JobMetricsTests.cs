using BeamConformance.ReferenceRunner.Execution;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

public sealed class JobMetricsTests
{
    private const string Counter = "beam:metric:user:sum_int64:v1";
    private const string SumInt64 = "beam:metrics:sum_int64:v1";

    public static TheoryData<string, string, string[], string> Aggregations => new()
    {
        // Counters add up: 1 + 2 + 300 = 303 = varint ae 02.
        { SumInt64, Counter, ["01", "02", "ac02"], "af02" },
        // A negative counter is a 10-byte varint (two's complement): -1 + 2 = 1.
        { SumInt64, Counter, ["ffffffffffffffffff01", "02"], "01" },
        // The TypeScript SDK's framed distribution (00000004, then four varints) merges and is written back framed:
        // (2, 30, 10, 20) + (2, 70, 30, 40) = (4, 100, 10, 40).
        { "beam:metrics:distribution_int64:v1", "beam:metric:user:distribution_int64:v1", ["00000004021e0a14", "0000000402461e28"], "0000000404640a28" },
        // A standard and a framed distribution merge; the result keeps the frame: (2, 10, 3, 7) + (1, 1, 1, 1) = (3, 11, 1, 7).
        { "beam:metrics:distribution_int64:v1", "beam:metric:user:distribution_int64:v1", ["020a0307", "0000000401010101"], "00000004030b0107" },
        // Double sums add up: 1.5 + 2.25 = 3.75.
        { "beam:metrics:sum_double:v1", "beam:metric:user:sum_double:v1", ["3ff8000000000000", "4002000000000000"], "400e000000000000" },
        // Distributions merge count, sum, min, max: (2, 10, 3, 7) + (1, 1, 1, 1) = (3, 11, 1, 7).
        { "beam:metrics:distribution_int64:v1", "beam:metric:user:distribution_int64:v1", ["020a0307", "01010101"], "030b0107" },
        // An empty distribution (count 0, rest ignored) changes nothing.
        { "beam:metrics:distribution_int64:v1", "beam:metric:user:distribution_int64:v1", ["020a0307", "00"], "020a0307" },
        // Double distributions: (1, 2.0, 2.0, 2.0) + (1, 4.0, 4.0, 4.0) = (2, 6.0, 2.0, 4.0).
        {
            "beam:metrics:distribution_double:v1", "beam:metric:user:distribution_double:v1",
            ["01" + "4000000000000000" + "4000000000000000" + "4000000000000000", "01" + "4010000000000000" + "4010000000000000" + "4010000000000000"],
            "02" + "4018000000000000" + "4000000000000000" + "4010000000000000"
        },
        // Gauges keep the value with the latest timestamp (ms varint): (t=5, 9) then (t=3, 1) keeps (5, 9).
        { "beam:metrics:latest_int64:v1", "beam:metric:user:latest_int64:v1", ["0509", "0301"], "0509" },
        // Unknown types keep the last payload.
        { "beam:metrics:set_string:v1", "beam:metric:user:set_string:v1", ["0101", "0102"], "0102" },
    };

    [Theory]
    [MemberData(nameof(Aggregations))]
    public void Committed_values_aggregate_by_type(string type, string urn, string[] payloads, string expected)
    {
        var metrics = new JobMetrics();
        for (var i = 0; i < payloads.Length; i++)
        {
            metrics.Commit($"bundle-{i}", [Info(urn, type, payloads[i], ("PTRANSFORM", "t1"))]);
        }

        var results = metrics.ToMetricResults();
        var committed = Assert.Single(results.Committed);
        Assert.Equal(expected, Convert.ToHexStringLower(committed.Payload.Span));
        Assert.Equal(urn, committed.Urn);
        Assert.Equal(type, committed.Type);
        Assert.Equal("t1", committed.Labels["PTRANSFORM"]);
        Assert.Equal(expected, Convert.ToHexStringLower(Assert.Single(results.Attempted).Payload.Span));
    }

    [Fact]
    public void Different_labels_stay_apart_and_come_out_ordered()
    {
        var metrics = new JobMetrics();
        metrics.Commit("b1", [Info(Counter, SumInt64, "01", ("PTRANSFORM", "t2"), ("NAME", "n")), Info(Counter, SumInt64, "02", ("PTRANSFORM", "t1"), ("NAME", "n"))]);
        metrics.Commit("b2", [Info(Counter, SumInt64, "04", ("NAME", "n"), ("PTRANSFORM", "t1"))]);

        var committed = metrics.ToMetricResults().Committed;
        Assert.Equal(["t1=06", "t2=01"], committed.Select(static c => $"{c.Labels["PTRANSFORM"]}={Convert.ToHexStringLower(c.Payload.Span)}"));
    }

    [Fact]
    public void Progress_replaces_per_bundle_and_is_attempted_only()
    {
        var metrics = new JobMetrics();
        metrics.Commit("b1", [Info(Counter, SumInt64, "05")]);
        metrics.Attempted("b2", [Info(Counter, SumInt64, "01")]);
        metrics.Attempted("b2", [Info(Counter, SumInt64, "03")]); // cumulative: replaces 1, not added to it

        var results = metrics.ToMetricResults();
        Assert.Equal("05", Convert.ToHexStringLower(Assert.Single(results.Committed).Payload.Span));
        Assert.Equal("08", Convert.ToHexStringLower(Assert.Single(results.Attempted).Payload.Span));

        metrics.Commit("b2", [Info(Counter, SumInt64, "04")]); // the final value replaces the progress
        results = metrics.ToMetricResults();
        Assert.Equal("09", Convert.ToHexStringLower(Assert.Single(results.Committed).Payload.Span));
        Assert.Equal("09", Convert.ToHexStringLower(Assert.Single(results.Attempted).Payload.Span));
    }

    [Fact]
    public void An_abandoned_bundle_stays_attempted_but_never_committed()
    {
        var metrics = new JobMetrics();
        metrics.Attempted("b1", [Info(Counter, SumInt64, "07")]);
        metrics.Abandon("b1");

        var results = metrics.ToMetricResults();
        Assert.Empty(results.Committed);
        Assert.Equal("07", Convert.ToHexStringLower(Assert.Single(results.Attempted).Payload.Span));
    }

    [Theory]
    // A truncated varint.
    [InlineData(SumInt64, "80")]
    // Bytes left after the value.
    [InlineData(SumInt64, "0101")]
    // A distribution missing its max.
    [InlineData("beam:metrics:distribution_int64:v1", "020a03")]
    public void A_malformed_payload_is_refused_naming_it(string type, string payload)
    {
        var metrics = new JobMetrics();
        var error = Assert.Throws<ArgumentException>(() => metrics.Commit("b1", [Info(Counter, type, payload)]));
        Assert.Contains(Counter, error.Message, StringComparison.Ordinal);
        Assert.Contains(payload.ToUpperInvariant(), error.Message, StringComparison.Ordinal);
        Assert.Empty(metrics.ToMetricResults().Committed);
    }

    private static MonitoringInfo Info(string urn, string type, string payloadHex, params (string Key, string Value)[] labels)
    {
        var info = new MonitoringInfo { Urn = urn, Type = type, Payload = ByteString.CopyFrom(Convert.FromHexString(payloadHex)) };
        foreach (var (key, value) in labels)
        {
            info.Labels[key] = value;
        }

        return info;
    }
}
