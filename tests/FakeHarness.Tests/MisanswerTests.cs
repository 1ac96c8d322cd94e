using BeamConformance.FakeHarness.Internal.Faults;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>The made-up channel splits of the <c>misanswer</c> kinds, for a request of 3 elements on input <c>in</c>.</summary>
public sealed class MisanswerTests
{
    public static TheoryData<string, string, long, long> ChannelSplits => new()
    {
        { "split_other_transform", "not-a-data-input", 0, 1 },
        { "split_residual_not_after_primary", "in", 1, 1 },
        { "split_primary_below_range", "in", -2, -1 },
        { "split_primary_beyond_range", "in", 3, 4 },
        { "split_residual_beyond_range", "in", 0, 4 },
        { "split_gap", "in", 0, 2 },
    };

    [Theory]
    [MemberData(nameof(ChannelSplits))]
    public void An_ordinary_stage_answers_the_made_up_channel_split(string kind, string transform, long lastPrimary, long firstResidual)
    {
        var answer = Misanswer.Split(new HashSet<string> { kind }, new ProcessBundleSplitResponse(), Request());

        var split = Assert.Single(answer.ChannelSplits);
        Assert.Equal((transform, lastPrimary, firstResidual), (split.TransformId, split.LastPrimaryElement, split.FirstResidualElement));
        Assert.Empty(answer.PrimaryRoots);
    }

    [Fact]
    public void Without_a_split_kind_the_honest_answer_is_kept()
    {
        var honest = new ProcessBundleSplitResponse();
        honest.ChannelSplits.Add(new ProcessBundleSplitResponse.Types.ChannelSplit { TransformId = "in", LastPrimaryElement = 0, FirstResidualElement = 1 });

        Assert.Same(honest, Misanswer.Split(new HashSet<string> { "metrics_undecodable" }, honest, Request()));
    }

    [Fact]
    public void Every_kind_is_named_by_what_it_changes()
    {
        Assert.All(Misanswer.Kinds, k => Assert.Matches("^(split|checkpoint|metrics|progress|finalize|output|state|worker)_[a-z0-9_]+$", k));
    }

    [Fact]
    public void Checkpoint_undecodable_makes_each_residual_element_the_byte_ff()
    {
        var response = new ProcessBundleResponse();
        response.ResidualRoots.Add(new DelayedBundleApplication
        {
            Application = new BundleApplication { TransformId = "sdf", InputId = "in", Element = Google.Protobuf.ByteString.CopyFrom(1, 2, 3) },
        });

        Misanswer.Response(new HashSet<string> { "checkpoint_undecodable" }, response, ["source"], "b1");

        var root = Assert.Single(response.ResidualRoots);
        Assert.Equal([0xff], root.Application.Element.ToByteArray());
        Assert.Equal(("sdf", "in"), (root.Application.TransformId, root.Application.InputId));
    }

    [Fact]
    public void The_finalize_and_progress_error_kinds_are_known()
    {
        Assert.Contains(Misanswer.FinalizeError, Misanswer.Kinds);
        Assert.Contains(Misanswer.ProgressError, Misanswer.Kinds);
    }

    private static ProcessBundleSplitRequest Request()
    {
        var request = new ProcessBundleSplitRequest { InstructionId = "b1" };
        request.DesiredSplits["in"] = new ProcessBundleSplitRequest.Types.DesiredSplit { FractionOfRemainder = 0.5, EstimatedInputElements = 3 };
        return request;
    }
}
