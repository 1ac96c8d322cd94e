using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Tests.Coders;

public sealed class ImpulseEncodingTests
{
    [Fact]
    public void Impulse_element_encodes_to_the_models_exact_bytes()
    {
        // Impulse: empty bytes, global window, minimum timestamp, no-firing pane; nested as on the data plane.
        var coder = new WindowedValueCoder(BytesCoder.Instance, GlobalWindowCoder.Instance);
        var impulse = WindowedValue<object?>.InGlobalWindow(Array.Empty<byte>());

        var bytes = coder.EncodeToArray(impulse, nested: true);

        Assert.Equal("7f df 3b 64 5a 1c ac 09 00 00 00 01 0f 00", Hex.Of(bytes));
    }

    [Fact]
    public void Impulse_bytes_decode_to_the_impulse_element()
    {
        var coder = new WindowedValueCoder(BytesCoder.Instance, GlobalWindowCoder.Instance);

        var value = (WindowedValue<object?>)coder.DecodeFrom(Hex.Bytes("7f df 3b 64 5a 1c ac 09 00 00 00 01 0f 00"))!;

        Assert.Equal(BeamTime.MinTimestampMillis, value.TimestampMillis);
        Assert.Equal([GlobalWindow.Instance], value.Windows);
        Assert.Equal(PaneInfo.NoFiring, value.Pane);
        Assert.Empty((byte[])value.Value!);
    }
}
