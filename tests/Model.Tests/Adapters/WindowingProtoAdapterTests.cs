using BeamConformance.Model.Windowing;
using BeamConformance.Protos.Adapters;
using Google.Protobuf;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Model.Tests.Adapters;

public sealed class WindowingProtoAdapterTests
{
    private static readonly Trigger EveryKind = new Trigger.OrFinally(
        new Trigger.Repeatedly(new Trigger.AfterEach([
            new Trigger.AfterAll([new Trigger.ElementCount(2), new Trigger.Always()]),
            new Trigger.AfterAny([new Trigger.Never(), new Trigger.AfterSynchronizedProcessingTime()]),
            new Trigger.AfterWatermark(new Trigger.AfterProcessingTime([new TimestampTransform.Delay(5), new TimestampTransform.AlignTo(10, 3)]), Trigger.DefaultTrigger),
        ])),
        new Trigger.AfterWatermark(null, null));

    [Fact]
    public void Strategy_to_proto_sets_every_field_exactly()
    {
        var strategy = new WindowingStrategy
        {
            WindowFn = new WindowFn.Sliding(10_500, 2_000, -1),
            MergeStatus = MergeStatus.NonMerging,
            Trigger = new Trigger.ElementCount(3),
            AccumulationMode = AccumulationMode.Accumulating,
            TimestampCombiner = TimestampCombiner.Earliest,
            ClosingBehavior = ClosingBehavior.FireAlways,
            OnTimeBehavior = OnTimeBehavior.FireIfNonEmpty,
            AllowedLatenessMillis = 7,
            AssignsToOneWindow = false,
            WindowCoderId = "wc",
            EnvironmentId = "env",
        };

        var proto = strategy.ToProto();

        Assert.Equal("beam:window_fn:sliding_windows:v1", proto.WindowFn.Urn);
        var payload = Proto.SlidingWindowsPayload.Parser.ParseFrom(proto.WindowFn.Payload);
        Assert.Equal((10L, 500_000_000), (payload.Size.Seconds, payload.Size.Nanos));
        Assert.Equal((2L, 0), (payload.Period.Seconds, payload.Period.Nanos));
        Assert.Equal((-1L, 999_000_000), (payload.Offset.Seconds, payload.Offset.Nanos));
        Assert.Equal(Proto.MergeStatus.Types.Enum.NonMerging, proto.MergeStatus);
        Assert.Equal(3, proto.Trigger.ElementCount.ElementCount_);
        Assert.Equal(Proto.AccumulationMode.Types.Enum.Accumulating, proto.AccumulationMode);
        Assert.Equal(Proto.OutputTime.Types.Enum.EarliestInPane, proto.OutputTime);
        Assert.Equal(Proto.ClosingBehavior.Types.Enum.EmitAlways, proto.ClosingBehavior);
        Assert.Equal(Proto.OnTimeBehavior.Types.Enum.FireIfNonempty, proto.OnTimeBehavior);
        Assert.Equal(7, proto.AllowedLateness);
        Assert.False(proto.AssignsToOneWindow);
        Assert.Equal("wc", proto.WindowCoderId);
        Assert.Equal("env", proto.EnvironmentId);
        Assert.Equal(strategy, proto.ToModel());
    }

    [Fact]
    public void Default_strategy_writes_explicit_default_enums()
    {
        var proto = WindowingStrategy.Default.ToProto();

        Assert.Equal("beam:window_fn:global_windows:v1", proto.WindowFn.Urn);
        Assert.True(proto.WindowFn.Payload.IsEmpty);
        Assert.Equal(Proto.Trigger.TriggerOneofCase.Default, proto.Trigger.TriggerCase);
        Assert.Equal(Proto.AccumulationMode.Types.Enum.Discarding, proto.AccumulationMode);
        Assert.Equal(Proto.OutputTime.Types.Enum.EndOfWindow, proto.OutputTime);
        Assert.Equal(Proto.ClosingBehavior.Types.Enum.EmitIfNonempty, proto.ClosingBehavior);
        Assert.Equal(Proto.OnTimeBehavior.Types.Enum.FireAlways, proto.OnTimeBehavior);
        Assert.Equal(Proto.MergeStatus.Types.Enum.NonMerging, proto.MergeStatus);
    }

