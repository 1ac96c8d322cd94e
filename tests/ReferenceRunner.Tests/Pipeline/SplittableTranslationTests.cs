using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>Prepare of a splittable DoFn: the expansion into PairWithRestriction, SplitAndSize and Process, and its refusals.</summary>
public sealed class SplittableTranslationTests
{
    [Fact]
    public void A_splittable_ParDo_becomes_pair_split_and_process_with_kv_and_sized_coders_and_process_starts_a_stage()
    {
        var pipeline = Splittable(out _);

        Assert.Empty(PipelineValidator.Validate(pipeline));
        var fused = PipelineFuser.Fuse(pipeline);

        Assert.Equal(2, fused.Stages.Count);
        Assert.Equal(["a", "sdf/PairWithRestriction", "sdf/SplitAndSizeRestriction"], fused.Stages[0].TransformIds);
        Assert.Equal(["sdf/Process", "after"], fused.Stages[1].TransformIds);
        var process = fused.Stages[1];
        Assert.Equal(("sdf/Process", "in"), (process.Splittable?.TransformId, process.Splittable?.InputLocalName));
        Assert.Equal(["out"], process.Splittable!.OutputLocalNames);
        Assert.Null(fused.Stages[0].Splittable);

        var descriptor = process.BuildDescriptor("d", new() { Url = "x" }, new() { Url = "x" });
        var transforms = descriptor.Transforms;
        Assert.Equal("beam:transform:sdf_process_sized_element_and_restrictions:v1", transforms["sdf/Process"].Spec.Urn);
        Assert.Equal("sdf.out", transforms["sdf/Process"].Outputs["out"]);
        var sized = descriptor.Pcollections[transforms["sdf/Process"].Inputs["in"]];
        // KV<KV<length_prefix(opaque element), KV<varint, varint> restriction>, double size>: the element coder is
        // length-prefixed because the PCollection crosses a data port.
        Assert.Equal("kv(kv(length_prefix(beam:coder:genericobjectjs:v1),kv(varint,varint)),double)", Shape(descriptor.Coders, sized.CoderId));
        // The data port sends exactly the PCollection's coder: residual roots the SDK encodes are the runner's bytes.
        Assert.Equal(sized.CoderId, descriptor.Coders[Assert.Single(process.Inputs).Coding.CoderId].ComponentCoderIds[0]);

        var first = fused.Stages[0].BuildDescriptor("d0", new() { Url = "x" }, new() { Url = "x" });
        var pair = first.Transforms["sdf/PairWithRestriction"];
        Assert.Equal("beam:transform:sdf_pair_with_restriction:v1", pair.Spec.Urn);
        Assert.Equal("kv(beam:coder:genericobjectjs:v1,kv(varint,varint))", Shape(first.Coders, first.Pcollections[pair.Outputs["out"]].CoderId));
        var split = first.Transforms["sdf/SplitAndSizeRestriction"];
        Assert.Equal("beam:transform:sdf_split_and_size_restrictions:v1", split.Spec.Urn);
        Assert.Equal(pair.Outputs["out"], split.Inputs["in"]);
        Assert.Equal(transforms["sdf/Process"].Inputs["in"], split.Outputs["out"]);
        Assert.Equal("js", split.EnvironmentId);
        Assert.Equal(pipeline.Components.Transforms["sdf"].Spec.Payload, split.Spec.Payload);
    }

    [Fact]
    public void A_drained_job_gets_truncate_between_split_and_size_and_process_with_the_sized_coder()
    {
        var pipeline = Splittable(out _);
        var drained = new TranslationOptions { Drain = true };

        Assert.Empty(PipelineValidator.Validate(pipeline, drained));
        var fused = PipelineFuser.Fuse(pipeline, drained);

        Assert.Equal(["a", "sdf/PairWithRestriction", "sdf/SplitAndSizeRestriction", "sdf/TruncateAndSizeRestriction"], fused.Stages[0].TransformIds);
        Assert.Equal(["sdf/Process", "after"], fused.Stages[1].TransformIds);
        var first = fused.Stages[0].BuildDescriptor("d0", new() { Url = "x" }, new() { Url = "x" });
        var split = first.Transforms["sdf/SplitAndSizeRestriction"];
        var truncate = first.Transforms["sdf/TruncateAndSizeRestriction"];
        Assert.Equal("beam:transform:sdf_truncate_sized_restrictions:v1", truncate.Spec.Urn);
        Assert.Equal(split.Outputs["out"], truncate.Inputs["in"]);
        Assert.Equal(pipeline.Components.Transforms["sdf"].Spec.Payload, truncate.Spec.Payload);
        var process = fused.Stages[1].BuildDescriptor("d1", new() { Url = "x" }, new() { Url = "x" }).Transforms["sdf/Process"];
        Assert.Equal(truncate.Outputs["out"], process.Inputs["in"]);
        Assert.Equal(Shape(first.Coders, first.Pcollections[split.Outputs["out"]].CoderId), Shape(first.Coders, first.Pcollections[truncate.Outputs["out"]].CoderId));

        // Not drained: no truncate step.
        Assert.DoesNotContain("sdf/TruncateAndSizeRestriction", PipelineFuser.Fuse(pipeline).Stages[0].TransformIds);
    }

