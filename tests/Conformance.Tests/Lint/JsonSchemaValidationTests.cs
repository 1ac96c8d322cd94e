using System.Diagnostics;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Lint;

/// <summary>
/// Validates every testdata YAML file against its JSON Schema with a real validator (Python's
/// <c>jsonschema</c>, Draft 2020-12, reading YAML with PyYAML), so the editor-facing schemas are
/// checked as schemas, not only key by key. Skipped where python3-jsonschema / python3-yaml are missing.
/// </summary>
[Trait("category", "lint")]
public sealed class JsonSchemaValidationTests
{
    private const string Script = """
        import glob, json, os, sys
        try:
            import yaml
            from jsonschema import Draft202012Validator
        except ImportError as e:
            print("SKIP " + str(e)); sys.exit(0)
        root = sys.argv[1]
        def check(schema, files):
            validator = Draft202012Validator(json.load(open(os.path.join(root, "schema", schema))))
            Draft202012Validator.check_schema(validator.schema)
            for f in sorted(files):
                for e in validator.iter_errors(yaml.safe_load(open(f))):
                    print(os.path.relpath(f, root) + " " + "/".join(map(str, e.absolute_path)) + ": " + e.message)
        check("scenario.schema.json", glob.glob(os.path.join(root, "scenarios", "*", "*.yaml")) + glob.glob(os.path.join(root, "selftest", "*.yaml")))
        check("expectations.schema.json", glob.glob(os.path.join(root, "expectations", "*.yaml")))
        check("features.schema.json", [os.path.join(root, "features.yaml")])
        print("DONE")
        """;

    [Fact]
    public async Task Every_file_is_valid_against_its_schema()
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-");
        start.ArgumentList.Add(TestData.Root);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Skipping.When(Environment.GetEnvironmentVariable("CI") != "true", "python3 is not installed");
            Assert.Fail("python3 is not installed, but CI must run the JSON Schema validation");
            return;
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(Script);
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (output.StartsWith("SKIP ", StringComparison.Ordinal))
            {
                // CI installs these (.ci/run); there a missing module is a broken install, not a reason to skip.
                Skipping.When(Environment.GetEnvironmentVariable("CI") != "true",
                    $"python3 modules missing ({output.Trim()}): install python3-jsonschema and python3-yaml");
                Assert.Fail($"python3 modules missing ({output.Trim()}): install python3-jsonschema and python3-yaml");
            }

            Assert.True(process.ExitCode == 0, errors);
            Assert.Equal(["DONE"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }
}
