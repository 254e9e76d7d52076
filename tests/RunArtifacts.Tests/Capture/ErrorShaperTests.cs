using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RunArtifacts.Capture.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Tests.Capture;

public class ErrorShaperTests
{
    private static readonly SecretRedactor Redactor = new(new RedactionOptions());

    private static IEnumerable<TestCaseData> Exceptions()
    {
        yield return new TestCaseData(new TimeoutException("slow"), FailureKinds.Timeout);
        yield return new TestCaseData(new TaskCanceledException("HttpClient.Timeout of 100 seconds elapsing", new TimeoutException()), FailureKinds.Timeout);
        yield return new TestCaseData(new OperationCanceledException("stop"), FailureKinds.Cancelled);
        yield return new TestCaseData(new HttpRequestException("x", null, HttpStatusCode.TooManyRequests), FailureKinds.RateLimited);
        yield return new TestCaseData(new HttpRequestException("x", null, HttpStatusCode.PaymentRequired), FailureKinds.QuotaExhausted);
        yield return new TestCaseData(new HttpRequestException("x", null, HttpStatusCode.BadGateway), FailureKinds.ProviderError);
        yield return new TestCaseData(new HttpRequestException("x", null, HttpStatusCode.UnprocessableEntity), FailureKinds.InvalidRequest);
        yield return new TestCaseData(new HttpRequestException("x", null, HttpStatusCode.Unauthorized), FailureKinds.Unauthorized);
        yield return new TestCaseData(new HttpRequestException("x", null, HttpStatusCode.GatewayTimeout), FailureKinds.Timeout);
        yield return new TestCaseData(new HttpRequestException("Response status code does not indicate success: 503 (Service Unavailable)."), FailureKinds.ProviderError);
        yield return new TestCaseData(new HttpRequestException("No such host is known.", new SocketException(11001)), FailureKinds.Network);
        yield return new TestCaseData(new IOException("Unable to read data from the transport connection", new SocketException(10054)), FailureKinds.Network);
        yield return new TestCaseData(new IOException("No space left on device"), FailureKinds.Io);
        yield return new TestCaseData(new UnauthorizedAccessException("denied"), FailureKinds.Io);
        yield return new TestCaseData(new ArgumentException("width must be positive"), FailureKinds.Validation);
        yield return new TestCaseData(new ValidationException("prompt is required"), FailureKinds.Validation);
        yield return new TestCaseData(new InvalidOperationException("Rate limit reached for requests"), FailureKinds.RateLimited);
        yield return new TestCaseData(new InvalidOperationException("You exceeded your current quota, please check your plan and billing details."), FailureKinds.QuotaExhausted);
        yield return new TestCaseData(new InvalidOperationException("Your request was rejected as a result of our safety system."), FailureKinds.ContentFiltered);
        yield return new TestCaseData(new InvalidOperationException("wrapper", new HttpRequestException("x", null, HttpStatusCode.TooManyRequests)), FailureKinds.RateLimited);
        yield return new TestCaseData(new AggregateException(new TimeoutException("t")), FailureKinds.Timeout);
        yield return new TestCaseData(new InvalidOperationException("something odd"), FailureKinds.Unknown);
    }

    [TestCaseSource(nameof(Exceptions))]
    public void FromException_ClassifiesTheKind(Exception exception, string kind)
    {
        var error = ErrorShaper.FromException(exception, Redactor, new RedactionLedger(), new RunArtifactsOptions());

        Assert.That(error.Kind, Is.EqualTo(kind));
        Assert.That(error.ExceptionType, Is.EqualTo(exception.GetType().FullName));
    }

    [TestCase("Provider answered 429: rate limit exceeded", null, FailureKinds.RateLimited)]
    [TestCase("HTTP 500 from upstream", null, FailureKinds.ProviderError)]
    [TestCase("job failed", 400, FailureKinds.InvalidRequest)]
    [TestCase("deadline exceeded while polling", null, FailureKinds.Timeout)]
    [TestCase("connection refused by 10.0.0.1", null, FailureKinds.Network)]
    [TestCase("all good?", null, FailureKinds.Unknown)]
    public void ClassifyMessage_ByStatusThenKeywords(string message, int? status, string kind)
        => Assert.That(ErrorShaper.ClassifyMessage(message, null, status), Is.EqualTo(kind));

