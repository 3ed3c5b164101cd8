using System.Security.Cryptography;

namespace Multinet.Kube;

/// <summary>A random secret kept in a file only its owner can read: read when present, else generated and written once.</summary>
public static class OwnerOnlySecret
{
    /// <summary>The secret in <paramref name="path"/>; <paramref name="created"/> says it was generated just now.</summary>
    public static string LoadOrCreate(string path, out bool created)
    {
        created = false;
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } stored)
        {
            return stored;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        created = true;
        return secret;
    }
}
