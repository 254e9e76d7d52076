using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Tests.Redaction;

public class PrivacyScrubberTests
{
    private static readonly PrivacyScrubber Scrubber = new(
        [("/home/alice", "~"), ("/tmp", "<temp>")],
        [("alice", "<user>", "privacy:user"), ("build-07", "<host>", "privacy:host")]);

    [TestCase("Could not find file '/tmp/ra-x/in/a.png'.", "Could not find file '<temp>/ra-x/in/a.png'.")]
    [TestCase("at Foo() in /home/alice/src/Foo.cs:line 3", "at Foo() in ~/src/Foo.cs:line 3")]
    [TestCase("ran on build-07 as alice", "ran on <host> as <user>")]
    [TestCase("ran on BUILD-07.local", "ran on <host>.local")]
    public void Scrub_MachinePathsAndNames_Replaced(string text, string expected)
    {
        var ledger = new RedactionLedger();

        Assert.That(Scrubber.Scrub(text, "run.json#errors", "message", ledger), Is.EqualTo(expected));
        Assert.That(ledger.Total, Is.GreaterThan(0));
    }

    [TestCase("https://example.com/tmp/file and /tmpfiles/x")]
    [TestCase("malice and alicent and build-070")]
    [TestCase("relative tmp/x and home/alice2")]
    public void Scrub_LookAlikes_Unchanged(string text)
    {
        var ledger = new RedactionLedger();

        Assert.That(Scrubber.Scrub(text, "f", "l", ledger), Is.SameAs(text));
        Assert.That(ledger.Total, Is.Zero);
    }

    [Test]
    public void Scrub_StoreRoot_ReplacedUnlessAbsolutePathsAreRecorded()
    {
        var text = "ffmpeg: /data/runs/.staging/x/original/output_01.png: Invalid data";

        var scrubbed = new PrivacyScrubber(recordAbsolutePaths: false, recordMachineIdentity: true, storeRoot: "/data/runs").Scrub(text, "f", "l", new RedactionLedger());
        var kept = new PrivacyScrubber(recordAbsolutePaths: true, recordMachineIdentity: true, storeRoot: "/data/runs").Scrub(text, "f", "l", new RedactionLedger());

        Assert.That(scrubbed, Is.EqualTo("ffmpeg: <root>/.staging/x/original/output_01.png: Invalid data"));
        Assert.That(kept, Is.SameAs(text));
    }
}
