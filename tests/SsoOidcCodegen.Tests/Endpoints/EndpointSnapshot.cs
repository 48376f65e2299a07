namespace SsoOidcCodegen.Tests.Endpoints;

using System.IO;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Compares generated text with an approved file in <c>Endpoints/Snapshots/&lt;name&gt;.verified.txt</c>. On a
/// mismatch it writes <c>&lt;name&gt;.received.txt</c> beside it and fails with a unified diff; to approve, rename
/// the received file over the verified one.
/// </summary>
internal static class EndpointSnapshot
{
    private const int Context = 3;

    public static void Verify(string name, string actual)
    {
        string directory = Path.Combine(ReferenceData.RepoRoot, "tests", "SsoOidcCodegen.Tests", "Endpoints", "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.txt");
        string receivedPath = Path.Combine(directory, name + ".received.txt");
        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(verified is null
            ? $"No approved snapshot {verifiedPath}; the output is in {receivedPath}."
            : $"The output differs from {verifiedPath} (received: {receivedPath}):\n{UnifiedDiff(verified, actual)}");
    }

    private static string UnifiedDiff(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var shown = new bool[diff.Lines.Count];
        for (int i = 0; i < diff.Lines.Count; i++)
        {
            if (diff.Lines[i].Type != ChangeType.Unchanged)
            {
                for (int j = System.Math.Max(0, i - Context); j <= System.Math.Min(diff.Lines.Count - 1, i + Context); j++)
                {
                    shown[j] = true;
                }
            }
        }

        var text = new StringBuilder();
        for (int i = 0; i < diff.Lines.Count; i++)
        {
            if (!shown[i])
            {
                continue;
            }

            if (i > 0 && !shown[i - 1])
            {
                text.Append("@@ line ").Append(i + 1).Append(" @@\n");
            }

            char marker = diff.Lines[i].Type switch
            {
                ChangeType.Deleted => '-',
                ChangeType.Inserted => '+',
                _ => ' ',
            };
            text.Append(marker).Append(diff.Lines[i].Text).Append('\n');
        }

        return text.ToString();
    }
}
