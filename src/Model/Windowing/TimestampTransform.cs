namespace BeamConformance.Model.Windowing;

/// <summary>
/// One step of an <see cref="Trigger.AfterProcessingTime"/> trigger's timestamp transforms
/// (<c>beam_runner_api.proto</c> <c>TimestampTransform</c>), applied in order to the processing time (ms) at which
/// the trigger saw its first element: a <see cref="Delay"/> or an <see cref="AlignTo"/>.
/// </summary>
public abstract record TimestampTransform
{
    private TimestampTransform() { }

    /// <summary>Applies the step to a processing time, ms since the epoch.</summary>
    public abstract long Apply(long processingTimeMillis);

    /// <summary><c>TimestampTransform.Delay</c>: adds <paramref name="DelayMillis"/> (Java <c>plusDelayOf</c>).</summary>
    /// <param name="DelayMillis">The delay, ms; at least 0.</param>
    public sealed record Delay(long DelayMillis) : TimestampTransform
    {
        /// <summary>The delay, ms; at least 0.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
        public long DelayMillis { get; } = DelayMillis >= 0 ? DelayMillis : throw new ArgumentOutOfRangeException(nameof(DelayMillis), DelayMillis, "a processing-time delay must be at least 0 ms");

        /// <inheritdoc />
        public override long Apply(long processingTimeMillis) =>
            processingTimeMillis > long.MaxValue - DelayMillis ? long.MaxValue : processingTimeMillis + DelayMillis;
    }

    /// <summary>
    /// <c>TimestampTransform.AlignTo</c>: rounds up to the next instant of the grid <c>offset + k·period</c>
    /// (an instant on the grid stays; Java <c>alignedTo(period, offset)</c>).
    /// </summary>
    /// <param name="PeriodMillis">The grid's period, ms; above 0.</param>
    /// <param name="OffsetMillis">The grid's offset, ms since the epoch.</param>
    public sealed record AlignTo(long PeriodMillis, long OffsetMillis) : TimestampTransform
    {
        /// <summary>The grid's period, ms; above 0.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
        public long PeriodMillis { get; } = PeriodMillis > 0 ? PeriodMillis : throw new ArgumentOutOfRangeException(nameof(PeriodMillis), PeriodMillis, "an alignment period must be above 0 ms");

        /// <inheritdoc />
        public override long Apply(long processingTimeMillis)
        {
            var sinceGrid = (processingTimeMillis - OffsetMillis) % PeriodMillis;
            if (sinceGrid < 0)
            {
                sinceGrid += PeriodMillis;
            }

            return sinceGrid == 0 ? processingTimeMillis : processingTimeMillis + (PeriodMillis - sinceGrid);
        }
    }
}
