// A real child process for the crash and concurrency tests: commits runs into a root until told to stop or killed.
// Usage: dummy ROOT MODEL_KEY COUNT [--fixed-time ISO] [--bytes N] [--no-flush]
// Prints "committed RUN_PATH" after each commit, so the parent knows what became visible.
using System.Globalization;
using RunArtifacts;
using RunArtifacts.Storage;

var root = args[0];
var modelKey = args[1];
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
DateTimeOffset? fixedTime = null;
var bytes = 256 * 1024;
var flush = true;
for (var i = 3; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--fixed-time":
            fixedTime = DateTimeOffset.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--bytes":
            bytes = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--no-flush":
            flush = false;
            break;
    }
}

var store = new RunArtifactStore(new RunArtifactsOptions { Root = root, FlushToDisk = flush });
var content = new byte[bytes];
var random = new Random(Environment.ProcessId);
for (var i = 0; i < count; i++)
{
    random.NextBytes(content);
    var builder = store.CreateRun(modelKey)
        .WithPrompt($"run {i} of process {Environment.ProcessId}")
        .WithRequest($$"""{"i":{{i}},"authorization":"Bearer abcdefghijklmnopqrstuvwxyz012345"}""")
        .AddLog("stdout", string.Concat(Enumerable.Repeat($"line {i}\n", 200)))
        .AddInput(content.AsMemory(0, bytes / 2), "ref.bin", role: "reference")
        .AddOutput(content, "out.bin")
        .AddOutput(content.AsMemory(0, bytes / 4), "second.bin");
    if (fixedTime is { } t)
    {
        builder.WithCreatedAt(t);
    }

    var run = await builder.CommitAsync();
    Console.WriteLine("committed " + run.RunPath);
    Console.Out.Flush();
}

return 0;
