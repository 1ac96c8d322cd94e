using BeamConformance.Engine;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Answers a stage's side-input state reads (iterable, multimap, multimap keys) from the engine's
/// side-input store; the window in the state key is decoded with the side input's window coder.
/// </summary>
internal sealed class SideInputStateSource(JobEngine engine, ExecutableStagePlan stage) : IBundleStateSource
{
    public IReadOnlyList<ReadOnlyMemory<byte>> Get(StateKey key)
    {
        switch (key.TypeCase)
        {
            case StateKey.TypeOneofCase.IterableSideInput:
            {
                var k = key.IterableSideInput;
                var side = Find(k.TransformId, k.SideInputId, multimap: false);
                return engine.GetIterableSideInput(side.PCollection, DecodeWindow(side, k.Window.Span));
            }

            case StateKey.TypeOneofCase.MultimapSideInput:
            {
                var k = key.MultimapSideInput;
                var side = Find(k.TransformId, k.SideInputId, multimap: true);
                return engine.GetMultimapSideInput(side.PCollection, DecodeWindow(side, k.Window.Span), k.Key.Memory);
            }

            case StateKey.TypeOneofCase.MultimapKeysSideInput:
            {
                var k = key.MultimapKeysSideInput;
                var side = Find(k.TransformId, k.SideInputId, multimap: true);
                return engine.GetMultimapKeysSideInput(side.PCollection, DecodeWindow(side, k.Window.Span));
            }

            default:
                throw new NotSupportedException($"state key {key.TypeCase} is not supported by this runner yet (stage '{stage.StageId}')");
        }
    }

    private StageSideInput Find(string transformId, string sideInputId, bool multimap)
    {
        var side = stage.SideInputs.FirstOrDefault(s => s.TransformId == transformId && s.LocalName == sideInputId)
            ?? throw new ArgumentException(
                $"transform '{transformId}' of stage '{stage.StageId}' has no side input '{sideInputId}' (known: {string.Join(", ", stage.SideInputs.Select(static s => s.TransformId + "/" + s.LocalName))})");
        if (multimap && !side.IsMultimap)
        {
            throw new ArgumentException($"side input '{sideInputId}' of transform '{transformId}' is {side.AccessPatternUrn}, not read as a multimap");
        }

        return side;
    }

    private static BoundedWindow DecodeWindow(StageSideInput side, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty && side.WindowCoder is GlobalWindowCoder)
        {
            return GlobalWindow.Instance;
        }

        try
        {
            return side.WindowCoder.DecodeFrom(bytes, nested: true) as BoundedWindow
                ?? throw new ArgumentException($"window bytes {Convert.ToHexString(bytes)} of side input '{side.LocalName}' of transform '{side.TransformId}' do not decode to a window with {side.WindowCoder.Urn}");
        }
        catch (CoderException e)
        {
            throw new ArgumentException($"window bytes {Convert.ToHexString(bytes)} of side input '{side.LocalName}' of transform '{side.TransformId}' do not decode with {side.WindowCoder.Urn}: {e.Message}", e);
        }
    }
}
