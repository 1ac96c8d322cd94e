using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>Prepare of a ParDo with user timer families: accepted with the right timer coder, refused otherwise, every problem listed.</summary>
public sealed class TimerTranslationTests
{
    [Fact]
    public void Event_and_processing_time_families_are_accepted_and_make_the_stage_stateful()
    {
        var p = Timers(("late", TimeDomain.Types.Enum.EventTime, "timer"), ("tick", TimeDomain.Types.Enum.ProcessingTime, "timer"));

        Assert.Empty(PipelineValidator.Validate(p.Build()));
        var stage = Assert.Single(PipelineFuser.Fuse(p.Build()).Stages, static s => s.IsStateful);

        Assert.Equal(["b"], stage.TransformIds);
        Assert.Empty(stage.UserStates);
        Assert.Equal(
            ["b|late|EventTime|beam:coder:timer:v1(beam:coder:string_utf8:v1, beam:coder:global_window:v1)", "b|tick|ProcessingTime|beam:coder:timer:v1(beam:coder:string_utf8:v1, beam:coder:global_window:v1)"],
            stage.TimerFamilies.Select(static t => $"{t.TransformId}|{t.FamilyId}|{t.Domain}|{t.Coder.Urn}({t.Coder.KeyCoder.Urn}, {t.Coder.WindowCoder.Urn})"));
    }

    [Fact]
    public void A_wrong_domain_a_missing_coder_and_wrong_components_are_listed_together()
    {
        var p = Timers(
            ("a_domain", (TimeDomain.Types.Enum)3, "timer"),
            ("b_nocoder", TimeDomain.Types.Enum.EventTime, ""),
            ("c_notimer", TimeDomain.Types.Enum.EventTime, "varint"),
            ("d_key", TimeDomain.Types.Enum.EventTime, "timer_varint_key"),
            ("e_window", TimeDomain.Types.Enum.ProcessingTime, "timer_iw"),
            ("f_ghost", TimeDomain.Types.Enum.EventTime, "ghost"));

        var problems = PipelineValidator.Validate(p.Build());

        Assert.Equal(
            [
                "b|timer time domain|3",
                "b|timer coder|b_nocoder",
                "b|timer coder|beam:coder:varint:v1",
                "b|timer coder|timer_varint_key",
                "b|timer coder|timer_iw",
                "b|dangling reference|ghost",
            ],
            problems.Select(static q => $"{q.Id}|{q.Feature}|{q.Value}"));
        Assert.Contains("key coder 'varint'; it must be the input's key coder 'str'", problems[3].Message, StringComparison.Ordinal);
        Assert.Contains("window coder 'iw'; it must be the input's window coder 'gw'", problems[4].Message, StringComparison.Ordinal);
    }

    [Theory]
    // An event-time family: accepted, and the stage's family says it is the expiry one.
    [InlineData("late", null)]
    // A processing-time family cannot be notified of window expiry.
    [InlineData("tick", "b|on window expiration|tick")]
    // A family the ParDo does not declare.
    [InlineData("ghost", "b|on window expiration|ghost")]
    public void On_window_expiration_must_name_an_event_time_family(string family, string? problem)
    {
        var p = Timers(("late", TimeDomain.Types.Enum.EventTime, "timer"), ("tick", TimeDomain.Types.Enum.ProcessingTime, "timer"));
        ValidationTests.WithPayload(p, "b", payload => payload.OnWindowExpirationTimerFamilySpec = family);
        p.Proto.Requirements.Add("beam:requirement:pardo:on_window_expiration:v1");

        var problems = PipelineValidator.Validate(p.Build()).Select(static q => $"{q.Id}|{q.Feature}|{q.Value}").ToList();

        if (problem is not null)
        {
            Assert.Equal([problem], problems);
            return;
        }

        Assert.Empty(problems);
        var stage = Assert.Single(PipelineFuser.Fuse(p.Build()).Stages, static s => s.IsStateful);
        Assert.Equal(["late"], stage.TimerFamilies.Where(static t => t.IsWindowExpiration).Select(static t => t.FamilyId));
    }

    /// <summary>impulse → a (KV&lt;string, varint&gt;, global windows) → b with the given timer families.</summary>
    internal static TestPipeline Timers(params (string Id, TimeDomain.Types.Enum Domain, string Coder)[] families)
    {
        var p = new TestPipeline();
        p.Coder("timer", "beam:coder:timer:v1", "str", "gw");
        p.Coder("timer_varint_key", "beam:coder:timer:v1", "varint", "gw");
        p.Coder("timer_iw", "beam:coder:timer:v1", "str", "iw");
        p.ParDo("b", p.ParDo("a", p.Impulse("impulse"), "kv_str_varint"));
        ValidationTests.WithPayload(p, "b", payload =>
        {
            foreach (var (id, domain, coder) in families)
            {
                payload.TimerFamilySpecs[id] = new TimerFamilySpec { TimeDomain = domain, TimerFamilyCoderId = coder };
            }
        });
        return p;
    }
}
