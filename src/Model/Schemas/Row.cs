namespace BeamConformance.Model.Schemas;

/// <summary>
/// A row of a <see cref="Schema"/>: the value shape of <c>beam:coder:row:v1</c>. Field values by type:
/// BYTE <see cref="byte"/>, INT16 <see cref="short"/>, INT32 <see cref="int"/>, INT64 <see cref="long"/>,
/// FLOAT <see cref="float"/>, DOUBLE <see cref="double"/>, STRING <see cref="string"/>, BOOLEAN <see cref="bool"/>,
/// BYTES <see cref="byte"/>[], arrays and iterables <see cref="IReadOnlyList{T}"/>, maps a list of <see cref="KV"/>,
/// rows <see cref="Row"/>, logical types their representation's value; null for null.
/// </summary>
/// <param name="Schema">The schema.</param>
/// <param name="Values">One value per field, in schema order.</param>
public sealed record Row(Schema Schema, IReadOnlyList<object?> Values)
{
    /// <summary>The value of the field named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    public object? this[string name]
    {
        get
        {
            for (var i = 0; i < Schema.Fields.Count; i++)
            {
                if (Schema.Fields[i].Name == name)
                {
                    return Values[i];
                }
            }

            throw new KeyNotFoundException($"no field '{name}' in schema {Schema}");
        }
    }

    /// <summary>Structural equality over values.</summary>
    public bool Equals(Row? other) => other is not null && Coders.ValueEquality.DeepEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Count;
}