    [Theory]
    [InlineData(true, true, null)]
    [InlineData(false, false, null)]
    [InlineData(null, false, null)]
    [InlineData("yes", false, "the pipeline option must be a bool, got a StringValue")]
    public void The_drain_option_is_a_bool(object? value, bool isSet, string? problem)
    {
        var options = new Google.Protobuf.WellKnownTypes.Struct();
        options.Fields[Model.BeamNames.PipelineOptions.Drain] = value switch
        {
            bool b => Google.Protobuf.WellKnownTypes.Value.ForBool(b),
            string s => Google.Protobuf.WellKnownTypes.Value.ForString(s),
            _ => Google.Protobuf.WellKnownTypes.Value.ForNull(),
        };

        Assert.Equal(isSet, DrainOption.IsSet(options));
        Assert.Equal(problem, DrainOption.Problem(options)?.Message);
        Assert.False(DrainOption.IsSet(null));
    }

    [Fact]
    public void Side_inputs_stay_on_every_part()
    {
        var p = new TestPipeline();
        var side = p.ParDo("side", p.Impulse("impulse2"));
        p.ParDo("sdf", p.ParDo("a", p.Impulse("impulse")), sides: [("s0", side, "beam:side_input:iterable:v1")]);
        ValidationTests.WithPayload(p, "sdf", payload => payload.RestrictionCoderId = Restriction(p));

        var fused = PipelineFuser.Fuse(p.Build());

        var process = Assert.Single(fused.Stages, static s => s.Splittable is not null);
        Assert.Equal("sdf/Process", Assert.Single(process.SideInputs).TransformId);
        Assert.Contains(fused.Stages.SelectMany(static s => s.SideInputs), static s => s.TransformId == "sdf/PairWithRestriction");
        Assert.Contains(fused.Stages.SelectMany(static s => s.SideInputs), static s => s.TransformId == "sdf/SplitAndSizeRestriction");
    }

    [Fact]
    public void Missing_restriction_coder_state_timers_and_two_main_inputs_are_listed_together()
    {
        var p = new TestPipeline();
        p.ParDo("sdf", p.ParDo("a", p.Impulse("impulse")));
        ValidationTests.WithPayload(p, "sdf", payload =>
        {
            payload.RestrictionCoderId = "ghost";
            payload.StateSpecs["s"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = "varint" } };
            payload.TimerFamilySpecs["t"] = new TimerFamilySpec { TimeDomain = TimeDomain.Types.Enum.EventTime, TimerFamilyCoderId = "varint" };
        });
        p.Components.Transforms["sdf"].Inputs["in2"] = "a.out";

        var problems = PipelineValidator.Validate(p.Build());

        Assert.Equal(
            ["sdf|splittable DoFn|ghost", "sdf|splittable DoFn|s", "sdf|splittable DoFn|t", "sdf|splittable DoFn|in, in2"],
            problems.Where(static q => q.Feature == "splittable DoFn").Select(static q => $"{q.Id}|{q.Feature}|{q.Value}"));
    }

    /// <summary>impulse → a (opaque) → sdf (restriction KV&lt;varint, varint&gt;) → after.</summary>
    internal static Pipeline Splittable(out TestPipeline p)
    {
        p = new TestPipeline();
        var output = p.ParDo("sdf", p.ParDo("a", p.Impulse("impulse")));
        var restriction = Restriction(p);
        ValidationTests.WithPayload(p, "sdf", payload => payload.RestrictionCoderId = restriction);
        p.ParDo("after", output);
        p.Proto.Requirements.Add("beam:requirement:pardo:splittable_dofn:v1");
        return p.Build();
    }

    private static string Restriction(TestPipeline p)
    {
        p.Coder("restriction", "beam:coder:kv:v1", "varint", "varint");
        return "restriction";
    }

    // The coder's structure by URN (model coder URNs shortened to their name).
    private static string Shape(Google.Protobuf.Collections.MapField<string, Coder> coders, string id)
    {
        var coder = coders[id];
        var urn = coder.Spec.Urn.StartsWith("beam:coder:", StringComparison.Ordinal) && coder.Spec.Urn != TestPipeline.OpaqueUrn
            ? coder.Spec.Urn["beam:coder:".Length..^":v1".Length]
            : coder.Spec.Urn;
        return coder.ComponentCoderIds.Count == 0 ? urn : $"{urn}({string.Join(",", coder.ComponentCoderIds.Select(c => Shape(coders, c)))})";
    }
}
