using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using BeamConformance.Conformance.Checking;

namespace BeamConformance.Conformance.Reports;

/// <summary>
/// Writes a run as JUnit XML: one <c>testsuite</c> per area, one <c>testcase</c> per scenario
/// (classname = area, name = id). Failures and unexpected passes are <c>failure</c>s; skips and
/// expected failures are <c>skipped</c> with the expectations file's reason. Times in seconds.
/// </summary>
public static class JUnitReport
{
    /// <summary>The XML document for <paramref name="report"/>.</summary>
    public static XDocument Build(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var suites = new XElement("testsuites", Counts("BeamConformance", report.Ordered, report.Duration));
        foreach (var area in report.Ordered.GroupBy(r => r.Area, StringComparer.Ordinal))
        {
            var results = area.ToList();
            var suite = new XElement("testsuite", Counts(area.Key, results, TimeSpan.FromTicks(results.Sum(r => r.Duration.Ticks))));
            suite.Add(results.Select(Case));
            suites.Add(suite);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    /// <summary>Writes the XML (UTF-8, indented) to <paramref name="output"/>.</summary>
    public static void Write(RunReport report, Stream output)
    {
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        Build(report).Save(writer);
    }

    private static XElement Case(ScenarioResult r)
    {
        var c = new XElement("testcase",
            new XAttribute("classname", r.Area), new XAttribute("name", r.Id.Value), new XAttribute("time", Seconds(r.Duration)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "spec"), new XAttribute("value", r.Spec)),
                r.Features.Select(f => new XElement("property", new XAttribute("name", "feature"), new XAttribute("value", f)))));
        switch (r.Outcome)
        {
            case ScenarioOutcome.Failed:
                c.Add(new XElement("failure", new XAttribute("message", FirstLine(r.Details)), new XAttribute("type", "nonconformance"), r.Details));
                break;
            case ScenarioOutcome.UnexpectedPass:
                c.Add(new XElement("failure", new XAttribute("message", $"unexpected pass: expected to fail ({r.Reason})"), new XAttribute("type", "unexpected_pass")));
                break;
            case ScenarioOutcome.Skipped:
                c.Add(new XElement("skipped", new XAttribute("message", r.Reason ?? "skipped")));
                break;
            case ScenarioOutcome.ExpectedFailure:
                c.Add(new XElement("skipped", new XAttribute("message", $"expected failure: {r.Reason}")));
                break;
        }

        if (r.Outcome is ScenarioOutcome.Failed or ScenarioOutcome.ExpectedFailure && r.JobMessages.Count > 0)
        {
            c.Add(new XElement("system-out", string.Join("\n", r.JobMessages)));
        }

        return c;
    }

    private static object[] Counts(string name, IReadOnlyCollection<ScenarioResult> results, TimeSpan time) =>
    [
        new XAttribute("name", name),
        new XAttribute("tests", results.Count),
        new XAttribute("failures", results.Count(r => r.FailsRun)),
        new XAttribute("errors", 0),
        new XAttribute("skipped", results.Count(r => r.Outcome is ScenarioOutcome.Skipped or ScenarioOutcome.ExpectedFailure)),
        new XAttribute("time", Seconds(time)),
    ];

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}
