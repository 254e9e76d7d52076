using System.Text.Json.Nodes;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Builder;

public sealed partial class RunArtifactBuilder
{
    /// <summary>Adds an input file by path. It is copied (or hard-linked) into <c>inputs/</c> at commit, hashed in the same pass.</summary>
    /// <param name="path">The file. It must exist at commit; a directory or a missing file is refused.</param>
    /// <param name="role">What it was for (<c>reference</c>, <c>motion</c>, <c>first_frame</c>, …); it also picks the file-name prefix.</param>
    /// <param name="kind">The kind of media; guessed from the content and name when omitted.</param>
    /// <param name="sourceUrl">Where it was downloaded from; signatures and credentials are redacted.</param>
    /// <param name="metadata">Free-form metadata, redacted.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddInput(string path, string? role = null, AssetKind? kind = null, string? sourceUrl = null, JsonObject? metadata = null)
    {
        Draft.Inputs.Add(FromPath(path, role, kind, sourceUrl, metadata));
        return this;
    }

    /// <summary>Adds an input from a stream, read once at commit.</summary>
    /// <param name="content">The content; it is read from its current position.</param>
    /// <param name="fileName">The file name to record (its extension picks the stored extension); never used as a path.</param>
    /// <param name="role">What it was for.</param>
    /// <param name="kind">The kind of media.</param>
    /// <param name="leaveOpen">Whether the stream stays open after the commit.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddInput(Stream content, string fileName, string? role = null, AssetKind? kind = null, bool leaveOpen = false)
    {
        Draft.Inputs.Add(FromStream(content, fileName, role, kind, leaveOpen));
        return this;
    }

    /// <summary>Adds an input from bytes in memory.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="fileName">The file name to record; never used as a path.</param>
    /// <param name="role">What it was for.</param>
    /// <param name="kind">The kind of media.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddInput(ReadOnlyMemory<byte> content, string fileName, string? role = null, AssetKind? kind = null)
    {
        Draft.Inputs.Add(FromBytes(content, fileName, role, kind));
        return this;
    }

    /// <summary>Adds an output file by path; it is kept byte-for-byte in <c>original/</c>. The first output is the hero.</summary>
    /// <param name="path">The file. It must exist at commit.</param>
    /// <param name="kind">The kind of media; guessed when omitted.</param>
    /// <param name="sourceUrl">Where it was downloaded from; signatures and credentials are redacted.</param>
    /// <param name="metadata">Free-form metadata, redacted.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddOutput(string path, AssetKind? kind = null, string? sourceUrl = null, JsonObject? metadata = null)
    {
        Draft.Outputs.Add(FromPath(path, "output", kind, sourceUrl, metadata));
        return this;
    }

    /// <summary>Adds an output from a stream, read once at commit.</summary>
    /// <param name="content">The content.</param>
    /// <param name="fileName">The file name to record; its extension picks the stored extension.</param>
    /// <param name="kind">The kind of media.</param>
    /// <param name="leaveOpen">Whether the stream stays open after the commit.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddOutput(Stream content, string fileName, AssetKind? kind = null, bool leaveOpen = false)
    {
        Draft.Outputs.Add(FromStream(content, fileName, "output", kind, leaveOpen));
        return this;
    }

    /// <summary>Adds an output from bytes in memory.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="fileName">The file name to record.</param>
    /// <param name="kind">The kind of media.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddOutput(ReadOnlyMemory<byte> content, string fileName, AssetKind? kind = null)
    {
        Draft.Outputs.Add(FromBytes(content, fileName, "output", kind));
        return this;
    }

    private static PendingFile FromPath(string path, string? role, AssetKind? kind, string? sourceUrl, JsonObject? metadata)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new PendingFile
        {
            SourcePath = path,
            OriginalFileName = Path.GetFileName(path),
            Role = role,
            Kind = kind,
            SourceUrl = sourceUrl,
            Metadata = (JsonObject?)metadata?.DeepClone(),
        };
    }

    private static PendingFile FromStream(Stream content, string fileName, string? role, AssetKind? kind, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!content.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(content));
        }

        return new PendingFile { Stream = content, LeaveStreamOpen = leaveOpen, OriginalFileName = fileName, Role = role, Kind = kind };
    }

    private static PendingFile FromBytes(ReadOnlyMemory<byte> content, string fileName, string? role, AssetKind? kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return new PendingFile { Bytes = content, OriginalFileName = fileName, Role = role, Kind = kind };
    }
}
