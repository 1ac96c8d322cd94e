using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Applies the TestStream events of one job to its engine, one event each time the engine is quiescent
/// (<see cref="NextBundleKind.Stuck"/>: nothing in flight, nothing ready).
/// </summary>
/// <remarks>
/// Several TestStreams take turns in transform-id order (ordinal), one event each; a stream whose events are
/// exhausted takes its last turn by moving each of its outputs' watermarks to +inf (Prism's final event), then drops
/// out of the rotation. ProcessingTimeEvents advance the job's one <see cref="VirtualClock"/>, shared by all streams.
/// </remarks>
internal sealed class TestStreamDriver(JobEngine engine, FusedPipeline fused, VirtualClock clock, IReadOnlyList<TestStreamEvents> streams)
{
    private readonly List<TestStreamEvents> _active = [.. streams];
    private int _turn;

    /// <summary>The job's processing-time clock.</summary>
    public VirtualClock Clock => clock;

    /// <summary>
    /// Applies the next event of the stream whose turn it is. Returns false when every stream has ended (its
    /// watermarks at +inf): then nothing is left to inject.
    /// </summary>
    /// <exception cref="JobFailedException">An event streamed from a TestStreamService is invalid (unknown tag,
    /// watermark going back, element that does not decode), or the service failed.</exception>
    public async Task<bool> ApplyNextAsync(CancellationToken cancellationToken)
    {
        if (_active.Count == 0)
        {
            return false;
        }

        _turn %= _active.Count;
        var stream = _active[_turn];
        var index = stream.Taken;
        var next = await stream.NextAsync(cancellationToken).ConfigureAwait(false);
        if (next is null)
        {
            foreach (var output in stream.Plan.Outputs)
            {
                engine.AdvanceWatermark(output.Stage, BeamTime.MaxTimestampMillis);
            }

            _active.RemoveAt(_turn);
            return true;
        }

        Apply(stream, index, next);
        _turn++;
        return true;
    }

    private void Apply(TestStreamEvents stream, int index, TestStreamPayload.Types.Event e)
    {
        var plan = stream.Plan;
        string Where() => $"TestStream '{plan.TransformId}': event {index} from {stream.Source}";
        TestStreamOutput Output(string tag) => plan.OutputFor(tag)
            ?? throw new JobFailedException($"{Where()} names output tag '{tag}', which is not an output of the TestStream (outputs: {string.Join(", ", plan.Outputs.Select(static o => $"'{o.Tag}'"))})");

        switch (e.EventCase)
        {
            case TestStreamPayload.Types.Event.EventOneofCase.ElementEvent:
                var output = Output(e.ElementEvent.Tag);
                var coding = fused.CodingOf(output.PCollection);
                var elements = new List<Element>(e.ElementEvent.Elements.Count);
                foreach (var element in e.ElementEvent.Elements)
                {
                    if (element.Timestamp < BeamTime.MinTimestampMillis || element.Timestamp > BeamTime.MaxTimestampMillis)
                    {
                        throw new JobFailedException($"{Where()}: element {elements.Count} has timestamp {element.Timestamp} ms, outside Beam's range");
                    }

                    byte[] bytes;
                    try
                    {
                        bytes = plan.ToEngineBytes(element.EncodedElement, coding);
                    }
                    catch (CoderException x)
                    {
                        throw new JobFailedException($"{Where()}: element {elements.Count} does not decode with coder '{plan.Payload.CoderId}': {x.Message}", x);
                    }

                    var keyLength = coding.KeyCoder?.MeasureNested(bytes) ?? -1;
                    elements.Add(new Element(bytes, element.Timestamp, GlobalWindow.Instance, PaneInfo.NoFiring, keyLength));
                }

                engine.AddElements(output.Stage, elements);
                break;
            case TestStreamPayload.Types.Event.EventOneofCase.WatermarkEvent:
                var target = Output(e.WatermarkEvent.Tag);
                var watermark = BeamTime.Clamp(e.WatermarkEvent.NewWatermark);
                try
                {
                    engine.AdvanceWatermark(target.Stage, watermark);
                }
                catch (ArgumentOutOfRangeException x)
                {
                    throw new JobFailedException($"{Where()}: the watermark of tag '{target.Tag}' goes back from {BeamTime.Format(engine.OutputWatermark(target.Stage))} to {BeamTime.Format(watermark)}", x);
                }

                break;
            case TestStreamPayload.Types.Event.EventOneofCase.ProcessingTimeEvent:
                var advance = e.ProcessingTimeEvent.AdvanceDuration;
                if (advance < 0)
                {
                    throw new JobFailedException($"{Where()}: advance_duration {advance} ms is negative: processing time never goes back");
                }

                // The clock's timers (the engine's wake-up) fire inside Advance; the refresh makes sure every
                // processing-time trigger due at the new time has fired before the pipeline is driven on.
                clock.Advance(advance);
                engine.RefreshProcessingTime();
                break;
            default:
                throw new JobFailedException($"{Where()} has none of watermark_event, processing_time_event, element_event");
        }
    }
}
