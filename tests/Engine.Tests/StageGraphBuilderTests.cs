namespace BeamConformance.Engine.Tests;

public sealed class StageGraphBuilderTests
{
    public static TheoryData<string, string> BadGraphRows => new()
    {
        // two stages with one id
        { "duplicate-stage", "stage id 'a' is declared twice" },
        // two producers of one PCollection
        { "two-producers", "PCollection 'p' is produced by both stage 'src' and stage 'a'" },
        // an input nobody produces
        { "missing-input", "stage 'a' reads PCollection 'nowhere', which no stage produces" },
        // a side input nobody produces
        { "missing-side-input", "stage 'a' reads PCollection 'ghost', which no stage produces" },
        // a stage reading its own output
        { "self-loop", "stage 'a' reads its own output 'q'" },
        // a cycle of two stages
        { "cycle", "the stages form a cycle: a, b" },
        // an SDK stage without input
        { "no-input", "stage 'a' (Sdk) needs at least one input" },
    };

    [Theory]
    [MemberData(nameof(BadGraphRows))]
    public void Bad_graphs_are_refused_naming_the_stage_and_pcollection(string situation, string message)
    {
        var error = Assert.Throws<ArgumentException>(() =>
        {
            var b = new StageGraphBuilder().AddExternalInput(new("src"), new("p"));
            _ = situation switch
            {
                "duplicate-stage" => b.AddSdkStage(new("a"), [new("p")], []).AddSdkStage(new("a"), [new("p")], []),
                "two-producers" => b.AddSdkStage(new("a"), [new("p")], [new("p")]),
                "missing-input" => b.AddSdkStage(new("a"), [new("nowhere")], []),
                "missing-side-input" => b.AddSdkStage(new("a"), [new("p")], [], [new SideInput(new("ghost"))]),
                "self-loop" => b.AddSdkStage(new("a"), [new("p"), new("q")], [new("q")]),
                "cycle" => b.AddSdkStage(new("a"), [new("p"), new("r")], [new("q")]).AddSdkStage(new("b"), [new("q")], [new("r")]),
                _ => b.AddSdkStage(new("a"), [], []),
            };
            b.Build();
        });
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stages_are_ordered_producers_first_then_by_declaration()
    {
        var graph = new StageGraphBuilder()
            .AddSdkStage(new("late"), [new("mid")], [])
            .AddSdkStage(new("middle"), [new("src-out")], [new("mid")])
            .AddExternalInput(new("src"), new("src-out"))
            .Build();
        Assert.Equal(["src", "middle", "late"], graph.Stages.Select(static s => s.Id.Value));
        Assert.Equal(new StageId("middle"), graph.ProducerOf(new("mid")));
    }

    [Fact]
    public void Negative_allowed_lateness_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StageGraphBuilder()
            .AddGroupByKey(new("g"), new("i"), new("o"), new WindowingStrategy { AllowedLatenessMillis = -1 }));
        Assert.StartsWith("GroupByKey 'g': allowed lateness must be at least 0 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stateful_stage_needs_a_non_negative_lateness_and_time_sorted_input_needs_a_stateful_stage()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new StageGraphBuilder().AddSdkStage(new("s"), [new("i")], [], statefulAllowedLatenessMillis: -1));
        Assert.StartsWith("SDK stage 's': allowed lateness must be at least 0 ms", negative.Message, StringComparison.Ordinal);
        var stateless = Assert.Throws<ArgumentException>(() => new StageGraphBuilder().AddSdkStage(new("s"), [new("i")], [], timeSortedInput: true));
        Assert.StartsWith("SDK stage 's': time-sorted input needs a stateful stage", stateless.Message, StringComparison.Ordinal);
        var spec = new StageGraphBuilder().AddExternalInput(new("src"), new("i")).AddSdkStage(new("s"), [new("i")], [], statefulAllowedLatenessMillis: 5, timeSortedInput: true).Build().Stages[1];
        Assert.Equal((5L, true), (spec.StatefulAllowedLatenessMillis, spec.TimeSortedInput));
    }
}
