namespace BeamConformance.Model;

/// <summary>
/// The value shape of <c>beam:coder:state_backed_iterable:v1</c>: the elements carried inline and, when the
/// rest of the iterable lives in state, the opaque token that fetches it (over the Fn API State API).
/// </summary>
/// <param name="Prefix">The elements encoded inline.</param>
/// <param name="StateToken">The state token for the remaining elements, or null when all elements are inline.</param>
public sealed record StateBackedIterable(IReadOnlyList<object?> Prefix, byte[]? StateToken)
{
    /// <summary>Structural equality over elements and token bytes.</summary>
    public bool Equals(StateBackedIterable? other) =>
        other is not null
        && Coders.ValueEquality.DeepEquals(Prefix, other.Prefix)
        && (StateToken is null ? other.StateToken is null : other.StateToken is not null && StateToken.AsSpan().SequenceEqual(other.StateToken));

    /// <inheritdoc />
    public override int GetHashCode() => Prefix.Count;
}
