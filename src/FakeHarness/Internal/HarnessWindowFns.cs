using BeamConformance.Model.Windowing;
using BeamConformance.Model.Windows;
using BeamConformance.Protos.Adapters;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// The harness's use of the model's window fns (<see cref="WindowFn"/>, read by <see cref="WindowingProtoAdapter"/>):
/// the standard ones only, with errors that name the transform.
/// </summary>
internal static class HarnessWindowFns
{
    /// <exception cref="HarnessException">A custom window fn, or a window fn spec the adapter cannot read.</exception>
    public static WindowFn Parse(FunctionSpec spec, string where)
    {
        WindowFn fn;
        try
        {
            fn = spec.ToModelWindowFn();
        }
        catch (WindowingProtoException e)
        {
            throw new HarnessException($"{where}: {e.Message}", inner: e);
        }

        return fn is WindowFn.Custom ? throw new HarnessException($"{where}: window fn '{spec.Urn}' is not supported by the FakeHarness") : fn;
    }

    /// <summary>
    /// The side-input window for a main-input window (the mapping the harness applies for
    /// <c>beamconformance:window_mapping_fn:v1</c>: the window fn's default mapping).
    /// </summary>
    /// <exception cref="HarnessException">Sessions (no mapping is defined for them).</exception>
    public static BoundedWindow MapSideWindow(this WindowFn fn, BoundedWindow mainWindow, string where) =>
        fn.SideInputWindow(mainWindow) ?? throw new HarnessException($"{where}: side inputs windowed by '{fn.Urn}' have no window mapping");
}
