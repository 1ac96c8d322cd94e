using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

public sealed class ReportTests
{
    // A small fixed run: one of each outcome, across two areas.
    private static RunReport Report() => new("reference", [
        new(new ScenarioId("pardo/map_add"), "Map adds one.", "beam:transform:pardo:v1", ["UsesParDo"], ScenarioOutcome.Passed, TimeSpan.FromMilliseconds(12), "", null, []),
        new(new ScenarioId("groupbykey/fixed"), "Groups per window.", "beam:transform:group_by_key:v1", ["UsesGroupByKey", "UsesFixedWindows"], ScenarioOutcome.Failed, TimeSpan.FromMilliseconds(250),
            "sink 'Out': 1 expected pane(s), 2 actual pane(s)\n  FAIL  unexpected output: <x>", null, ["bundle 3 failed"]),
        new(new ScenarioId("groupbykey/sessions"), "Merges sessions.", "beam:window_fn:session_windows:v1", ["UsesGroupByKey"], ScenarioOutcome.Skipped, TimeSpan.Zero, "", "no merging", []),
        new(new ScenarioId("pardo/fail_on"), "Fails.", "beam:transform:pardo:v1", ["UsesParDo"], ScenarioOutcome.ExpectedFailure, TimeSpan.FromMilliseconds(3), "job ended DONE", "known", []),
        new(new ScenarioId("pardo/multi"), "Routes.", "beam:transform:pardo:v1", ["UsesParDo"], ScenarioOutcome.UnexpectedPass, TimeSpan.FromMilliseconds(5), "", "was broken", []),
    ], TimeSpan.FromMilliseconds(1500));

