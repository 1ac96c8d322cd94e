using BeamConformance.FakeHarness.Internal.Sdf;
using BeamConformance.FakeHarness.Internal.Splits;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:transform:sdf_process_sized_element_and_restrictions:v1</c> of the test SDF: for each
/// <c>KV(KV(element, KV(KV(from, to), state)), size)</c> it claims the offsets of the range in order through an
/// <see cref="OffsetRangeTracker"/> and emits the SDF's value for each. It splits the element it is processing when the
/// runner asks (<see cref="IElementSplitter"/>): the primary root keeps <c>[from, split)</c>, the residual root gets
/// <c>[split, to)</c>, both encoded with the input PCollection's windowed value coder in the element's window, timestamp
/// and pane; the residual's restriction carries the watermark estimator's state and its <c>output_watermarks</c> that
/// watermark for every output (<see cref="OffsetRangeSdf.Watermark"/>). When the SDF reads a
/// side input (<see cref="OffsetRangeSdf.SideInput"/>) each element, which must be in one window (PairWithRestriction
/// explodes the windows then), reads it in that window's mapped side window once per bundle (a residual resumed in a
/// later bundle reads it again, in its own window).
/// </summary>
internal sealed class ProcessSizedElementOperator : Operator, IElementSplitter
{
    private readonly OffsetRangeSdf _sdf;
    private readonly WindowedValueCoder _inputCoder;
    private readonly string _inputLocalName;
    private readonly SideInputSpec? _side;
    private readonly SideInputReader _reader;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private Current? _current;
    private bool _awaited;
    private int _answers;

    public ProcessSizedElementOperator(
        TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, OffsetRangeSdf sdf, WindowedValueCoder inputCoder, string inputLocalName, SideInputSpec? side)
        : base(node, context, outputs)
    {
        _sdf = sdf;
        _inputCoder = inputCoder;
        _inputLocalName = inputLocalName;
        _side = side;
        _reader = new SideInputReader(context, node.Id, Name);
        if (!sdf.AwaitSplit)
        {
            _ready.TrySetResult();
        }
    }

    /// <inheritdoc />
    public double? CurrentProgress()
    {
        lock (_lock)
        {
            return _current?.Tracker.FractionCompleted();
        }
    }

    /// <inheritdoc />
    public (double Completed, double Remaining)? CurrentWork()
    {
        lock (_lock)
        {
            return _current?.Tracker.Progress();
        }
    }

    /// <inheritdoc />
    public ElementSplit? TrySplit(double fractionOfRemainder)
    {
        lock (_lock)
        {
            if (_current is not { } current || current.Tracker.TrySplit(fractionOfRemainder) is not { } split)
            {
                return null;
            }

            var primary = Application(current, split.Primary);
            var residual = Residual(current, split.Residual);
            return new ElementSplit(primary, residual, split.Primary, split.Residual);
        }
    }

    /// <inheritdoc />
    public Task ReadyForSplitAsync() => _ready.Task;

    /// <inheritdoc />
    public void SplitAnswered(bool split)
    {
        if (Interlocked.Increment(ref _answers) >= _sdf.AwaitSplits || !split)
        {
            _answered.TrySetResult();
        }
    }