    [Fact]
    public void Unspecified_enums_read_as_the_model_defaults_and_sessions_need_merging()
    {
        var proto = new Proto.WindowingStrategy
        {
            WindowFn = new Proto.FunctionSpec
            {
                Urn = "beam:window_fn:session_windows:v1",
                Payload = new Proto.SessionWindowsPayload { GapSize = new() { Seconds = 3, Nanos = 1_999_999 } }.ToByteString(),
            },
        };

        var model = proto.ToModel();

        Assert.Equal(new WindowFn.Sessions(3_001), model.WindowFn);
        Assert.Equal(MergeStatus.NeedsMerge, model.MergeStatus);
        Assert.Equal(Trigger.DefaultTrigger, model.Trigger);
        Assert.Equal(AccumulationMode.Discarding, model.AccumulationMode);
        Assert.Equal(TimestampCombiner.EndOfWindow, model.TimestampCombiner);
        Assert.Equal(ClosingBehavior.FireIfNonEmpty, model.ClosingBehavior);
        Assert.Equal(OnTimeBehavior.FireAlways, model.OnTimeBehavior);
    }

    [Fact]
    public void Every_trigger_kind_writes_its_oneof_field_and_reads_back_equal()
    {
        var proto = EveryKind.ToProto();

        Assert.Equal(Proto.Trigger.TriggerOneofCase.OrFinally, proto.TriggerCase);
        var each = proto.OrFinally.Main.Repeat.Subtrigger.AfterEach.Subtriggers;
        Assert.Equal(3, each.Count);
        Assert.Equal(2, each[0].AfterAll.Subtriggers[0].ElementCount.ElementCount_);
        Assert.Equal(Proto.Trigger.TriggerOneofCase.Always, each[0].AfterAll.Subtriggers[1].TriggerCase);
        Assert.Equal(Proto.Trigger.TriggerOneofCase.Never, each[1].AfterAny.Subtriggers[0].TriggerCase);
        Assert.Equal(Proto.Trigger.TriggerOneofCase.AfterSynchronizedProcessingTime, each[1].AfterAny.Subtriggers[1].TriggerCase);
        var transforms = each[2].AfterEndOfWindow.EarlyFirings.AfterProcessingTime.TimestampTransforms;
        Assert.Equal(5, transforms[0].Delay.DelayMillis);
        Assert.Equal((10L, 3L), (transforms[1].AlignTo.Period, transforms[1].AlignTo.Offset));
        Assert.Equal(Proto.Trigger.TriggerOneofCase.Default, each[2].AfterEndOfWindow.LateFirings.TriggerCase);
        Assert.Null(proto.OrFinally.Finally.AfterEndOfWindow.EarlyFirings);
        Assert.Null(proto.OrFinally.Finally.AfterEndOfWindow.LateFirings);
        Assert.Equal(EveryKind, proto.ToModel());
    }

    [Fact]
    public void Unknown_trigger_kind_names_its_field()
    {
        // Field 99 of Trigger: a oneof member this proto does not define (length-delimited, empty).
        var unknown = Proto.Trigger.Parser.ParseFrom([0x9a, 0x06, 0x00]);
        var tree = new Proto.Trigger { AfterAll = new() };
        tree.AfterAll.Subtriggers.Add(new Proto.Trigger { Never = new() });
        tree.AfterAll.Subtriggers.Add(unknown);

        var error = Assert.Throws<WindowingProtoException>(() => tree.ToModel());

        Assert.Equal("trigger.after_all.subtriggers[1]", Assert.Single(error.Problems).Field);
        Assert.Equal("trigger.after_all.subtriggers[1]: unknown trigger kind (a field of the trigger oneof that beam_runner_api.proto does not define)", error.Message);
    }

