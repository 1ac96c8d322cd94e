using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>The transform URNs the harness meets inside descriptors (beam_runner_api.proto StandardPTransforms and ours).</summary>
internal static class TransformUrns
{
    public const string DataSource = Urns.Transforms.DataSource;
    public const string DataSink = Urns.Transforms.DataSink;
    public const string ParDo = Urns.Transforms.ParDo;
    public const string Flatten = Urns.Transforms.Flatten;
    public const string WindowInto = Urns.Transforms.AssignWindows;
    public const string CombinePerKey = Urns.Transforms.CombinePerKey;
    public const string CombineGlobally = Urns.Transforms.CombineGlobally;
    public const string CombinePerKeyPrecombine = Urns.Transforms.CombinePerKeyPrecombine;
    public const string CombinePerKeyMergeAccumulators = Urns.Transforms.CombinePerKeyMergeAccumulators;
    public const string CombinePerKeyExtractOutputs = Urns.Transforms.CombinePerKeyExtractOutputs;
    public const string CombineGroupedValues = Urns.Transforms.CombineGroupedValues;

    public const string Create = HarnessUrns.Create;
    public const string Map = HarnessUrns.Map;
    public const string FlatMap = HarnessUrns.FlatMap;
    public const string Filter = HarnessUrns.Filter;
    public const string KeyBy = HarnessUrns.KeyBy;
    public const string MultiOutput = HarnessUrns.MultiOutput;
    public const string ReadSideInputs = HarnessUrns.ReadSideInputs;
    public const string Capture = HarnessUrns.Capture;
    public const string FailOn = HarnessUrns.FailOn;
    public const string Stall = HarnessUrns.Stall;
    public const string InjectDefault = HarnessUrns.InjectDefault;

    public const string GlobalWindows = Urns.WindowFns.GlobalWindows;
    public const string FixedWindows = Urns.WindowFns.FixedWindows;
    public const string SlidingWindows = Urns.WindowFns.SlidingWindows;
    public const string SessionWindows = Urns.WindowFns.SessionWindows;

    public const string IterableSideInput = Urns.SideInputs.Iterable;
    public const string MultimapSideInput = Urns.SideInputs.Multimap;
}
