using BeamConformance.Model.Coders;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// How the elements of one PCollection the runner reads or writes travel on the Fn API data plane
/// (and sit in the engine): a <c>beam:coder:windowed_value:v1</c> coder whose element and window
/// components the runner can measure. Coders the runner does not know are wrapped in
/// <c>beam:coder:length_prefix:v1</c>, both in the descriptors and in these Model coders (where they
/// decode to the opaque encoded bytes).
/// </summary>
/// <remarks>
/// An engine <c>Element</c>'s bytes are the element's <b>nested</b> encoding by <see cref="ElementCoder"/>;
/// the data plane carries <c>WindowedValueCoder</c>-encoded values (timestamp, windows, pane, then the element).
/// </remarks>
public sealed class WireCoding
{
    internal WireCoding(string coderId, WindowedValueCoder windowedValueCoder, Coder? keyCoder)
    {
        CoderId = coderId;
        WindowedValueCoder = windowedValueCoder;
        KeyCoder = keyCoder;
    }

    /// <summary>The id, in every <c>ProcessBundleDescriptor.coders</c> built by the plan, of the windowed value coder (the <c>RemoteGrpcPort.coder_id</c> of the data ports).</summary>
    public string CoderId { get; }

    /// <summary>The windowed value coder: components <see cref="ElementCoder"/> and <see cref="WindowCoder"/>.</summary>
    public WindowedValueCoder WindowedValueCoder { get; }

    /// <summary>The element coder (length-prefixed where the runner does not know a coder).</summary>
    public Coder ElementCoder => WindowedValueCoder.ValueCoder;

    /// <summary>The window coder (<c>beam:coder:global_window:v1</c> or <c>beam:coder:interval_window:v1</c> for supported window fns).</summary>
    public Coder WindowCoder => WindowedValueCoder.WindowCoder;

    /// <summary>
    /// For keyed PCollections (the element coder is <c>beam:coder:kv:v1</c>): the key coder, whose
    /// <see cref="Coder.MeasureNested"/> gives the engine's <c>Element.KeyLength</c>; null otherwise.
    /// </summary>
    public Coder? KeyCoder { get; }

    /// <summary>For keyed PCollections the value coder (second KV component); null otherwise.</summary>
    public Coder? ValueCoder => KeyCoder is null ? null : ElementCoder.Components[1];

    /// <summary>True when the element coder is a KV (a GroupByKey input, a multimap side input).</summary>
    public bool IsKeyed => KeyCoder is not null;

    /// <inheritdoc />
    public override string ToString() => $"{CoderId}: {WindowedValueCoder}";
}
