namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.IO;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("ssooidc-auth-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> to a file under the directory (creating folders) and returns its path.</summary>
    public string Write(string relativePath, string content)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
