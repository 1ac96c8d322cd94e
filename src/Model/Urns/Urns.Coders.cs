namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Coder URNs: <c>beam_runner_api.proto</c> <c>StandardCoders.Enum</c>.</summary>
    public static class Coders
    {
        /// <summary>Byte strings; nested: varint length + bytes, outer: the bytes.</summary>
        public const string Bytes = "beam:coder:bytes:v1";
        /// <summary>UTF-8 text, framed like bytes.</summary>
        public const string StringUtf8 = "beam:coder:string_utf8:v1";
        /// <summary>Key (nested) then value; components: key coder, value coder.</summary>
        public const string Kv = "beam:coder:kv:v1";
        /// <summary>One byte, 0 or 1.</summary>
        public const string Bool = "beam:coder:bool:v1";
        /// <summary>A 64-bit integer as unsigned LEB128 of its two's complement bits.</summary>
        public const string VarInt = "beam:coder:varint:v1";
        /// <summary>IEEE-754 bits, big-endian.</summary>
        public const string Double = "beam:coder:double:v1";
        /// <summary>fixed32 count then elements, or the chunked unknown-length form.</summary>
        public const string Iterable = "beam:coder:iterable:v1";
        /// <summary>A timer: key, tag, windows, clear bit, fire and hold timestamps, pane.</summary>
        public const string Timer = "beam:coder:timer:v1";
        /// <summary>End timestamp then varint span in ms.</summary>
        public const string IntervalWindow = "beam:coder:interval_window:v1";
        /// <summary>varint length + the component's outer-context encoding.</summary>
        public const string LengthPrefix = "beam:coder:length_prefix:v1";
        /// <summary>The global window: zero bytes.</summary>
        public const string GlobalWindow = "beam:coder:global_window:v1";
        /// <summary>Timestamp, windows, pane, element.</summary>
        public const string WindowedValue = "beam:coder:windowed_value:v1";
        /// <summary>Element only; timestamp, windows and pane come from the payload.</summary>
        public const string ParamWindowedValue = "beam:coder:param_windowed_value:v1";
        /// <summary>An iterable whose tail may be a state token.</summary>
        public const string StateBackedIterable = "beam:coder:state_backed_iterable:v1";
        /// <summary>Max timestamp then the window in its own coder.</summary>
        public const string CustomWindow = "beam:coder:custom_window:v1";
        /// <summary>A schema'd row; payload: a serialized <c>Schema</c>.</summary>
        public const string Row = "beam:coder:row:v1";
        /// <summary>Shard id bytes then the user key.</summary>
        public const string ShardedKey = "beam:coder:sharded_key:v1";
        /// <summary>0x00 for null, or 0x01 then the value.</summary>
        public const string Nullable = "beam:coder:nullable:v1";
    }
}
