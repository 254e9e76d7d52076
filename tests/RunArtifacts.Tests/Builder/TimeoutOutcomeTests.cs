using System.Net;
using System.Net.Sockets;
using RunArtifacts.Records;

namespace RunArtifacts.Tests.Builder;

/// <summary>
/// A timeout is a failed run of kind <c>timeout</c>; only the caller's own cancellation makes a run cancelled. Both against
/// a real <see cref="HttpClient"/> and a local listener that accepts the connection and never answers.
/// </summary>
public class TimeoutOutcomeTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Failed_HttpClientTimeout_FailedRunOfKindTimeout(CancellationToken cancellationToken)
    {
        using var listener = Silent();
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var caught = await CatchAsync(() => http.GetAsync(Url(listener), cancellationToken));

        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithPrompt("p").Failed(caught, "submit").CommitAsync(cancellationToken);

        Assert.That(caught, Is.InstanceOf<TaskCanceledException>(), "HttpClient's timeout is a TaskCanceledException");
        Assert.That(run.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.Run.Errors.Single().Kind, Is.EqualTo(FailureKinds.Timeout));
        Assert.That(store.ReadIndex(new() { Status = RunStatus.Failed }).Entries.Select(e => e.RunId), Is.EqualTo(new[] { run.RunId }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Failed_CallersOwnCancellation_CancelledRun(CancellationToken cancellationToken)
    {
        using var listener = Silent();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var mine = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        mine.CancelAfter(200);
        var caught = await CatchAsync(() => http.GetAsync(Url(listener), mine.Token));

        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var byType = await store.CreateRun("m").Failed(caught).CommitAsync(cancellationToken);
        var byToken = await store.CreateRun("m").Failed(caught, mine.Token).CommitAsync(cancellationToken);

        Assert.That(byType.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(byToken.Status, Is.EqualTo(RunStatus.Cancelled));
    }

    [Test]
    public async Task FailedWithToken_CancellationNotFromThatToken_FailedRunOfKindTimeout()
    {
        using var theirs = new CancellationTokenSource();
        await theirs.CancelAsync();
        var internalDeadline = new OperationCanceledException("deadline", theirs.Token);

        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").Failed(internalDeadline, CancellationToken.None, "poll").CommitAsync();

        Assert.That(run.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.Run.Errors.Single().Kind, Is.EqualTo(FailureKinds.Timeout));
        Assert.That(run.Run.Errors.Single().Stage, Is.EqualTo("poll"));
    }

    /// <summary>A listener that accepts connections (the kernel completes the handshake) and never reads or answers.</summary>
    private static TcpListener Silent()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static string Url(TcpListener listener) => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";

    private static async Task<Exception> CatchAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new AssertionException("the request was expected to fail");
    }
}
