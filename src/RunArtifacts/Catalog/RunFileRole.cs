namespace RunArtifacts.Catalog;

/// <summary>What a file of a run is, as the catalog records it.</summary>
public enum RunFileRole
{
    /// <summary>A copy of an input (<c>inputs/…</c>).</summary>
    Input,

    /// <summary>An original output, byte-for-byte (<c>original/…</c>).</summary>
    Output,

    /// <summary>A browsing derivative of an output (<c>web/…</c>, <c>thumb/…</c>).</summary>
    Derivative,

    /// <summary>A record or text the library wrote: <c>run.json</c>, <c>manifest.json</c>, <c>notes.md</c>, sidecars, the request, prompts, and any other file of the run.</summary>
    Record,

    /// <summary>A provider log named in <c>run.json</c>'s <c>logs</c>.</summary>
    Log,

    /// <summary>A file beyond the outputs (<c>artifacts/…</c>: a checkpoint, a prediction); an upstream end of lineage like an output.</summary>
    Artifact,
}