    public override ValueTask FinishAsync()
    {
        _ready.TrySetResult();
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (element.Value is not KV { Key: KV { Key: var value, Value: var restriction } })
        {
            throw new HarnessException($"transform '{Name}': expected KV(KV(element, restriction), size), got {Functions.JsonValues.Format(element.Value)}", Name);
        }

        var (from, to, state) = OffsetRangeSdf.Parts(restriction);
        var seen = await ReadSideInputAsync(element, value).ConfigureAwait(false);
        var tracker = new OffsetRangeTracker(from, to);
        var current = new Current(element, value, tracker) { State = state };
        lock (_lock)
        {
            _current = current;
        }

        Context.RecordRestrictionStarted(from, to);
        var emitted = 0L;
        try
        {
            for (var offset = from; tracker.TryClaim(offset); offset++)
            {
                if (_sdf.AwaitSplit && !_awaited)
                {
                    // The first claim of the bundle: a split asked now sees the same state on every run.
                    _awaited = true;
                    _ready.TrySetResult();
                    await WaitForSplitAsync().ConfigureAwait(false);
                }

                await EmitAsync(element, value, offset, seen).ConfigureAwait(false);
                lock (_lock)
                {
                    current.State = _sdf.AdvanceWatermark(current.State, element.TimestampMillis, offset);
                }

                if (_sdf.Checkpoint is { } checkpoint && ++emitted == checkpoint.After)
                {
                    Checkpoint(checkpoint.DelayMillis);
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _current = null;
            }
        }
    }

    // Self-checkpoint: split the rest off at fraction 0 (the claimed offsets stay) and defer it, resuming after the delay;
    // the loop then ends, as the tracker's range now stops after the last claimed offset.
    private void Checkpoint(long delayMillis)
    {
        lock (_lock)
        {
            if (_current is not { } current || current.Tracker.TrySplit(0) is not { } split)
            {
                return;
            }

            var residual = Residual(current, split.Residual);
            residual.RequestedTimeDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMilliseconds(delayMillis));
            Context.AddCheckpoint(residual, split.Residual.From, split.Residual.To);
        }
    }

    private async Task WaitForSplitAsync()
    {
        try
        {
            await _answered.Task.WaitAsync(OffsetRangeSdf.AwaitSplitTimeout, Context.CancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // No split was asked: go on.
        }
    }

    // The side input's view in the element's window (mapped), or null when the SDF reads none.
    private async Task<object?> ReadSideInputAsync(WindowedValue<object?> element, object? value)
    {
        if (_side is not { } side)
        {
            return null;
        }

        var where = $"transform '{Name}' side input '{side.Name}'";
        if (element.Windows is not [var window])
        {
            throw new HarnessException($"{where}: a sized element reading a side input must be in exactly one window, it is in {element.Windows.Count}", Name);
        }

        return await _reader.ReadAsync(side, side.WindowFn.MapSideWindow(window, where), value, where).ConfigureAwait(false);
    }

    private async ValueTask EmitAsync(WindowedValue<object?> element, object? value, long offset, object? seen)
    {
        if (Single is not { } output)
        {
            return;
        }

        var timestamp = _sdf.TimestampPerOffsetMillis is { } step ? element.TimestampMillis + (step * offset) : element.TimestampMillis;
        await output.EmitAsync(element with { Value = output.Shape(_side is null ? _sdf.Emit(value, offset) : _sdf.Emit(value, offset, seen), Name), TimestampMillis = timestamp }).ConfigureAwait(false);
    }

    // The residual root of range: the restriction with the estimator's state now, its watermark for every output.
    private DelayedBundleApplication Residual(Current current, (long From, long To) range)
    {
        var residual = Application(current, range);
        foreach (var output in Node.Transform.Outputs.Keys.Order(StringComparer.Ordinal))
        {
            residual.OutputWatermarks[output] = ProtoTime(current.State);
        }

        return new DelayedBundleApplication { Application = residual };
    }

    private BundleApplication Application(Current current, (long From, long To) range)
    {
        var sized = new KV(new KV(current.Value, OffsetRangeSdf.Restriction(range.From, range.To, current.State)), (double)(range.To - range.From));
        return new BundleApplication
        {
            TransformId = Node.Id,
            InputId = _inputLocalName,
            Element = ByteString.CopyFrom(_inputCoder.EncodeToArray(current.Element with { Value = sized })),
        };
    }

    // A millisecond instant as a google.protobuf.Timestamp (floored to the second, as Beam converts Instants).
    private static Google.Protobuf.WellKnownTypes.Timestamp ProtoTime(long millis) => new()
    {
        Seconds = Math.DivRem(millis, 1000L) is var (q, r) && r < 0 ? q - 1 : q,
        Nanos = (int)(((millis % 1000) + 1000) % 1000) * 1_000_000,
    };

    // The element in process; State is the watermark estimator's (ms), advanced under _lock as offsets are output.
    private sealed class Current(WindowedValue<object?> element, object? value, OffsetRangeTracker tracker)
    {
        public WindowedValue<object?> Element { get; } = element;

        public object? Value { get; } = value;

        public OffsetRangeTracker Tracker { get; } = tracker;

        public long State { get; set; }
    }
}
