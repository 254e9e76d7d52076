using System.Buffers;
using System.Security.Cryptography;

namespace RunArtifacts.Verification.Internal;

/// <summary>Streams a file through SHA-256 with large sequential reads (the BCL's SHA-256 is the platform's, OpenSSL on Linux).</summary>
internal static class FileHasher
{
    private const int BufferSize = 1 << 20;

    public static (long Bytes, string Sha256) Hash(string path, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, BufferSize), offset);
                if (read == 0)
                {
                    break;
                }

                sha.AppendData(buffer, 0, read);
                offset += read;
            }

            return (offset, Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