    private static string Text(Action<RunReport, Stream> write)
    {
        using var stream = new MemoryStream();
        write(Report(), stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n");
    }

    [Fact]
    public void Summary_line_and_verdict()
    {
        Assert.Equal("1 passed, 1 failed (1 skipped, 1 expected failures, 1 unexpected passes)", Report().SummaryLine);
        Assert.False(Report().Succeeded);
    }

    [Fact]
    public void JUnit_xml_is_exact() => Assert.Equal(ExpectedJUnit, Text(JUnitReport.Write));

    [Fact]
    public void Json_results_are_exact() => Assert.Equal(ExpectedJson, Text(JsonResultsReport.Write));

    [Fact]
    public void Markdown_summary_is_exact() => Assert.Equal(ExpectedMarkdown, Text(MarkdownSummaryReport.Write));

    private const string ExpectedJUnit = """
        <?xml version="1.0" encoding="utf-8"?>
        <testsuites name="BeamConformance" tests="5" failures="2" errors="0" skipped="2" time="1.500">
          <testsuite name="groupbykey" tests="2" failures="1" errors="0" skipped="1" time="0.250">
            <testcase classname="groupbykey" name="groupbykey/fixed" time="0.250">
              <properties>
                <property name="spec" value="beam:transform:group_by_key:v1" />
                <property name="feature" value="UsesGroupByKey" />
                <property name="feature" value="UsesFixedWindows" />
              </properties>
              <failure message="sink 'Out': 1 expected pane(s), 2 actual pane(s)" type="nonconformance">sink 'Out': 1 expected pane(s), 2 actual pane(s)
          FAIL  unexpected output: &lt;x&gt;</failure>
              <system-out>bundle 3 failed</system-out>
            </testcase>
            <testcase classname="groupbykey" name="groupbykey/sessions" time="0.000">
              <properties>
                <property name="spec" value="beam:window_fn:session_windows:v1" />
                <property name="feature" value="UsesGroupByKey" />
              </properties>
              <skipped message="no merging" />
            </testcase>
          </testsuite>
          <testsuite name="pardo" tests="3" failures="1" errors="0" skipped="1" time="0.020">
            <testcase classname="pardo" name="pardo/fail_on" time="0.003">
              <properties>
                <property name="spec" value="beam:transform:pardo:v1" />
                <property name="feature" value="UsesParDo" />
              </properties>
              <skipped message="expected failure: known" />
            </testcase>
            <testcase classname="pardo" name="pardo/map_add" time="0.012">
              <properties>
                <property name="spec" value="beam:transform:pardo:v1" />
                <property name="feature" value="UsesParDo" />
              </properties>
            </testcase>
            <testcase classname="pardo" name="pardo/multi" time="0.005">
              <properties>
                <property name="spec" value="beam:transform:pardo:v1" />
                <property name="feature" value="UsesParDo" />
              </properties>
              <failure message="unexpected pass: expected to fail (was broken)" type="unexpected_pass" />
            </testcase>
          </testsuite>
        </testsuites>
        """;

    private const string ExpectedJson = """
        {
          "format_version": 1,
          "runner": "reference",
          "duration_ms": 1500,
          "summary": {
            "total": 5,
            "passed": 1,
            "failed": 1,
            "skipped": 1,
            "expected_failure": 1,
            "unexpected_pass": 1,
            "planned": 5,
            "succeeded": false,
            "stopped": null
          },
          "scenarios": [
            {
              "id": "groupbykey/fixed",
              "area": "groupbykey",
              "description": "Groups per window.",
              "spec": "beam:transform:group_by_key:v1",
              "features": [
                "UsesGroupByKey",
                "UsesFixedWindows"
              ],
              "outcome": "failed",
              "duration_ms": 250,
              "details": "sink 'Out': 1 expected pane(s), 2 actual pane(s)\n  FAIL  unexpected output: <x>",
              "reason": null,
              "job_messages": [
                "bundle 3 failed"
              ]
            },
            {
              "id": "groupbykey/sessions",
              "area": "groupbykey",
              "description": "Merges sessions.",
              "spec": "beam:window_fn:session_windows:v1",
              "features": [
                "UsesGroupByKey"
              ],
              "outcome": "skipped",
              "duration_ms": 0,
              "details": "",
              "reason": "no merging",
              "job_messages": []
            },
            {
              "id": "pardo/fail_on",
              "area": "pardo",
              "description": "Fails.",
              "spec": "beam:transform:pardo:v1",
              "features": [
                "UsesParDo"
              ],
              "outcome": "expected_failure",
              "duration_ms": 3,
              "details": "job ended DONE",
              "reason": "known",
              "job_messages": []
            },
            {
              "id": "pardo/map_add",
              "area": "pardo",
              "description": "Map adds one.",
              "spec": "beam:transform:pardo:v1",
              "features": [
                "UsesParDo"
              ],
              "outcome": "passed",
              "duration_ms": 12,
              "details": "",
              "reason": null,
              "job_messages": []
            },
            {
              "id": "pardo/multi",
              "area": "pardo",
              "description": "Routes.",
              "spec": "beam:transform:pardo:v1",
              "features": [
                "UsesParDo"
              ],
              "outcome": "unexpected_pass",
              "duration_ms": 5,
              "details": "",
              "reason": "was broken",
              "job_messages": []
            }
          ]
        }
        """;

    private const string ExpectedMarkdown = """
        # BeamConformance results: reference

        **1 passed, 1 failed (1 skipped, 1 expected failures, 1 unexpected passes)** of 5 scenarios in 1.5 s: does not conform.

        ## By area

        | area | passed | failed | skipped | expected_failure | unexpected_pass |
        | --- | ---: | ---: | ---: | ---: | ---: |
        | groupbykey | 0 | 1 | 1 | 0 | 0 |
        | pardo | 1 | 0 | 0 | 1 | 1 |

        ## By feature

        | feature | passed | failed | skipped | expected_failure | unexpected_pass |
        | --- | ---: | ---: | ---: | ---: | ---: |
        | UsesFixedWindows | 0 | 1 | 0 | 0 | 0 |
        | UsesGroupByKey | 0 | 1 | 1 | 0 | 0 |
        | UsesParDo | 1 | 0 | 0 | 1 | 1 |

        ## Failures

        ### `groupbykey/fixed`: failed

        Groups per window.

        Spec: `beam:transform:group_by_key:v1`

        ```text
        sink 'Out': 1 expected pane(s), 2 actual pane(s)
          FAIL  unexpected output: <x>
        ```

        Job messages:

        ```text
        bundle 3 failed
        ```

        ### `pardo/multi`: unexpected_pass

        Routes.

        Spec: `beam:transform:pardo:v1`

        ```text
        expected to fail (was broken) but passed: update the expectations file
        ```

        """;
}
