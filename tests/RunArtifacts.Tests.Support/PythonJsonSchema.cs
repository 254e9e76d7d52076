using System.Text.Json.Nodes;

namespace RunArtifacts.Testing;

/// <summary>
/// Runs <c>tests/conformance/validate.py</c> (Python's <c>jsonschema</c>, Draft202012Validator with format checking):
/// the independent validator. The interpreter is <c>RUNARTIFACTS_PYTHON</c>, else Debian's <c>/usr/bin/python3</c>
/// (where <c>python3-jsonschema</c> installs), else <c>python3</c> on the PATH; the first that imports jsonschema.
/// </summary>
public static class PythonJsonSchema
{
    private static readonly Lazy<string> Interpreter = new(FindInterpreter);

    public static string Script => Path.Combine(Repo.Root, "tests", "conformance", "validate.py");

    public static string SchemaFolder => Path.Combine(Repo.Root, "schemas", "v1");

    /// <summary>Runs the script; fails the test with a clear message when jsonschema is missing.</summary>
    public static JsonObject Run(IEnumerable<string> args)
    {
        var result = ChildProcess.RunAsync(Interpreter.Value, [Script, "--schemas", SchemaFolder, .. args], timeout: TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        if (result.ExitCode is not (0 or 1))
        {
            Assert.Fail($"validate.py exited with {result.ExitCode}: {result.Error}");
        }

        return JsonNode.Parse(result.Out)!.AsObject();
    }

    private static string FindInterpreter()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("RUNARTIFACTS_PYTHON"), "/usr/bin/python3", "python3" }.Where(c => !string.IsNullOrEmpty(c));
        foreach (var candidate in candidates)
        {
            try
            {
                var probe = ChildProcess.RunAsync(candidate!, ["-c", "import jsonschema; jsonschema.Draft202012Validator"], timeout: TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
                if (probe.ExitCode == 0)
                {
                    return candidate!;
                }
            }
            catch (InvalidOperationException)
            {
                // Not installed (CliWrap could not start it); try the next one.
            }
            catch (OperationCanceledException)
            {
                // Hung; try the next one.
            }
        }

        Assert.Fail("No python3 with the 'jsonschema' package (Draft202012Validator) was found. Install Debian's python3-jsonschema " +
            "(it is listed in .ci/apt-packages.txt, which the test command installs) or set RUNARTIFACTS_PYTHON.");
        throw new InvalidOperationException("unreachable");
    }
}
