using RunArtifacts.Builder.Internal;
using RunArtifacts.Internal;
using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Builder;

/// <summary>
/// Composes one generation run and commits it atomically as a run bundle. Mutable, chainable and single-use:
/// arguments are checked as they are given, whole-run rules at <see cref="CommitAsync"/>; once <see cref="CommitAsync"/>
/// is called the builder is frozen and every later call (a second commit included) throws <see cref="InvalidOperationException"/>.
/// Nothing touches the disk before <see cref="CommitAsync"/>.
/// </summary>
/// <example>
/// <code>
/// var run = await store.CreateRun("nano_banana_pro")
///     .WithSlug("cinematic v01")
///     .WithPrompt("a lighthouse at dusk")
///     .AddOutput("out.png")
///     .CommitAsync();
/// </code>
/// </example>
public sealed partial class RunArtifactBuilder
{
    private readonly RunArtifactStore store;
    private readonly RunDraft draft;

    /// <summary>Starts a run for the given model in the given store; its creation time is taken now from the store's <see cref="TimeProvider"/>.</summary>
    /// <param name="store">The store the run is committed to.</param>
    /// <param name="modelKey">The caller's key for the model (<c>nano_banana_pro</c>); it is slugged into the run id.</param>
    public RunArtifactBuilder(RunArtifactStore store, string modelKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        Guard.NotBlank(modelKey, nameof(modelKey));
        this.store = store;
        draft = new RunDraft { ModelKey = modelKey, CreatedAt = store.TimeProvider.GetUtcNow() };
    }

    /// <summary>The draft, for a call that changes it: refused once <see cref="CommitAsync"/> has started.</summary>
    private RunDraft Draft => draft.IsFrozen
        ? throw new InvalidOperationException("This RunArtifactBuilder was handed to CommitAsync and is frozen; it cannot change. Make a new builder for the next run.")
        : draft;

    /// <summary>Sets the provider's own model name.</summary>
    /// <param name="providerModel">The name (<c>google/nano-banana-pro</c>).</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithProviderModel(string providerModel)
    {
        Draft.ProviderModel = Guard.NotBlank(providerModel, nameof(providerModel));
        return this;
    }

    /// <summary>Sets the task mode.</summary>
    /// <param name="taskMode">For example <c>text_to_image</c> or <c>image_to_video</c>.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithTaskMode(string taskMode)
    {
        Draft.TaskMode = Guard.NotBlank(taskMode, nameof(taskMode));
        return this;
    }

    /// <summary>Sets a slug appended to the run id; it is lower-cased and every run of other characters becomes one <c>_</c>.</summary>
    /// <param name="slug">Free text (<c>Cinematic v01</c> becomes <c>cinematic_v01</c>).</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithSlug(string slug)
    {
        Draft.Slug = Guard.NotBlank(slug, nameof(slug));
        return this;
    }

    /// <summary>Overrides the creation time (by default, when the builder was made).</summary>
    /// <param name="createdAt">The time; stored in UTC.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithCreatedAt(DateTimeOffset createdAt)
    {
        Draft.CreatedAt = createdAt.ToUniversalTime();
        return this;
    }

    /// <summary>Adds tags; duplicates and blank tags are ignored.</summary>
    /// <param name="tags">The tags.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddTags(params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            if (!string.IsNullOrWhiteSpace(tag) && Draft.TagSet.Add(tag.Trim()))
            {
                Draft.Tags.Add(tag.Trim());
            }
        }

        return this;
    }

    /// <summary>Sets where the run came from.</summary>
    /// <param name="source">Type, user, channel, agent, project and notes.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithSource(SourceContextRecord source)
    {
        Draft.Source = source ?? throw new ArgumentNullException(nameof(source));
        return this;
    }

    /// <summary>Sets free-form notes, kept in <c>run.json</c> and <c>notes.md</c> (redacted).</summary>
    /// <param name="notes">The notes.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithNotes(string notes)
    {
        Draft.Notes = notes ?? throw new ArgumentNullException(nameof(notes));
        return this;
    }

    /// <summary>Reports progress of the commit (copies, derivatives, publish) to <paramref name="progress"/>.</summary>
    /// <param name="progress">The receiver.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithProgress(IProgress<Derivatives.CommitProgress> progress)
    {
        Draft.Progress = progress ?? throw new ArgumentNullException(nameof(progress));
        return this;
    }

    /// <summary>Adds a derivative generator for this run only, beside those of the store.</summary>
    /// <param name="generator">The generator.</param>
    /// <param name="required">When true, its failure fails the commit.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddDerivativeGenerator(Derivatives.IDerivativeGenerator generator, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Draft.ExtraGenerators.Add(new Derivatives.DerivativeRegistration(generator, required));
        return this;
    }

    /// <summary>Commits without making derivatives (originals, records and sidecars only).</summary>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithoutDerivatives()
    {
        Draft.SkipDerivatives = true;
        return this;
    }

    /// <summary>
    /// Commits the run: stages every file under <c>.staging</c>, hashes while copying, makes derivatives, writes the
    /// records, flushes, publishes the folder with one rename and appends one index line.
    /// </summary>
    /// <param name="cancellationToken">Cancels the commit; nothing is published.</param>
    /// <returns>The committed run.</returns>
    /// <exception cref="ArtifactValidationException">The run is not valid; nothing was written.</exception>
    /// <exception cref="ArtifactCommitException">I/O failed or a required derivative failed; nothing was published.</exception>
    /// <exception cref="InvalidOperationException">The builder was already committed.</exception>
    /// <remarks>The builder is frozen as soon as this is called: any later call on it throws <see cref="InvalidOperationException"/>.</remarks>
    public Task<CommittedRun> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (!draft.TryFreeze())
        {
            throw new InvalidOperationException("This RunArtifactBuilder was already committed; make a new one for the next run.");
        }

        return store.CommitAsync(draft, cancellationToken);
    }
}
