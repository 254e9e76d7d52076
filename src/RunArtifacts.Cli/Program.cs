using RunArtifacts.Cli;
using RunArtifacts.Cli.Internal;

// Before anything starts a thread of libvips: see ProcessHeap.
ProcessHeap.Prepare();

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await ArtifactsCli.RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
