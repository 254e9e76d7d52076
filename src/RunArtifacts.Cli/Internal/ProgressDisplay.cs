using Spectre.Console;

namespace RunArtifacts.Cli.Internal;

/// <summary>One progress update: what is being done, and how far along it is.</summary>
/// <param name="Description">Short label (<c>scan</c>, <c>move</c>, <c>write</c>).</param>
/// <param name="Completed">Units done.</param>
/// <param name="Total">Units in all; 0 when unknown.</param>
internal readonly record struct ProgressTick(string Description, double Completed, double Total);

/// <summary>
/// Progress bars for long work: a Spectre.Console bar on stderr when the tool runs in a terminal
/// (<see cref="CliContext.Interactive"/>), nothing at all otherwise, so pipes, files and tests see clean output.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliContext context, string title, Func<IProgress<ProgressTick>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        if (!context.Interactive)
        {
            return await work(Silent.Instance).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                task.IsIndeterminate = true;
                var result = await work(new Bar(task, title)).ConfigureAwait(false);
                task.StopTask();
                return result;
            })
            .ConfigureAwait(false);
    }

    private sealed class Silent : IProgress<ProgressTick>
    {
        public static readonly Silent Instance = new();

        public void Report(ProgressTick value)
        {
        }
    }

    private sealed class Bar(ProgressTask task, string title) : IProgress<ProgressTick>
    {
        public void Report(ProgressTick value)
        {
            task.Description = Markup.Escape($"{title}: {value.Description}");
            if (value.Total > 0)
            {
                task.IsIndeterminate = false;
                task.MaxValue = value.Total;
                task.Value = Math.Min(value.Completed, value.Total);
            }
        }
    }
}
