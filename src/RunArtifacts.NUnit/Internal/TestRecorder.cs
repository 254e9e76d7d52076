using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using RunArtifacts.Builder;
using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.NUnit.Internal;

/// <summary>What <see cref="RecordRunAttribute"/> does before and after a test.</summary>
internal static class TestRecorder
{
    private static readonly string Agent = "nunit " + (typeof(TestContext).Assembly.GetName().Version?.ToString(3) ?? "unknown");

    public static void Begin(RecordRunAttribute attribute, ITest test)
    {
        if (test.IsSuite || test.TypeInfo is null || Nearest(test) is not { } nearest || !nearest.SameSettings(attribute))
        {
            return;
        }

        var assembly = test.TypeInfo.Assembly;
        var store = StoreRegistry.For(assembly);
        Recording.TryStart(test.Id, attribute, store, () => Create(attribute, test, store, assembly));
    }

    public static void End(RecordRunAttribute attribute, ITest test)
    {
        if (test.IsSuite)
        {
            (SynchronizationContext.Current is null ? StoreRegistry.FlushAllAsync() : Task.Run(StoreRegistry.FlushAllAsync)).GetAwaiter().GetResult();
            return;
        }

        if (Recording.TryEnd(test.Id, attribute) is not { } recording)
        {
            return;
        }

        var builder = recording.Builder;
        var result = TestContext.CurrentContext.Result;
        var failed = OutcomeMapper.Apply(builder, result.Outcome, result.Message, result.StackTrace, recording.Store.CaptureStackTraces);
        builder.WithOption("duration_seconds", Math.Round(Stopwatch.GetElapsedTime(recording.StartedAt).TotalSeconds, 3));
        if (attribute.Keep == RunKeep.FailuresOnly && !failed)
        {
            // The draft never touched the disk: dropping the builder is all there is to do.
            return;
        }

        // NUnit's actions are synchronous, so the commit is waited for here. Under a synchronization context (an [Apartment]
        // or WinForms test) it runs on the thread pool so the context cannot deadlock it; otherwise it is called directly.
        var run = (SynchronizationContext.Current is null ? builder.CommitAsync() : Task.Run(() => builder.CommitAsync())).GetAwaiter().GetResult();
        TestContext.Out.WriteLine($"RunArtifacts: run {run.RunId} ({run.Status.ToString().ToLowerInvariant()}) at {run.FullPath}");
        if (attribute.AttachToResult)
        {
            Attach(run);
        }
    }

    /// <summary>The attribute that governs the test: on the method, else on the fixture class, else on the assembly.</summary>
    internal static RecordRunAttribute? Nearest(ITest test)
    {
        if (test.Method?.GetCustomAttributes<RecordRunAttribute>(true) is [var onMethod, ..])
        {
            return onMethod;
        }

        if (test.TypeInfo?.GetCustomAttributes<RecordRunAttribute>(true) is [var onType, ..])
        {
            return onType;
        }

        return test.TypeInfo?.Assembly.GetCustomAttribute<RecordRunAttribute>();
    }

    private static RunArtifactBuilder Create(RecordRunAttribute attribute, ITest test, RecorderStore recorder, Assembly assembly)
    {
        var fixture = FixtureOf(test);
        var modelKey = string.IsNullOrWhiteSpace(attribute.ModelKey) ? fixture?.Name ?? test.TypeInfo!.Name : attribute.ModelKey;
        var builder = recorder.Store.CreateRun(modelKey)
            .WithSlug(TestSlug.Claim(recorder.Store, modelKey, test, recorder.MaxSlugLength))
            .WithSource(new SourceContextRecord
            {
                SourceType = "test",
                ProjectName = assembly.GetName().Name,
                SourceChannel = fixture?.FullName ?? test.ClassName,
                SourceAgent = Agent,
            })
            .AddTags(Tags(test));
        if (!string.IsNullOrWhiteSpace(attribute.TaskMode))
        {
            builder.WithTaskMode(attribute.TaskMode);
        }

        if (test.Arguments.Length > 0)
        {
            builder.WithRequest(new JsonObject
            {
                ["test"] = test.FullName,
                ["arguments"] = new JsonArray(test.Arguments.Select(ToJson).ToArray()),
            });
        }

        return builder;
    }

    private static ITest? FixtureOf(ITest test)
    {
        for (var parent = test.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is TestFixture)
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>Categories (the test's and its fixtures') as plain tags, other properties as <c>name:value</c>.</summary>
    private static List<string> Tags(ITest test)
    {
        var tags = new List<string>();
        for (var node = test; node is not null && node is not TestAssembly; node = node.Parent)
        {
            foreach (var key in node.Properties.Keys)
            {
                if (key.StartsWith('_') || key is PropertyNames.ParallelScope or PropertyNames.LevelOfParallelism or PropertyNames.Order)
                {
                    continue;
                }

                foreach (var value in node.Properties[key])
                {
                    var text = Convert.ToString(value, CultureInfo.InvariantCulture);
                    if (string.IsNullOrWhiteSpace(text) || text.Length > 100)
                    {
                        continue;
                    }

                    tags.Add(key == PropertyNames.Category ? text : $"{key.ToLowerInvariant()}:{text}");
                }
            }
        }

        return tags;
    }

    private static JsonNode? ToJson(object? argument) => argument switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        float f when float.IsFinite(f) => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        _ => JsonValue.Create(Convert.ToString(argument, CultureInfo.InvariantCulture)),
    };

    private static void Attach(CommittedRun run)
    {
        AttachFile(run, "run.json", "RunArtifacts run record");
        if (run.Run.Outputs is [var hero, ..])
        {
            AttachFile(run, hero.RelativePath, "RunArtifacts hero output");
            if (hero.ThumbPath is { } thumb && thumb != hero.RelativePath)
            {
                AttachFile(run, thumb, "RunArtifacts thumbnail");
            }
        }
    }

    private static void AttachFile(CommittedRun run, string relativePath, string description)
    {
        var path = Path.GetFullPath(Path.Combine(run.FullPath, relativePath));
        if (File.Exists(path))
        {
            TestContext.AddTestAttachment(path, description);
        }
    }
}
