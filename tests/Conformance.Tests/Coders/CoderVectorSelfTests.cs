using BeamConformance.Conformance.Coders;

namespace BeamConformance.Conformance.Tests.Coders;

/// <summary>Deliberately wrong vectors must fail, with a reason that says what is wrong.</summary>
public sealed class CoderVectorSelfTests
{
    public static TheoryData<string, string, string> WrongVectors => new()
    {
        // label, one YAML document, the expected failure of its first result
        {
            "value does not match the bytes",
            "coder: {urn: \"beam:coder:varint:v1\"}\nnested: true\nexamples:\n  \"\\u0001\": 2\n",
            "decoded 1, expected 2"
        },
        {
            "bytes decode but the canonical encoding differs (non-minimal varint)",
            "coder: {urn: \"beam:coder:varint:v1\"}\nnested: true\nexamples:\n  \"\\u0081\\u0000\": 1\n",
            "encoded as [01], expected [81 00]"
        },
        {
            "truncated bytes",
            "coder: {urn: \"beam:coder:string_utf8:v1\"}\nnested: true\nexamples:\n  \"\\u0005ab\": ab\n",
            "decode failed: beam:coder:string_utf8:v1: length 5 exceeds the 2 bytes left at byte offset 0"
        },
        {
            "wrong pane in a windowed value",
            "coder: {urn: \"beam:coder:windowed_value:v1\", components: [{urn: \"beam:coder:varint:v1\"}, {urn: \"beam:coder:global_window:v1\"}]}\nnested: true\nexamples:\n  \"\\u0080\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\u0001\\u0007\\u0001\": {value: 1, timestamp: 0, windows: [global], pane: {is_first: true, is_last: true, timing: LATE, index: 0, on_time_index: 0}}\n",
            "decoded {value: 1, timestamp: 0, windows: [GlobalWindow], pane: Pane(OnTime, index=0, onTimeIndex=0, first, last)}, expected {value: 1, timestamp: 0, windows: [GlobalWindow], pane: Pane(Late, index=0, onTimeIndex=0, first, last)}"
        },
        {
            "value of the wrong shape",
            "coder: {urn: \"beam:coder:kv:v1\", components: [{urn: \"beam:coder:bytes:v1\"}, {urn: \"beam:coder:bytes:v1\"}]}\nnested: true\nexamples:\n  \"\\u0000\\u0000\": [1, 2]\n",
            "bad example value: line 4: expected a mapping with 'key'"
        },
        {
            "wrong component count",
            "coder: {urn: \"beam:coder:kv:v1\", components: [{urn: \"beam:coder:bytes:v1\"}]}\nnested: true\nexamples:\n  \"\\u0000\": x\n",
            "cannot build coder: beam:coder:kv:v1: expects 2 component coder(s), got 1"
        },
    };

    [Theory]
    [MemberData(nameof(WrongVectors))]
    public void A_wrong_vector_fails_with_its_reason(string label, string yaml, string failure)
    {
        Assert.NotEmpty(label);
        var document = Assert.Single(CoderVectorFile.Parse(new StringReader(yaml), "inline"));

        var result = CoderVectorChecker.Check(document, "inline")[0];

        Assert.False(result.Passed);
        Assert.Equal(failure, result.Failure);
    }

    [Fact]
    public void Both_contexts_are_checked_when_nested_is_absent()
    {
        var document = Assert.Single(CoderVectorFile.Parse(new StringReader("coder: {urn: \"beam:coder:bytes:v1\"}\nexamples:\n  \"\\u0003abc\": abc\n"), "inline"));

        var results = CoderVectorChecker.Check(document, "inline");

        // Outer context: "\x03abc" is four raw bytes, not "abc"; nested: it is "abc".
        Assert.Equal([false, true], results.Select(r => r.Nested));
        Assert.Equal([false, true], results.Select(r => r.Passed));
    }

    [Theory]
    [InlineData("coder: {urn: \"beam:coder:bytes:v1\"}\nexamples:\n  \"\\u0100\": x\n", "inline:3: character U+0100 at index 0 is not a byte (escape bytes as \\u00XX)")] // a key char above 0xFF
    [InlineData("examples: {}\n", "inline:1: missing 'coder'")] // no coder
    [InlineData("coder: {urn: \"beam:coder:bytes:v1\"}\n", "inline:1: missing 'examples' mapping")] // no examples
    public void A_malformed_file_is_a_format_error_with_its_line(string yaml, string message)
    {
        var error = Assert.Throws<CoderVectorFormatException>(() => CoderVectorFile.Parse(new StringReader(yaml), "inline"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Cli_counts_failures_and_exits_1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vectors-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "coder: {urn: \"beam:coder:varint:v1\"}\nexamples:\n  \"\\u0001\": 1\n  \"\\u0002\": 3\n");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = CodersCommand.Verify(new FileInfo(path), false, output, error);

            var lines = output.ToString().TrimEnd().Split('\n');
            Assert.Equal(1, exit);
            Assert.Equal("2 passed, 2 failed", lines[^1]);
            Assert.Equal(2, lines.Count(l => l.StartsWith("FAIL ", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
