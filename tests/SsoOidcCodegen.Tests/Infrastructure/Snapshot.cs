namespace SsoOidcCodegen.Tests.Infrastructure;

using System.IO;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit;

/// <summary>
/// Committed approved files with a readable diff on mismatch (Verify's job, done small). A mismatch
/// writes <c>*.received.txt</c> beside the approved file and fails with a unified-style diff.
/// Set <c>SSOOIDC_ACCEPT_SNAPSHOTS=1</c> to accept the received text.
/// </summary>
public static class Snapshot
{
    /// <summary>Compares <paramref name="actual"/> with the approved file <c>tests/SsoOidcCodegen.Tests/Snapshots/{name}.approved.txt</c>.</summary>
    public static void Match(string name, string actual)
    {
        string directory = Path.Combine(ReferenceData.RepoRoot, "tests", "SsoOidcCodegen.Tests", "Snapshots");
        string approvedPath = Path.Combine(directory, name + ".approved.txt");
        string receivedPath = Path.Combine(directory, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n");
        string? approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : null;
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (System.Environment.GetEnvironmentVariable("SSOOIDC_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(approvedPath, actual);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(approved is null
            ? $"No approved snapshot '{approvedPath}'. The output was written to '{receivedPath}'; review it and rename it to approve."
            : $"Snapshot '{name}' differs from the approved file (received text in '{receivedPath}'):\n{UnifiedDiff(approved, actual)}");
    }

    /// <summary>A compact unified-style diff: changed lines with three lines of context.</summary>
    public static string UnifiedDiff(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var output = new StringBuilder();
        int lastPrinted = -10;
        for (int i = 0; i < diff.Lines.Count; i++)
        {
            if (diff.Lines[i].Type == ChangeType.Unchanged)
            {
                continue;
            }

            int from = System.Math.Max(i - 3, lastPrinted + 1);
            if (from > lastPrinted + 1)
            {
                output.AppendLine("@@ line " + (from + 1) + " @@");
            }

            for (int j = from; j <= System.Math.Min(i + 3, diff.Lines.Count - 1); j++)
            {
                if (j <= lastPrinted)
                {
                    continue;
                }

                DiffPiece line = diff.Lines[j];
                char mark = line.Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' };
                output.Append(mark).AppendLine(line.Text);
                lastPrinted = j;
            }

            if (output.Length > 20000)
            {
                output.AppendLine("… (diff truncated)");
                break;
            }
        }

        return output.ToString();
    }
}