    [Test]
    public void Classifiers_AskedFirstInOrder_InvalidOrThrowingOnesSkipped()
    {
        var options = new RunArtifactsOptions()
            .AddFailureClassifier(_ => throw new InvalidOperationException("broken classifier"))
            .AddFailureClassifier(_ => "Not Snake Case")
            .AddFailureClassifier(f => f.Message.Contains("GPU", StringComparison.Ordinal) ? "gpu_unavailable" : null)
            .AddFailureClassifier(f => f.HttpStatus == 429 ? "custom_throttle" : null);

        var gpu = ErrorShaper.FromException(new TimeoutException("no GPU free"), Redactor, new RedactionLedger(), options);
        var throttled = ErrorShaper.FromMessage(FailureKinds.Unknown, "slow down", 429, null, null, Redactor, new RedactionLedger(), options);
        var plain = ErrorShaper.FromException(new TimeoutException("slow"), Redactor, new RedactionLedger(), options);

        Assert.That((gpu.Kind, throttled.Kind, plain.Kind), Is.EqualTo(("gpu_unavailable", "custom_throttle", FailureKinds.Timeout)));
    }

    [Test]
    public void FromException_InnerErrorsStatusAndStackTrace_Shaped()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer with key sk-T3stOnlyAbCdEfGhIjKlMnOpQrStUvWx1234", new AggregateException(new TimeoutException("t1"), new IOException("disk")));
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var ledger = new RedactionLedger();
        var withStack = ErrorShaper.FromException(thrown, Redactor, ledger, new RunArtifactsOptions { CaptureStackTraces = true });
        var withoutStack = ErrorShaper.FromException(thrown, Redactor, new RedactionLedger(), new RunArtifactsOptions());

        Assert.That(withStack.Message, Is.EqualTo("outer with key [REDACTED]"));
        Assert.That(withStack.Kind, Is.EqualTo(FailureKinds.Timeout), "classified from the first inner error");
        Assert.That(withStack.Inner.Single().ExceptionType, Is.EqualTo("System.AggregateException"));
        Assert.That(withStack.Inner.Single().Inner.Select(i => i.Kind), Is.EqualTo(new[] { FailureKinds.Timeout, FailureKinds.Io }));
        Assert.That(withStack.StackTrace, Does.Contain(nameof(FromException_InnerErrorsStatusAndStackTrace_Shaped)));
        Assert.That(withoutStack.StackTrace, Is.Null);
        Assert.That(ledger.ToSummary("m", 10).Entries.Select(e => (e.File, e.Location)), Does.Contain(("run.json#errors", "message")));
    }

    [Test]
    public void FromMessage_LongBody_HeadAndTailKeptWithAccounting()
    {
        var options = new RunArtifactsOptions { Capture = { MaxMessageChars = 400 } };
        var body = "HEAD " + new string('x', 5000) + " password=hunter2hunter2 " + new string('y', 5000) + " TAIL";

        var error = ErrorShaper.FromMessage(FailureKinds.ProviderError, body, 500, "E500", "poll", Redactor, new RedactionLedger(), options);

        Assert.That(error.Message, Does.StartWith("HEAD ").And.EndWith(" TAIL"));
        Assert.That(error.Message, Does.Not.Contain("hunter2"));
        var capture = error.MessageCapture!;
        Assert.That(capture.Truncated, Is.True);
        Assert.That(capture.OriginalBytes, Is.EqualTo(body.Length));
        Assert.That(capture.HeadBytes, Is.EqualTo(300));
        Assert.That(capture.TailBytes, Is.EqualTo(100));
        Assert.That(capture.OmittedBytes, Is.GreaterThan(9000));
        Assert.That(error.Message, Does.Contain(capture.OriginalSha256));
        Assert.That((error.HttpStatus, error.Code, error.Stage), Is.EqualTo(((int?)500, "E500", "poll")));
    }

    [Test]
    public async Task Builder_SeveralErrorsAndWarnings_AllRecordedInRunJson()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("store"));

        var run = await store.CreateRun("m")
            .AddError(FailureKinds.Network, "first attempt: connection reset", stage: "submit")
            .AddWarning("retried", "retried once")
            .AddWarning("slow", "took 90 s")
            .Failed(new HttpRequestException("x", null, HttpStatusCode.ServiceUnavailable), stage: "poll")
            .CommitAsync();

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.FullPath, "run.json")));
        var kinds = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("kind").GetString());
        Assert.That(kinds, Is.EqualTo(new[] { FailureKinds.Network, FailureKinds.ProviderError }));
        Assert.That(doc.RootElement.GetProperty("warnings").GetArrayLength(), Is.EqualTo(2));
        Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("failed"));
    }
}
