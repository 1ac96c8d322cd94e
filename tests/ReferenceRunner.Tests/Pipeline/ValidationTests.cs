using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("chain")]
    [InlineData("gbk")]
    [InlineData("flatten")]
    [InlineData("side input")]
    [InlineData("multiple outputs")]
    [InlineData("combine lifted")]
    [InlineData("combine not lifted")]
    [InlineData("two environments")]
    [InlineData("reshuffle")]
    [InlineData("flatten of different coders")]
    [InlineData("flatten with itself")]
    [InlineData("flatten of an impulse")]
    [InlineData("sdk capability")]
    public void Supported_shapes_have_no_problem(string shape) =>
        Assert.Empty(PipelineValidator.Validate(FusionTests.Build(shape)));

    public static TheoryData<string, string> SingleProblems => new()
    {
        // A leaf transform URN the runner neither runs nor knows an SDK runs.
        { "unknown urn", "x|transform URN|beam:transform:read:v1" },
        // A URN the environment lists as a capability, but one only the runner could run (Read).
        { "runner-only capability", "x|transform URN|beam:transform:read:v1" },
        // An unknown requirement.
        { "unknown requirement", "pipeline|requirement|beam:requirement:pardo:made_up:v1" },
        // A requirement the runner knows but does not meet yet.
        // Time-sorted input on a ParDo without state or timers (only a stateful DoFn can observe the order).
        { "time-sorted stateless", "a|time-sorted input|requires_time_sorted_input" },
        // User state in a ParDo whose input is not a KV (no key to keep state under).
        { "state on non-kv", "a|coder|beam:coder:bytes:v1" },
        // User state over merging windows (sessions): Java's StatefulDoFnRunner refuses them.
        { "state on merging windows", "b|windowing|beam:window_fn:session_windows:v1" },
        // User state over a State API protocol the runner does not serve.
        { "unknown state protocol", "b|state spec|beam:user_state:made_up:v1" },
        // A state spec that declares no kind.
        { "empty state spec", "b|state spec|s" },
        // A state spec naming a coder that does not exist.
        { "state coder missing", "b|dangling reference|ghost" },
        // A user timer family in an unspecified time domain (its coder is right).
        { "timer", "b|timer time domain|Unspecified" },
        // A splittable DoFn whose restriction coder does not exist.
        { "splittable", "a|splittable DoFn|ghost" },
        // A trigger kind the runner's proto does not define (field 99 of the Trigger oneof) at a GroupByKey.
        { "trigger", "late|trigger|trigger" },
        // A window fn that is not a standard one.
        { "custom window fn", "custom|window fn|beam:window_fn:custom:v1" },
        // A window coder the runner cannot decode.
        { "custom window coder", "custom|window coder|beam:coder:custom_window:v1" },
        // Session windows coded as global windows: the engine would be handed global windows to merge.
        { "sessions coded as global windows", "sessions|window coder|beam:coder:global_window:v1" },
        // A DOCKER environment.
        { "docker", "js|environment|beam:env:docker:v1" },
        // A PCollection coder without a spec URN (the runner cannot frame, nor even length-prefix, what it does not know).
        { "coder without spec", "a.out|coder|nospec" },
        // An SDK transform naming an environment that does not exist.
        { "missing environment", "a|environment|nowhere" },
        // An input that names no PCollection.
        { "dangling pcollection", "a|dangling reference|ghost" },
        // A root that names no transform.
        { "dangling transform", "ghost|dangling reference|ghost" },
        // Two transforms reading each other's outputs.
        { "cycle", "a|cycle|a, b" },
        // A runner-side transform whose id is the empty string (it would be an engine stage without a name).
        { "empty transform id", "pipeline|empty id|transform" },
        // A transform output whose PCollection id is the empty string.
        { "empty pcollection id", "a|empty id|output 'out'" },
        // A GroupByKey whose input is not a KV.
        { "gbk of non-kv", "gbk|coder|beam:coder:genericobjectjs:v1" },
        // An Impulse whose output is declared KV, read by a GroupByKey: its empty byte array has no key (the GroupByKey
        // would get an element it cannot group); Beam's Impulse output is bytes.
        { "impulse of kv", "impulse|coder|beam:coder:kv:v1" },
        // A multimap side input of a non-KV PCollection.
        { "multimap of non-kv", "c|coder|beam:coder:genericobjectjs:v1" },
        // An unknown side input access pattern.
        { "access pattern", "c|side input access pattern|beam:side_input:made_up:v1" },
    };

    [Theory]
    [MemberData(nameof(SingleProblems))]
    public void Each_unsupported_feature_is_reported_with_id_feature_and_value(string case_, string expected)
    {
        var problems = PipelineValidator.Validate(Broken(case_));

        Assert.Equal([expected], problems.Select(static p => $"{p.Id}|{p.Feature}|{p.Value}"));
        Assert.Throws<PipelineTranslationException>(() => PipelineFuser.Fuse(Broken(case_)));
    }

    [Fact]
    public void A_GroupByKey_under_a_composed_trigger_is_accepted_and_planned_with_it()
    {
        var p = new TestPipeline();
        p.Windowing("triggered", "beam:window_fn:global_windows:v1", "gw", MergeStatus.Types.Enum.NonMerging);
        p.Components.WindowingStrategies["triggered"].Trigger = new Trigger
        {
            AfterEndOfWindow = new() { EarlyFirings = new Trigger { ElementCount = new() { ElementCount_ = 2 } }, LateFirings = new Trigger { Never = new() } },
        };
        p.GroupByKey("gbk", p.ParDo("a", p.Impulse("impulse"), "kv_opaque", "triggered"));
        var pipeline = p.Build();

        Assert.Empty(PipelineValidator.Validate(pipeline));
        var gbk = Assert.Single(PipelineFuser.Fuse(pipeline).RunnerTransforms, static r => r.WindowingStrategy is not null);
        Assert.Equal("AfterWatermark(early=ElementCount(2), late=Never)", gbk.WindowingStrategy!.Trigger.ToString());
    }

    [Fact]
    public void Every_problem_is_listed_in_one_message()
    {
        var p = new TestPipeline();
        var a = p.ParDo("a", p.Impulse("impulse"));
        p.Transform("x", "beam:transform:read:v1", "js", [], [("out", p.PCollection("x.out", "bytes"))]);
        p.Components.Environments["js"].Urn = "beam:env:docker:v1";
        p.ParDo("b", a, environment: "nowhere");
        var pipeline = p.Build();
        pipeline.Requirements.Add("beam:requirement:pardo:made_up:v1");

        var problems = PipelineValidator.Validate(pipeline);

        Assert.Equal(
            """
            pipeline not supported by the ReferenceRunner (4 problems):
            - x: transform URN 'beam:transform:read:v1': unknown or unsupported leaf transform
            - pipeline: requirement 'beam:requirement:pardo:made_up:v1': the runner does not meet this requirement
            - b: environment 'nowhere': environment 'nowhere' does not exist
            - js: environment 'beam:env:docker:v1': DOCKER environments are not supported yet; use EXTERNAL (the SDK's LOOPBACK mode) or PROCESS
            """.ReplaceLineEndings("\n"),
            PipelineValidator.Format(problems));
        var thrown = Assert.Throws<PipelineTranslationException>(() => PipelineFuser.Fuse(pipeline));
        Assert.Equal(problems, thrown.Problems);
    }

    /// <summary>Issue 16's bad input: state on a non-KV input and an unknown state protocol are listed together, each with its transform.</summary>
    [Fact]
    public void State_problems_of_several_transforms_are_listed_together()
    {
        var p = new TestPipeline();
        var impulse = p.Impulse("impulse");
        p.ParDo("a", impulse);
        WithPayload(p, "a", payload => payload.StateSpecs["count"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = "varint" } });
        p.ParDo("b", p.ParDo("k", impulse, "kv_str_varint"));
        WithPayload(p, "b", payload => payload.StateSpecs["s"] = new StateSpec
        {
            BagSpec = new BagStateSpec { ElementCoderId = "varint" },
            Protocol = new FunctionSpec { Urn = "beam:user_state:made_up:v1" },
        });

        var thrown = Assert.Throws<PipelineTranslationException>(() => PipelineFuser.Fuse(p.Build()));

        Assert.Equal(["a|coder|beam:coder:bytes:v1", "b|state spec|beam:user_state:made_up:v1"], thrown.Problems.Select(static x => $"{x.Id}|{x.Feature}|{x.Value}").Order(StringComparer.Ordinal));
    }

    private static Org.Apache.Beam.Model.Pipeline.V1.Pipeline Broken(string case_)
    {
        var p = new TestPipeline();
        var impulse = p.Impulse("impulse");
        var requirements = new List<string>();
        switch (case_)
        {
            case "unknown urn":
                p.Transform("x", "beam:transform:read:v1", "js", [], [("out", p.PCollection("x.out", "bytes"))]);
                break;
            case "runner-only capability":
                p.Components.Environments["js"].Capabilities.Add("beam:transform:read:v1");
                p.Transform("x", "beam:transform:read:v1", "js", [], [("out", p.PCollection("x.out", "bytes"))]);
                break;
            case "unknown requirement":
                requirements.Add("beam:requirement:pardo:made_up:v1");
                break;
            case "time-sorted stateless":
                requirements.Add("beam:requirement:pardo:time_sorted_input:v1");
                p.ParDo("a", impulse);
                WithPayload(p, "a", payload => payload.RequiresTimeSortedInput = true);
                break;
            case "state on non-kv":
                p.ParDo("a", impulse);
                WithPayload(p, "a", payload => payload.StateSpecs["count"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = "varint" } });
                break;
            case "state on merging windows":
                p.ParDo("b", p.ParDo("a", impulse, "kv_str_varint", "sessions"));
                WithPayload(p, "b", payload => payload.StateSpecs["s"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = "varint" } });
                break;
            case "unknown state protocol":
                p.ParDo("b", p.ParDo("a", impulse, "kv_str_varint"));
                WithPayload(p, "b", payload => payload.StateSpecs["s"] = new StateSpec
                {
                    BagSpec = new BagStateSpec { ElementCoderId = "varint" },
                    Protocol = new FunctionSpec { Urn = "beam:user_state:made_up:v1" },
                });
                break;
            case "empty state spec":
                p.ParDo("b", p.ParDo("a", impulse, "kv_str_varint"));
                WithPayload(p, "b", payload => payload.StateSpecs["s"] = new StateSpec());
                break;
            case "state coder missing":
                p.ParDo("b", p.ParDo("a", impulse, "kv_str_varint"));
                WithPayload(p, "b", payload => payload.StateSpecs["s"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = "ghost" } });
                break;
            case "timer":
                p.Coder("timer", "beam:coder:timer:v1", "str", "gw");
                p.ParDo("b", p.ParDo("a", impulse, "kv_str_varint"));
                WithPayload(p, "b", payload => payload.TimerFamilySpecs["t1"] = new TimerFamilySpec { TimeDomain = TimeDomain.Types.Enum.Unspecified, TimerFamilyCoderId = "timer" });
                break;
            case "splittable":
                p.ParDo("a", impulse);
                WithPayload(p, "a", payload => payload.RestrictionCoderId = "ghost");
                break;
            case "trigger":
                p.Windowing("late", "beam:window_fn:global_windows:v1", "gw", MergeStatus.Types.Enum.NonMerging);
                p.Components.WindowingStrategies["late"].Trigger = Trigger.Parser.ParseFrom([0x9a, 0x06, 0x00]);
                p.GroupByKey("gbk", p.ParDo("a", impulse, "kv_opaque", "late"));
                break;
            case "custom window fn":
                p.Windowing("custom", "beam:window_fn:custom:v1", "iw", MergeStatus.Types.Enum.NonMerging);
                p.GroupByKey("gbk", p.ParDo("a", impulse, "kv_opaque", "custom"));
                break;
            case "custom window coder":
                p.Coder("cw", "beam:coder:custom_window:v1", "bytes");
                p.Windowing("custom", "beam:window_fn:global_windows:v1", "cw", MergeStatus.Types.Enum.NonMerging);
                p.ParDo("a", impulse, "opaque", "custom");
                break;
            case "docker":
                p.Components.Environments["js"].Urn = "beam:env:docker:v1";
                p.ParDo("a", impulse);
                break;
            case "coder without spec":
                p.Components.Coders["nospec"] = new Coder();
                p.ParDo("a", impulse, "nospec");
                break;
            case "missing environment":
                p.ParDo("a", impulse, environment: "nowhere");
                break;
            case "dangling pcollection":
                p.ParDo("a", impulse);
                p.Components.Transforms["a"].Inputs["in"] = "ghost";
                break;
            case "sessions coded as global windows":
                p.ParDo("b", p.GroupByKey("gbk", p.ParDo("a", impulse, "kv_opaque", "sessions")));
                p.Components.WindowingStrategies["sessions"].WindowCoderId = "gw";
                break;
            case "empty transform id":
                p.GroupByKey("", p.ParDo("a", impulse, "kv_opaque"));
                p.ParDo("b", ".out");
                break;
            case "empty pcollection id":
                p.ParDo("a", impulse);
                p.Components.Pcollections.Add("", p.Components.Pcollections["a.out"]);
                p.Components.Pcollections.Remove("a.out");
                p.Components.Transforms["a"].Outputs["out"] = "";
                break;
            case "dangling transform":
                var broken = p.Build();
                broken.RootTransformIds.Add("ghost");
                return broken;
            case "cycle":
                p.PCollection("b.out", "opaque");
                p.ParDo("a", "b.out");
                p.Transform("b", "beam:transform:pardo:v1", "js", [("in", "a.out")], [("out", "b.out")], new ParDoPayload().ToByteString());
                break;
            case "impulse of kv":
                p.Components.Pcollections[impulse].CoderId = "kv_opaque";
                p.GroupByKey("gbk", impulse);
                break;
            case "gbk of non-kv":
                p.GroupByKey("gbk", p.ParDo("a", impulse, "kv_opaque"));
                p.Components.Pcollections["a.out"].CoderId = "opaque";
                break;
            case "multimap of non-kv":
                p.ParDo("c", p.ParDo("a", impulse), sides: [("side0", p.ParDo("s", impulse), "beam:side_input:multimap:v1")]);
                break;
            case "access pattern":
                p.ParDo("c", p.ParDo("a", impulse), sides: [("side0", p.ParDo("s", impulse), "beam:side_input:made_up:v1")]);
                break;
            default:
                throw new ArgumentException("unknown case " + case_, nameof(case_));
        }

        var pipeline = p.Build();
        pipeline.Requirements.AddRange(requirements);
        return pipeline;
    }

    internal static void WithPayload(TestPipeline p, string transformId, Action<ParDoPayload> change)
    {
        var transform = p.Components.Transforms[transformId];
        var payload = ParDoPayload.Parser.ParseFrom(transform.Spec.Payload);
        change(payload);
        transform.Spec.Payload = payload.ToByteString();
    }
}
