using BeamConformance.ReferenceRunner.Translation;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

public sealed class FusionTests
{
    public static TheoryData<string, string> Shapes => new()
    {
        // A chain of ParDos fuses into one stage; the last output has no consumer, so no data sink.
        {
            "chain",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a, b, c -> 
            """
        },
        // A GroupByKey splits the chain: the stage before it writes the GBK input, the stage after reads its output.
        {
            "gbk",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a -> a.out
            gbk: GroupByKey a.out -> gbk.out
            stage2 [js]: gbk.out -> b -> 
            """
        },
        // Siblings reading the same input share a stage; the runner-side Flatten joins their outputs.
        {
            "flatten",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a, b -> a.out, b.out
            flatten: Flatten a.out, b.out -> flatten.out
            stage2 [js]: flatten.out -> c -> 
            """
        },
        // A side input produced by the main input's stage must be materialised first: the consumer starts a new stage.
        {
            "side input",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a, s -> a.out, s.out
            stage2 [js]: a.out -> c ->  | side s.out(side0, iterable)
            """
        },
        // Several outputs of one ParDo: the one consumed in the stage stays inside, the one grouped leaves it.
        {
            "multiple outputs",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> split, x -> split.out1
            gbk: GroupByKey split.out1 -> gbk.out
            stage2 [js]: gbk.out -> z -> 
            """
        },
        // CombinePerKey over global windows is lifted: PreCombine fuses upstream, MergeAccumulators + ExtractOutputs downstream.
        {
            "combine lifted",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a, combine/Precombine -> combine/Precombine.out
            combine/Group: GroupByKey combine/Precombine.out -> combine/Group.out
            stage2 [js]: combine/Group.out -> combine/Merge, combine/ExtractOutputs, c -> 
            """
        },
        // Over session windows (merging) the combine is not lifted: its GroupByKey + ParDo subtransforms run.
        {
            "combine not lifted",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a -> a.out
            combine/gbk: GroupByKey a.out -> combine/gbk.out
            stage2 [js]: combine/gbk.out -> combine/apply, c -> 
            """
        },
        // Transforms of different environments never share a stage.
        {
            "two environments",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a -> a.out
            stage2 [py]: a.out -> b -> b.out
            stage3 [js]: b.out -> c -> 
            """
        },
        // Reshuffle is a fusion break the runner passes elements through.
        {
            "reshuffle",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a -> a.out
            reshuffle: Reshuffle a.out -> reshuffle.out
            stage2 [js]: reshuffle.out -> b -> 
            """
        },
        // A Flatten input in another coder is written a second time by its stage, in the Flatten's coder.
        {
            "flatten of different coders",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a, b -> a.out@flatten, b.out
            flatten: Flatten a.out@flatten, b.out -> flatten.out
            stage2 [js]: flatten.out -> c -> 
            """
        },
        // A PCollection flattened with itself reaches the Flatten twice, through two engine PCollections.
        {
            "flatten with itself",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a -> a.out@flatten#2, a.out
            flatten: Flatten a.out, a.out@flatten#2 -> flatten.out
            stage2 [js]: flatten.out -> c -> 
            """
        },
        // The second read's engine PCollection avoids a pipeline PCollection already named like it.
        {
            "flatten with itself next to a PCollection named alike",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a, t, u -> a.out@flatten#2_2, a.out
            flatten: Flatten a.out, a.out@flatten#2_2 -> flatten.out
            stage2 [js]: flatten.out -> c -> 
            """
        },
        // A leaf URN the environment lists among its capabilities runs in that SDK and fuses like a ParDo.
        {
            "sdk capability",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a, custom -> 
            """
        },
        // A runner-side producer in another coder gets a transcoding stage (data source straight into a data sink).
        {
            "flatten of an impulse",
            """
            impulse: Impulse  -> impulse.out
            stage1 [js]: impulse.out -> a -> a.out
            transcode1_flatten [js]: impulse.out ->  -> impulse.out@flatten
            flatten: Flatten impulse.out@flatten, a.out -> flatten.out
            stage2 [js]: flatten.out -> c -> 
            """
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fuses_typical_shapes(string shape, string expected)
    {
        var fused = PipelineFuser.Fuse(Build(shape));

        Assert.Equal(expected.ReplaceLineEndings("\n"), FusedPipelineText.Describe(fused));
    }

    // A Flatten compares its input's and output's wire coders: 40 levels of KV coders whose two components are the same
    // coder have 2^40 paths, and comparing them path by path never finished (Prepare hung); over a coder the runner
    // length-prefixes every level is rebuilt, and naming each rebuilt KV after its components doubled the name per level.
    // Same structure under two ids: no transcoding stage; another structure (the innermost KV over strings): transcoding.
    [Theory]
    [InlineData("beam:coder:varint:v1", "beam:coder:varint:v1", "stage1 [js]: impulse.out -> a -> a.out\nflatten: Flatten a.out -> flatten.out\nstage2 [js]: flatten.out -> c -> ")]
    [InlineData(TestPipeline.OpaqueUrn, TestPipeline.OpaqueUrn, "stage1 [js]: impulse.out -> a -> a.out\nflatten: Flatten a.out -> flatten.out\nstage2 [js]: flatten.out -> c -> ")]
    [InlineData("beam:coder:varint:v1", "beam:coder:string_utf8:v1", "stage1 [js]: impulse.out -> a -> a.out@flatten\nflatten: Flatten a.out@flatten -> flatten.out\nstage2 [js]: flatten.out -> c -> ")]
    public void Flatten_compares_coders_with_shared_components_once_per_coder(string inputLeafUrn, string outputLeafUrn, string expected)
    {
        var p = new TestPipeline();
        var impulse = p.Impulse("impulse");
        p.Coder("leaf", inputLeafUrn);
        p.Coder("other_leaf", outputLeafUrn);
        for (var i = 0; i < 40; i++)
        {
            p.Coder($"in{i}", "beam:coder:kv:v1", i < 39 ? $"in{i + 1}" : "leaf", i < 39 ? $"in{i + 1}" : "leaf");
            p.Coder($"out{i}", "beam:coder:kv:v1", i < 39 ? $"out{i + 1}" : "other_leaf", i < 39 ? $"out{i + 1}" : "other_leaf");
        }

        p.ParDo("c", p.Flatten("flatten", "out0", p.ParDo("a", impulse, "in0")));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var fused = PipelineFuser.Fuse(p.Build());

        Assert.Equal("impulse: Impulse  -> impulse.out\n" + expected, FusedPipelineText.Describe(fused));
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    internal static Org.Apache.Beam.Model.Pipeline.V1.Pipeline Build(string shape)
    {
        var p = new TestPipeline();
        var impulse = p.Impulse("impulse");
        switch (shape)
        {
            case "chain":
                p.ParDo("c", p.ParDo("b", p.ParDo("a", impulse)));
                break;
            case "gbk":
                p.ParDo("b", p.GroupByKey("gbk", p.ParDo("a", impulse, "kv_opaque")));
                break;
            case "flatten":
                p.ParDo("c", p.Flatten("flatten", "opaque", p.ParDo("a", impulse), p.ParDo("b", impulse)));
                break;
            case "side input":
                p.ParDo("c", p.ParDo("a", impulse), sides: [("side0", p.ParDo("s", impulse), "beam:side_input:iterable:v1")]);
                break;
            case "multiple outputs":
                var first = p.ParDo("split", impulse, "kv_opaque", outputs: 2);
                p.ParDo("x", first);
                p.ParDo("z", p.GroupByKey("gbk", "split.out1"));
                break;
            case "combine lifted":
                p.ParDo("c", p.CombinePerKey("combine", p.ParDo("a", impulse, "kv_opaque")));
                break;
            case "combine not lifted":
                p.ParDo("c", p.CombinePerKey("combine", p.ParDo("a", impulse, "kv_opaque", "sessions"), "sessions"));
                break;
            case "two environments":
                p.Environment("py", "beam:env:external:v1");
                p.ParDo("c", p.ParDo("b", p.ParDo("a", impulse), environment: "py"));
                break;
            case "reshuffle":
                p.ParDo("b", p.Reshuffle("reshuffle", p.ParDo("a", impulse)));
                break;
            case "flatten of different coders":
                p.ParDo("c", p.Flatten("flatten", "opaque", p.ParDo("a", impulse, "varint"), p.ParDo("b", impulse)));
                break;
            case "flatten with itself":
                var a = p.ParDo("a", impulse);
                p.ParDo("c", p.Flatten("flatten", "opaque", a, a));
                break;
            case "flatten with itself next to a PCollection named alike":
                var read = p.ParDo("a", impulse);
                p.ParDo("c", p.Flatten("flatten", "opaque", read, read));
                p.Components.Pcollections.Add("a.out@flatten#2", p.Components.Pcollections[p.ParDo("t", impulse)]);
                p.Components.Pcollections.Remove("t.out");
                p.Components.Transforms["t"].Outputs["out"] = "a.out@flatten#2";
                p.ParDo("u", "a.out@flatten#2");
                break;
            case "sdk capability":
                p.Components.Environments["js"].Capabilities.Add("beam:transform:custom_sdk:v1");
                p.Transform("custom", "beam:transform:custom_sdk:v1", "js", [("in", p.ParDo("a", impulse))], [("out", p.PCollection("custom.out", "opaque"))]);
                break;
            case "flatten of an impulse":
                p.ParDo("c", p.Flatten("flatten", "opaque", impulse, p.ParDo("a", impulse)));
                break;
            default:
                throw new ArgumentException("unknown shape " + shape, nameof(shape));
        }

        return p.Build();
    }
}
