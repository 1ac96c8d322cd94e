using BeamConformance.Model;
using BeamConformance.ReferenceRunner.Execution.Internal;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Tests.FnApi;
using BeamConformance.ReferenceRunner.Tests.Translation;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>
/// The runner's split of a splittable DoFn's bundle (two sized elements, the first being processed) against a scripted
/// SDK: asked after the data with no allowed points; an element split's residual root becomes the engine's residual
/// with its hold; every inconsistent root fails the bundle naming the instruction and the field.
/// </summary>
public sealed class ElementSplitRequestTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string?> Inconsistent => new()
    {
        // The answer as an SDK gives it: no error.
        { "valid", null },
        { "primary transform", "primary_roots[0].transform_id 'other' is not the splittable transform 'sdf/Process' of the bundle" },
        { "residual input", "residual_roots[0].application.input_id 'side' is not the main input 'in' of transform 'sdf/Process'" },
        { "residual bytes", "residual_roots[0].application.element (2 bytes) does not decode with the input's coder" },
        { "primary of another element", "primary_roots[0].element is not for the element being split (element 0 of the bundle)" },
        { "unknown output watermark", "residual_roots[0].application.output_watermarks names 'ghost', which is not an output of transform 'sdf/Process' (out)" },
        { "two residuals", "primary_roots (1) / residual_roots (2): an element split of the one data input has one of each" },
        { "channel split leaves no element", "channel_splits[0] (-1, 0) with an element split must leave exactly the split element" },
    };

    [Theory]
    [MemberData(nameof(Inconsistent))]
    public async Task An_element_split_is_applied_or_refused_naming_the_instruction_and_field(string variant, string? error)
    {
        var stage = PipelineFuser.Fuse(SplittableTranslationTests.Splittable(out _)).Stages.Single(static s => s.Splittable is not null);
        var input = stage.Inputs[0];
        var elements = new[] { Sized("a", 0, 10, 7), Sized("b", 0, 4, 8) };
        await using var server = await FnApiTestServer.StartAsync();
        await using var harness = server.Connect("w1", _ => Task.FromResult(new HarnessResult { Outputs = { ["out"] = [] } }));
        ProcessBundleSplitRequest? asked = null;
        harness.Split = request =>
        {
            asked = request;
            return Answer(variant, input);
        };
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1", "out"));
        var engineElements = ElementWireCodec.Decode([.. elements.Select(e => (ReadOnlyMemory<byte>)e)], input.Coding);
        var split = new ChannelSplitRequest(worker, "job", "b1", input.TransformId, 2, 0.5, TimeProvider.System, NullLogger.Instance,
            splittable: new SplittableBundle(stage.Splittable!, input, engineElements));
        var request = new BundleRequest { InstructionId = "b1", DescriptorId = "d1", Inputs = [new BundleDataInput("src", [])], SinkTransformIds = ["out"], AfterInputs = split.AskAsync };

        if (error is null)
        {
            await worker.ProcessBundleAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(1, split.FirstResidualElement);
            var residual = Assert.IsType<Engine.ResidualRoot>(split.ResidualRoot);
            Assert.Equal(input.PCollection, residual.Input);
            Assert.Equal(Sized("a", 5, 10, 7)[^(residual.Element.Bytes.Length)..], residual.Element.Bytes.ToArray());
            Assert.Equal((7L, 2_000L), (residual.Element.TimestampMillis, residual.HoldMillis)); // the hold from output_watermarks
        }
        else
        {
            var e = await Assert.ThrowsAsync<InvalidSplitException>(() => worker.ProcessBundleAsync(request, TestContext.Current.CancellationToken));
            Assert.StartsWith("ProcessBundleSplitResponse for instruction 'b1' is inconsistent: " + error, e.Message, StringComparison.Ordinal);
            Assert.Null(split.ResidualRoot);
        }

        var desired = Assert.Single(asked!.DesiredSplits);
        Assert.Equal((input.TransformId, 0.5, 2L), (desired.Key, desired.Value.FractionOfRemainder, desired.Value.EstimatedInputElements));
        Assert.Empty(desired.Value.AllowedSplitPoints);
    }

    private static ProcessBundleSplitResponse Answer(string variant, StageDataInput input)
    {
        var answer = new ProcessBundleSplitResponse();
        answer.ChannelSplits.Add(new ProcessBundleSplitResponse.Types.ChannelSplit
        {
            TransformId = input.TransformId,
            LastPrimaryElement = -1,
            FirstResidualElement = variant == "channel split leaves no element" ? 0 : 1,
        });
        answer.PrimaryRoots.Add(Root(variant == "primary of another element" ? Sized("b", 0, 5, 7) : Sized("a", 0, 5, 7), variant == "primary transform" ? "other" : "sdf/Process", "in"));
        var residual = Root(variant == "residual bytes" ? [0x01, 0x02] : Sized("a", 5, 10, 7), "sdf/Process", variant == "residual input" ? "side" : "in");
        residual.OutputWatermarks[variant == "unknown output watermark" ? "ghost" : "out"] = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 2 };
        answer.ResidualRoots.Add(new DelayedBundleApplication { Application = residual });
        if (variant == "two residuals")
        {
            answer.ResidualRoots.Add(new DelayedBundleApplication { Application = residual });
        }

        return answer;
    }

    private static BundleApplication Root(byte[] element, string transformId, string inputId) =>
        new() { TransformId = transformId, InputId = inputId, Element = ByteString.CopyFrom(element) };

    // A windowed value (global window, timestamp ms) of KV<KV<length_prefix(opaque), KV<from, to>>, double size>.
    private static byte[] Sized(string element, long from, long to, long timestampMillis)
    {
        var stage = PipelineFuser.Fuse(SplittableTranslationTests.Splittable(out _)).Stages.Single(static s => s.Splittable is not null);
        var value = new KV(new KV(System.Text.Encoding.UTF8.GetBytes(element), new KV(from, to)), (double)(to - from));
        return stage.Inputs[0].Coding.WindowedValueCoder.EncodeToArray(WindowedValue<object?>.InGlobalWindow(value, timestampMillis));
    }
}
