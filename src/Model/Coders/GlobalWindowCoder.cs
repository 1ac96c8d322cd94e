using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Coders;

/// <summary><c>beam:coder:global_window:v1</c>. Value: <see cref="GlobalWindow.Instance"/>. Zero bytes.</summary>
public sealed class GlobalWindowCoder : Coder<GlobalWindow>
{
    private GlobalWindowCoder() : base(Urns.Coders.GlobalWindow) { }

    /// <summary>The one instance.</summary>
    public static GlobalWindowCoder Instance { get; } = new();

    /// <inheritdoc />
    public override void EncodeValue(GlobalWindow value, CoderWriter writer, bool nested) { }

    /// <inheritdoc />
    public override GlobalWindow DecodeValue(ref CoderReader reader, bool nested) => GlobalWindow.Instance;
}
