namespace RunArtifacts.Storage;

/// <summary>How run folders are arranged under the root.</summary>
public enum RunLayout
{
    /// <summary><c>&lt;root&gt;/YYYY-MM-DD/&lt;run_id&gt;</c>, the run id being <c>YYYYMMDD_HHMMSS_model_key[_slug]</c> (the default).</summary>
    ByDate,

    /// <summary>
    /// The ML runs layout: <c>&lt;root&gt;/&lt;project&gt;/YYYY-MM-DD_HH-MM-SS_&lt;git hash or model key&gt;</c>; the folder name is the
    /// run id. The project is the run's (<c>WithProject</c>), else <see cref="RunArtifactsOptions.DefaultProject"/>.
    /// </summary>
    ByProject,
}
