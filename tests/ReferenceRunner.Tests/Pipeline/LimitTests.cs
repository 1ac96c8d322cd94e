using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>
/// Pipelines built to exhaust the stack or the memory of a recursive validator (issue 12): each is refused with
/// one problem naming the limit and where, and none crashes the test process. The depths used (30,000 composites,
/// 20,000 coders) killed the server before the limits existed.
/// </summary>
public sealed class LimitTests
{
    [Fact]
    public void Composites_nested_30000_deep_are_refused_at_the_composite_depth_limit()
    {
        var p = new TestPipeline();
        var impulse = p.Impulse("impulse");
        p.ParDo("leaf", impulse);
        var pipeline = p.Build();
        var child = "leaf";
        pipeline.RootTransformIds.Remove("leaf");
        for (var i = 0; i < 30_000; i++)
        {
            var id = "c" + i;
            var composite = new PTransform { UniqueName = id };
            composite.Subtransforms.Add(child);
            pipeline.Components.Transforms[id] = composite;
            child = id;
        }

        pipeline.RootTransformIds.Add(child);

        var problems = PipelineValidator.Validate(pipeline);

        var problem = Assert.Single(problems);
        Assert.Equal(("c29743", "limit", "composite nesting"), (problem.Id, problem.Feature, problem.Value));
        Assert.Equal("transform 'c29743' (a subtransform of 'c29744') is nested 257 composites deep, more than the limit of 256", problem.Message);
    }

    [Fact]
    public void Composites_nested_at_the_limit_are_accepted()
    {
        var p = new TestPipeline();
        p.ParDo("leaf", p.Impulse("impulse"));
        var pipeline = p.Build();
        var child = "leaf";
        pipeline.RootTransformIds.Remove("leaf");
        for (var i = 0; i < PipelineLimits.MaxCompositeDepth - 1; i++)
        {
            var composite = new PTransform { UniqueName = "c" + i };
            composite.Subtransforms.Add(child);
            pipeline.Components.Transforms["c" + i] = composite;
            child = "c" + i;
        }

        pipeline.RootTransformIds.Add(child);

        Assert.Empty(PipelineValidator.Validate(pipeline));
    }

    [Fact]
    public void A_coder_nested_20000_deep_is_refused_at_the_coder_depth_limit()
    {
        var p = new TestPipeline();
        var inner = "bytes";
        for (var i = 0; i < 20_000; i++)
        {
            p.Coder("n" + i, "beam:coder:iterable:v1", inner);
            inner = "n" + i;
        }

        p.ParDo("a", p.Impulse("impulse"), coder: inner);

        var problems = PipelineValidator.Validate(p.Build());

        var problem = Assert.Single(problems);
        Assert.Equal(("a.out", "coder", "n19999"), (problem.Id, problem.Feature, problem.Value));
        Assert.Contains("component coders nest deeper than the limit of 64 levels", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_transforms_than_the_limit_are_refused_without_looking_further()
    {
        var p = new TestPipeline();
        var pipeline = p.Build();
        var empty = new PTransform();
        for (var i = 0; i <= PipelineLimits.MaxTransforms; i++)
        {
            pipeline.Components.Transforms["t" + i] = empty;
        }

        var problem = Assert.Single(PipelineValidator.Validate(pipeline));

        Assert.Equal("pipeline: limit 'transforms': the pipeline has 100001 transforms, more than the limit of 100000", problem.ToString());
    }

    [Fact]
    public void A_transform_no_root_reaches_is_validated_too()
    {
        var p = new TestPipeline();
        p.ParDo("a", p.Impulse("impulse"));
        var pipeline = p.Build();
        var stray = new PTransform { UniqueName = "stray", Spec = new FunctionSpec { Urn = "beam:transform:made_up:v1" } };
        stray.Outputs["out"] = p.PCollection("stray.out", "bytes");
        pipeline.Components.Transforms["stray"] = stray;

        var problems = PipelineValidator.Validate(pipeline);

        Assert.Equal(["stray: transform URN 'beam:transform:made_up:v1': unknown or unsupported leaf transform"], problems.Select(static x => x.ToString()));
        Assert.NotNull(PipelineFuser.Fuse(pipeline));
    }
}
