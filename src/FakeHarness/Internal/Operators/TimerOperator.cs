using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// The <c>timers</c> test DoFn (testdata/README.md, "Timers"): reads <c>KV&lt;K, V&gt;</c>, runs its <c>on_element</c>
/// commands per element and window, and after the bundle's data its <c>on_timer</c> commands for every timer the
/// runner fires (in the order they arrive, family by family), then sends the timers it set or cleared on each timer
/// endpoint, ending each with <c>is_last</c>. State: bag <c>buffer</c> (V) and bag <c>fired</c> (varint, loop counts).
/// Outputs of a timer carry its window, its output (hold) timestamp and no-firing pane. Every timer both ways is recorded.
/// </summary>
internal sealed class TimerOperator : Operator
{
    private readonly KvCoder _input;
    private readonly Coder _windowCoder;
    private readonly IReadOnlyDictionary<string, (TimerCoder Coder, bool EventTime)> _families;
    private readonly IReadOnlyList<TimerCommand> _onElement;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TimerCommand>> _onTimer;
    private readonly Dictionary<string, List<TimerValue>> _set = new(StringComparer.Ordinal);
    private readonly List<byte> _faultyTimerBytes = [];

    public TimerOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, KvCoder input, Coder windowCoder,
        IReadOnlyDictionary<string, (TimerCoder Coder, bool EventTime)> families, IReadOnlyList<TimerCommand> onElement, IReadOnlyDictionary<string, IReadOnlyList<TimerCommand>> onTimer)
        : base(node, context, outputs)
    {
        _input = input;
        _windowCoder = windowCoder;
        _families = families;
        _onElement = onElement;
        _onTimer = onTimer;
        foreach (var family in families.Keys)
        {
            _set[family] = [];
        }
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (element.Value is not KV kv)
        {
            throw new HarnessException($"transform '{Name}' needs KV elements, got {Functions.JsonValues.Format(element.Value)}", Name);
        }

        foreach (var window in element.Windows)
        {
            var scope = new Scope(kv.Key, window, element.TimestampMillis, element.TimestampMillis, element with { Windows = [window] }, kv.Value, null);
            await RunAsync(_onElement, scope).ConfigureAwait(false);
        }
    }

    public override async ValueTask FinishAsync()
    {
        var url = Context.Plan.Descriptor.TimerApiServiceDescriptor?.Url;
        if (string.IsNullOrEmpty(url))
        {
            throw new HarnessException($"descriptor '{Context.Plan.Descriptor.Id}' has timer families but no timer_api_service_descriptor", Name);
        }

        var channel = Context.Session.GetDataChannel(url);
        foreach (var (family, (coder, _)) in _families.OrderBy(static f => f.Key, StringComparer.Ordinal))
        {
            var inbox = channel.TimerInbox(Context.InstructionId, Node.Id, family);
            var bytes = new List<byte>();
            while (await inbox.WaitToReadAsync(Context.CancellationToken).ConfigureAwait(false))
            {
                while (inbox.TryRead(out var timers))
                {
                    bytes.AddRange(timers.Timers_.Span);
                }
            }

            foreach (var timer in Decode(coder, family, bytes.ToArray()))
            {
                await FireAsync(family, timer).ConfigureAwait(false);
            }
        }

        foreach (var (family, (coder, _)) in _families.OrderBy(static f => f.Key, StringComparer.Ordinal))
        {
            var encoded = new List<byte>();
            foreach (var timer in _set[family])
            {
                var one = coder.EncodeToArray(timer, nested: true);
                Context.Recorder.AddTimer(Context.RunId, new RecordedTimer(false, Node.Id, family, one, Context.InstructionId));
                encoded.AddRange(one);
            }

            if (family == "event")
            {
                encoded.AddRange(_faultyTimerBytes);
            }

            var message = new Elements();
            if (encoded.Count > 0)
            {
                message.Timers.Add(new Elements.Types.Timers { InstructionId = Context.InstructionId, TransformId = Node.Id, TimerFamilyId = family, Timers_ = ByteString.CopyFrom([.. encoded]) });
            }

            message.Timers.Add(new Elements.Types.Timers { InstructionId = Context.InstructionId, TransformId = Node.Id, TimerFamilyId = family, IsLast = true });
            await channel.SendAsync(message, Context.CancellationToken).ConfigureAwait(false);
        }
    }

    private List<TimerValue> Decode(TimerCoder coder, string family, byte[] bytes)
    {
        var timers = new List<TimerValue>();
        var offset = 0;
        try
        {
            while (offset < bytes.Length)
            {
                var length = coder.MeasureNested(bytes.AsSpan(offset));
                var one = bytes.AsSpan(offset, length).ToArray();
                Context.Recorder.AddTimer(Context.RunId, new RecordedTimer(true, Node.Id, family, one, Context.InstructionId));
                timers.Add((TimerValue)coder.DecodeFrom(one, nested: true)!);
                offset += length;
            }
        }
        catch (CoderException e)
        {
            throw new HarnessException($"transform '{Name}' timer family '{family}': the runner's timers {Convert.ToHexString(bytes)} do not decode with {coder.Urn} at offset {offset}: {e.Message}", Name, e);
        }

        return timers;
    }

    private async Task FireAsync(string family, TimerValue timer)
    {
        if (timer.ClearBit)
        {
            throw new HarnessException($"transform '{Name}' timer family '{family}': the runner fired a cleared timer (clear bit set)", Name);
        }

        foreach (var window in timer.Windows)
        {
            var output = new WindowedValue<object?>(null, timer.HoldTimestampMillis, [window], PaneInfo.NoFiring);
            var scope = new Scope(timer.UserKey, window, timer.FireTimestampMillis, timer.HoldTimestampMillis, output, null, (family, timer));
            await RunAsync(_onTimer.TryGetValue(family, out var commands) ? commands : [], scope).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(IReadOnlyList<TimerCommand> commands, Scope scope)
    {
        var keyBytes = ByteString.CopyFrom(_input.KeyCoder.EncodeToArray(scope.Key, nested: true));
        var windowBytes = ByteString.CopyFrom(_windowCoder.EncodeToArray(scope.Window, nested: true));
        StateKey Bag(string id) => new() { BagUserState = new() { TransformId = Node.Id, UserStateId = id, Key = keyBytes, Window = windowBytes } };
        foreach (var command in commands)
        {
            if (command.When is { } when && when != (scope.Fired is { } f ? f.Timer.DynamicTimerTag : Functions.JsonValues.Format(scope.Value).Trim('"')))
            {
                continue;
            }

            switch (command.Verb)
            {
                case "buffer":
                    await Context.WriteStateAsync(Bag("buffer"), _input.ValueCoder.EncodeToArray(scope.Value, nested: true)).ConfigureAwait(false);
                    break;
                case "buffer_fired":
                    await Context.WriteStateAsync(Bag("buffer"), _input.ValueCoder.EncodeToArray(Describe(scope), nested: true)).ConfigureAwait(false);
                    break;
                case "emit":
                    await EmitAsync(scope, scope.Value).ConfigureAwait(false);
                    break;
                case "emit_buffer":
                    var values = BundleContext.DecodeAll(await Context.ReadStateAsync(Bag("buffer"), null).ConfigureAwait(false), _input.ValueCoder, $"transform '{Name}' buffer");
                    await EmitAsync(scope, values).ConfigureAwait(false);
                    break;
                case "clear_buffer":
                    await Context.WriteStateAsync(Bag("buffer"), null).ConfigureAwait(false);
                    break;
                case "emit_fired":
                    await EmitAsync(scope, Describe(scope)).ConfigureAwait(false);
                    break;
                case "loop":
                    var (loopFamily, fired) = scope.Fired ?? throw new HarnessException($"transform '{Name}': loop outside on_timer", Name);
                    var count = BundleContext.DecodeAll(await Context.ReadStateAsync(Bag("fired"), null).ConfigureAwait(false), VarIntCoder.Instance, $"transform '{Name}' fired").Length + 1;
                    await Context.WriteStateAsync(Bag("fired"), VarIntCoder.Instance.EncodeToArray(1L, nested: true)).ConfigureAwait(false);
                    if (count < command.Count)
                    {
                        Set(loopFamily, scope, fired.DynamicTimerTag, fired.FireTimestampMillis + command.Step, null);
                    }

                    break;
                case "set":
                    var at = TimerCommand.Resolve(command.Time!, scope.Window.MaxTimestampMillis, scope.BaseMillis, $"transform '{Name}'");
                    Set(command.Family, scope, command.Tag, at, command.Hold is { } hold ? TimerCommand.Resolve(hold, scope.Window.MaxTimestampMillis, scope.BaseMillis, $"transform '{Name}'") : null);
                    break;
                case "fault" when command.Fault == "timer_foreign_key":
                    // A timer for a key no element or fired timer of the bundle has (the input's keys must be strings).
                    Set("event", scope with { Key = "~foreign" }, "", scope.Window.MaxTimestampMillis, null);
                    break;
                case "fault" when command.Fault == "timer_bad_bytes":
                    // A key length of 5 with nothing after it: no timer of any coder.
                    _faultyTimerBytes.Add(0x05);
                    break;
                case "fault":
                    await Faults.FaultyStateRequests.SendAsync(Context, command.Fault!, Faults.FaultSite.Of(Node, keyBytes, windowBytes)).ConfigureAwait(false);
                    throw new HarnessException($"fault '{command.Fault}': the runner accepted the faulty state request", Node.Id);
                default: // clear
                    Family(command.Family);
                    _set[command.Family].Add(TimerValue.Cleared(scope.Key, command.Tag, [scope.Window]));
                    break;
            }
        }
    }

    // Default output timestamp: the fire timestamp for event time (Java's default), the element's (or firing timer's output) timestamp for processing time.
    private void Set(string family, Scope scope, string tag, long fire, long? hold) =>
        _set[family].Add(new TimerValue(scope.Key, tag, [scope.Window], false, fire, hold ?? (Family(family).EventTime ? fire : scope.OutputMillis), PaneInfo.NoFiring));

    private (TimerCoder Coder, bool EventTime) Family(string family) =>
        _families.TryGetValue(family, out var f) ? f : throw new HarnessException($"transform '{Name}': no timer family '{family}' (declared: {string.Join(", ", _families.Keys)})", Name);

    // "family@fire" or "family/tag@fire" of the firing timer.
    private string Describe(Scope scope)
    {
        var (family, timer) = scope.Fired ?? throw new HarnessException($"transform '{Name}': emit_fired and buffer_fired are on_timer commands", Name);
        return $"{family}{(timer.DynamicTimerTag.Length == 0 ? "" : "/" + timer.DynamicTimerTag)}@{timer.FireTimestampMillis.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private async Task EmitAsync(Scope scope, object? value)
    {
        if (Single is { } output)
        {
            await EmitShapedAsync(output, scope.Output, new KV(scope.Key, value)).ConfigureAwait(false);
        }
    }

    /// <summary>What commands run against: the key and window, the base time of TIME expressions, the output timestamp, the element (or timer output) to stamp emits with.</summary>
    private sealed record Scope(object? Key, BoundedWindow Window, long BaseMillis, long OutputMillis, WindowedValue<object?> Output, object? Value, (string Family, TimerValue Timer)? Fired);
}
