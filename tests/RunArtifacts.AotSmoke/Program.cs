// Native-AOT smoke test of the public API: commit a succeeded and a failed run, read them back from the index, verify them.
using System.Text.Json.Nodes;
using RunArtifacts;
using RunArtifacts.Index;
using RunArtifacts.Records;
using RunArtifacts.Storage;
using RunArtifacts.Verification;

var root = args[0];
var output = Path.Combine(root, "..", "aot-output.bin");
await File.WriteAllBytesAsync(output, [1, 2, 3, 4, 5]);
var store = new RunArtifactStore(new RunArtifactsOptions { Root = root });
var ok = await store.CreateRun("aot model")
    .WithPrompt("native")
    .WithRequest(new JsonObject { ["prompt"] = "native", ["api_key"] = "sk-aotaotaotaotaotaotaotaot" })
    .AddOutput(output)
    .AddTags("aot")
    .CommitAsync();
var failed = await store.CreateRun("aot model").Failed(new TimeoutException("provider timed out")).CommitAsync();
var entries = store.ReadIndex(new IndexQuery { Tag = "aot", Limit = 10 }).Entries;
var failedEntry = store.ReadIndex(new IndexQuery { Status = RunStatus.Failed }).Entries.Single();
if (entries.Count != 1 || entries[0].RunId != ok.RunId || failedEntry.ErrorKind != FailureKinds.Timeout)
{
    Console.Error.WriteLine("unexpected index content");
    return 1;
}

// verify validates every record against its JSON Schema (JsonSchema.Net) and hashes every file.
var report = await new RunVerifier(store).VerifyAsync();
if (report.RunsVerified != 2 || report.Problems.Count != 0)
{
    Console.Error.WriteLine("verify: " + string.Join("; ", report.Problems.Select(p => p.Message)));
    return 1;
}

Console.WriteLine($"ok {ok.RunPath} {failed.RunPath}");
return 0;