    [Fact]
    public void Every_bad_field_of_a_strategy_is_listed()
    {
        var proto = new Proto.WindowingStrategy
        {
            WindowFn = new Proto.FunctionSpec { Urn = "beam:window_fn:fixed_windows:v1" },
            Trigger = new Proto.Trigger { Repeat = new() },
            AccumulationMode = (Proto.AccumulationMode.Types.Enum)9,
            OutputTime = (Proto.OutputTime.Types.Enum)8,
            ClosingBehavior = (Proto.ClosingBehavior.Types.Enum)7,
            OnTimeBehavior = (Proto.OnTimeBehavior.Types.Enum)6,
            MergeStatus = (Proto.MergeStatus.Types.Enum)5,
        };
        proto.Trigger.Repeat.Subtrigger = new Proto.Trigger { AfterProcessingTime = new() };
        proto.Trigger.Repeat.Subtrigger.AfterProcessingTime.TimestampTransforms.Add(new Proto.TimestampTransform { AlignTo = new() { Period = 0 } });

        var error = Assert.Throws<WindowingProtoException>(() => proto.ToModel());

        Assert.Equal(
            [
                "window_fn.payload.size: must be above 0 ms, got 0 ms",
                "trigger.repeat.subtrigger.after_processing_time.timestamp_transforms[0].align_to.period: must be above 0 ms, got 0 ms",
                "merge_status: unknown enum value 5",
                "accumulation_mode: unknown enum value 9",
                "output_time: unknown enum value 8",
                "closing_behavior: unknown enum value 7",
                "on_time_behavior: unknown enum value 6",
            ],
            error.Problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Empty_composites_and_missing_parts_are_problems()
    {
        var tree = new Proto.Trigger { OrFinally = new() { Main = new() { AfterEach = new() } } };

        var error = Assert.Throws<WindowingProtoException>(() => tree.ToModel());

        Assert.Equal(
            ["trigger.or_finally.main.after_each.subtriggers: needs at least one subtrigger", "trigger.or_finally.finally: missing trigger"],
            error.Problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Retracting_is_read_so_a_runner_can_refuse_it()
    {
        var proto = WindowingStrategy.Default.ToProto();
        proto.AccumulationMode = Proto.AccumulationMode.Types.Enum.Retracting;

        Assert.Equal(AccumulationMode.Retracting, proto.ToModel().AccumulationMode);
        Assert.Equal(Proto.AccumulationMode.Types.Enum.Retracting, proto.ToModel().ToProto().AccumulationMode);
    }

    [Fact]
    public void Unknown_window_fn_is_custom_with_its_payload_and_round_trips()
    {
        var spec = new Proto.FunctionSpec { Urn = "example:window_fn:odd:v1", Payload = ByteString.CopyFrom(1, 2, 3) };

        var fn = spec.ToModelWindowFn();

        Assert.Equal(new WindowFn.Custom("example:window_fn:odd:v1", new byte[] { 1, 2, 3 }), fn);
        Assert.Equal(spec, fn.ToProto());
    }

    [Fact]
    public void Window_fn_payload_that_does_not_parse_names_the_payload()
    {
        var spec = new Proto.FunctionSpec { Urn = "beam:window_fn:fixed_windows:v1", Payload = ByteString.CopyFrom(0x0a, 0x05) };

        var error = Assert.Throws<WindowingProtoException>(() => spec.ToModelWindowFn());

        Assert.Equal("window_fn.payload", Assert.Single(error.Problems).Field);
        Assert.StartsWith("window_fn.payload: not a valid payload for 'beam:window_fn:fixed_windows:v1': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_payload_bytes_are_exact()
    {
        var spec = new WindowFn.Fixed(60_000, 1_500).ToProto();

        // size: Duration{seconds=60} ; offset: Timestamp{seconds=1, nanos=500000000}
        Assert.Equal("0a 02 08 3c 12 08 08 01 10 80 ca b5 ee 01", Tests.Coders.Hex.Of(spec.Payload.ToByteArray()));
    }
}
