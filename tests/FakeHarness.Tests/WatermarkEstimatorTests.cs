using System.Text.Json;
using BeamConformance.FakeHarness.Internal;
using BeamConformance.FakeHarness.Internal.Sdf;
using BeamConformance.Model.Coders;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>The test SDF's manual watermark estimator (payload <c>watermark</c>): its value after each output, monotonic.</summary>
public sealed class WatermarkEstimatorTests
{
    private static readonly Coder RestrictionCoder = new KvCoder(new KvCoder(VarIntCoder.Instance, VarIntCoder.Instance), VarIntCoder.Instance);

    private static OffsetRangeSdf Compile(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return OffsetRangeSdf.Compile(json.RootElement.Clone(), RestrictionCoder, "Ticks");
    }

    public static TheoryData<string, string, long, long, long, long> Rows => new()
    {
        // element at 0, state 0: after offset 0 the estimator is 0 + 1500 + 1000 × 1
        { "per offset with a lead", """{"restriction": {"identity": {}}, "watermark": {"per_offset_ms": 1000, "lead_ms": 1500}}""", 0, 0, 0, 2500 },
        // after offset 4 of an element at 10000: 10000 + 100 × 5
        { "per offset from the element's timestamp", """{"restriction": {"identity": {}}, "watermark": {"per_offset_ms": 100}}""", 10000, 10000, 4, 10500 },
        // a lower value leaves the state where it is (never back)
        { "monotonic", """{"restriction": {"identity": {}}, "watermark": {"per_offset_ms": 1000, "lead_ms": -5000}}""", 7000, 0, 1, 7000 },
        // no watermark key: the state stays (initially the element's timestamp)
        { "no estimator key", """{"restriction": {"identity": {}}}""", 42, 0, 9, 42 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_estimator_after_an_offset_is_output(string because, string payload, long state, long elementTimestamp, long offset, long expected)
    {
        Assert.True(Compile(payload).AdvanceWatermark(state, elementTimestamp, offset) == expected, because);
    }

    [Fact]
    public void A_negative_step_is_refused_naming_the_key()
    {
        var e = Assert.Throws<HarnessException>(() => Compile("""{"restriction": {"identity": {}}, "watermark": {"per_offset_ms": -1}}"""));
        Assert.Contains("Ticks.watermark.per_offset_ms", e.Message);
    }
}
