using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>Prepare of a stateful ParDo: user state accepted on a KV input, its stage keyed and alone at its head.</summary>
public sealed class StatefulTranslationTests
{
    [Fact]
    public void Bag_multimap_and_ordered_list_state_on_a_kv_input_are_accepted_with_the_stateful_requirement()
    {
        var pipeline = Stateful(out _);

        Assert.Empty(PipelineValidator.Validate(pipeline));
        var fused = PipelineFuser.Fuse(pipeline);

        var stage = Assert.Single(fused.Stages, static s => s.IsStateful);
        Assert.Equal(["counter"], stage.TransformIds.Take(1));
        Assert.Equal(
            [
                "counter|bag|beam:user_state:bag:v1",
                "counter|map|beam:user_state:multimap:v1",
                "counter|sorted|beam:user_state:ordered_list:v1",
                "counter|value|beam:user_state:bag:v1",
            ],
            stage.UserStates.Select(static s => $"{s.TransformId}|{s.StateId}|{s.ProtocolUrn}"));
        Assert.Equal(7_000, stage.UserStateAllowedLatenessMillis);
        Assert.NotNull(Assert.Single(stage.Inputs).Coding.KeyCoder);
    }

    [Fact]
    public void A_stateful_ParDo_never_fuses_into_its_producers_stage_but_its_consumers_fuse_into_its_own()
    {
        var fused = PipelineFuser.Fuse(Stateful(out _));

        Assert.Equal(2, fused.Stages.Count);
        Assert.Equal(["a"], fused.Stages[0].TransformIds);
        Assert.False(fused.Stages[0].IsStateful);
        Assert.Equal(["counter", "after"], fused.Stages[1].TransformIds);
    }

    [Fact]
    public void Timers_and_state_on_a_non_kv_input_are_listed_together()
    {
        var p = new TestPipeline();
        p.ParDo("b", p.ParDo("a", p.Impulse("impulse")));
        ValidationTests.WithPayload(p, "b", payload =>
        {
            payload.StateSpecs["s"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = "varint" } };
            payload.TimerFamilySpecs["t"] = new TimerFamilySpec { TimeDomain = TimeDomain.Types.Enum.EventTime, TimerFamilyCoderId = "varint" };
        });

        var problems = PipelineValidator.Validate(p.Build());

        Assert.Equal(
            ["b|coder|" + TestPipeline.OpaqueUrn, "b|timer coder|beam:coder:varint:v1"],
            problems.Select(static q => $"{q.Id}|{q.Feature}|{q.Value}"));
    }

    [Fact]
    public void A_negative_allowed_lateness_on_a_stateful_input_is_refused_at_Prepare_naming_the_ParDo()
    {
        // It used to pass Prepare and fail the job at Run, when the engine graph refused the stage.
        var pipeline = Stateful(out _);
        pipeline.Components.WindowingStrategies["late"].AllowedLateness = -1;

        var problems = PipelineValidator.Validate(pipeline);

        Assert.Equal(
            ["counter: allowed lateness '-1': a ParDo with user state or timers needs an allowed lateness of at least 0 ms (input 'a.out' has windowing strategy 'late')"],
            problems.Select(static q => q.ToString()));
    }

    /// <summary>impulse → a (KV&lt;string, varint&gt;) → counter (bag, value, map, sorted state) → after; allowed lateness 7 s, global or fixed 10 s windows.</summary>
    internal static Org.Apache.Beam.Model.Pipeline.V1.Pipeline Stateful(out string output, bool fixedWindows = false)
    {
        var p = new TestPipeline();
        if (fixedWindows)
        {
            p.Windowing("late", "beam:window_fn:fixed_windows:v1", "iw", MergeStatus.Types.Enum.NonMerging, p.Components.WindowingStrategies["fixed"].WindowFn.Payload);
        }
        else
        {
            p.Windowing("late", "beam:window_fn:global_windows:v1", "gw", MergeStatus.Types.Enum.NonMerging);
        }

        p.Components.WindowingStrategies["late"].AllowedLateness = 7_000;
        var keyed = p.ParDo("a", p.Impulse("impulse"), "kv_str_varint", "late");
        var counted = p.ParDo("counter", keyed, "kv_str_varint", "late");
        ValidationTests.WithPayload(p, "counter", payload =>
        {
            payload.StateSpecs["bag"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = "varint" } };
            payload.StateSpecs["value"] = new StateSpec { ReadModifyWriteSpec = new ReadModifyWriteStateSpec { CoderId = "varint" } };
            payload.StateSpecs["map"] = new StateSpec
            {
                MultimapSpec = new MultimapStateSpec { KeyCoderId = "str", ValueCoderId = "varint" },
                Protocol = new FunctionSpec { Urn = "beam:user_state:multimap:v1" },
            };
            payload.StateSpecs["sorted"] = new StateSpec { OrderedListSpec = new OrderedListStateSpec { ElementCoderId = "varint" } };
        });
        output = p.ParDo("after", counted, "kv_str_varint", "late");
        var pipeline = p.Build();
        pipeline.Requirements.Add("beam:requirement:pardo:stateful:v1");
        return pipeline;
    }
}
