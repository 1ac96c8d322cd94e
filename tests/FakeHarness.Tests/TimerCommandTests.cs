using BeamConformance.FakeHarness.Internal;
using BeamConformance.FakeHarness.Internal.Operators;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>
/// The <c>fault KIND</c> command of the timers test DoFn (testdata/README.md, "Harness faults"): a known kind parses
/// with its condition, an unknown one is refused naming the kinds there are.
/// </summary>
public sealed class TimerCommandTests
{
    [Theory]
    [InlineData("fault undeclared_state", "undeclared_state", null)]
    [InlineData("when=b fault timer_bad_bytes", "timer_bad_bytes", "b")]
    [InlineData("fault append_side_input", "append_side_input", null)]
    public void A_fault_command_keeps_its_kind_and_condition(string text, string kind, string? when)
    {
        var command = TimerCommand.Parse(text, "on_element[0]");

        Assert.Equal(("fault", kind, when), (command.Verb, command.Fault, command.When));
    }

    [Fact]
    public void An_unknown_fault_kind_is_refused_naming_the_kinds()
    {
        var e = Assert.Throws<HarnessException>(() => TimerCommand.Parse("fault nonsense", "on_element[2]"));

        Assert.StartsWith("on_element[2]: 'nonsense' is not a fault kind (append_multimap_keys, append_runner_state, append_side_input, bad_window, ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_commands_carry_no_fault()
    {
        Assert.Null(TimerCommand.Parse("set event window_end", "on_element[0]").Fault);
    }
}
