using System.Text;

namespace BeamConformance.Conformance.Tests.Resilience;

/// <summary>Collects what the <c>run</c> command prints and calls an action once, on the first line starting with a prefix.</summary>
internal sealed class TriggerWriter(string prefix, Action action) : StringWriter
{
    private bool _fired;

    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (!_fired && value is not null && value.StartsWith(prefix, StringComparison.Ordinal))
        {
            _fired = true;
            action();
        }
    }
}
