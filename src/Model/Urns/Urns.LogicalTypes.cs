namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Schema logical types every SDK understands: <c>schema.proto</c> <c>LogicalTypes</c>.</summary>
    public static class LogicalTypes
    {
        /// <summary>A Python callable, represented as STRING.</summary>
        public const string PythonCallable = "beam:logical_type:python_callable:v1";

        /// <summary>An instant as ROW&lt;seconds: INT64, micros: INT64&gt;.</summary>
        public const string MicrosInstant = "beam:logical_type:micros_instant:v1";

        /// <summary>An instant as INT64 ms.</summary>
        public const string MillisInstant = "beam:logical_type:millis_instant:v1";
    }
}
