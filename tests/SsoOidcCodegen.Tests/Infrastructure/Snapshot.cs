namespace SsoOidcCodegen.Tests.Infrastructure;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit;

/// <summary>
/// The one snapshot helper: committed approved files with a readable diff on mismatch (Verify's job, done
/// small). A mismatch writes <c>*.received.txt</c> beside the approved file and fails with a unified-style
/// diff. The one approval workflow: run the tests with <c>SSOOIDC_ACCEPT_SNAPSHOTS=1</c> and every snapshot
/// that differs is overwritten with what the code produces now (review the change with <c>git diff</c>).
/// </summary>
public static class Snapshot
{
    /// <summary>True when the run accepts the output as the new approved snapshots.</summary>
    public static bool Accepting => System.Environment.GetEnvironmentVariable("SSOOIDC_ACCEPT_SNAPSHOTS") == "1";

    /// <summary>Compares <paramref name="actual"/> with the approved file <c>tests/SsoOidcCodegen.Tests/Snapshots/{name}.approved.txt</c>.</summary>
    public static void Match(string name, string actual) =>
        MatchFile(Path.Combine(ReferenceData.RepoRoot, "tests", "SsoOidcCodegen.Tests", "Snapshots", name + ".approved.txt"), actual);

    /// <summary>Compares <paramref name="actual"/> with an approved file anywhere in the repository; the received file goes beside it.</summary>
    public static void MatchFile(string approvedPath, string actual)
    {
        string directory = Path.GetDirectoryName(approvedPath)!;
        string stem = Path.GetFileName(approvedPath);
        foreach (string suffix in new[] { ".approved.txt", ".verified.txt", ".txt" })
        {
            if (stem.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                stem = stem.Substring(0, stem.Length - suffix.Length);
                break;
            }
        }

        string receivedPath = Path.Combine(directory, stem + ".received.txt");
        actual = actual.Replace("\r\n", "\n");
        string? approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : null;
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Accepting)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(approvedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(approved is null
            ? $"No approved snapshot '{approvedPath}'. The output was written to '{receivedPath}'; review it and run with SSOOIDC_ACCEPT_SNAPSHOTS=1 to approve."
            : $"Snapshot '{approvedPath}' differs (received text in '{receivedPath}'; SSOOIDC_ACCEPT_SNAPSHOTS=1 approves it):\n{UnifiedDiff(approved, actual)}");
    }

    /// <summary>
    /// Compares a set of files (name → text) with a committed folder: every file must be there with the same
    /// text and no other file. Accepting rewrites the folder (stale files are deleted).
    /// </summary>
    public static void MatchDirectory(string directory, IReadOnlyDictionary<string, string> produced, string fixHint)
    {
        Dictionary<string, string> committed = Directory.Exists(directory)
            ? Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).Replace("\r\n", "\n"))
            : new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (string missing in produced.Keys.Except(committed.Keys).OrderBy(k => k, System.StringComparer.Ordinal))
        {
            problems.Add($"not committed: {missing}");
        }

        foreach (string stale in committed.Keys.Except(produced.Keys).OrderBy(k => k, System.StringComparer.Ordinal))
        {
            problems.Add($"committed but no longer generated: {stale}");
        }

        foreach (string name in produced.Keys.Intersect(committed.Keys).OrderBy(k => k, System.StringComparer.Ordinal))
        {
            if (produced[name] != committed[name])
            {
                problems.Add($"differs: {name}\n{UnifiedDiff(committed[name], produced[name])}");
            }
        }

        if (problems.Count > 0 && Accepting)
        {
            Directory.CreateDirectory(directory);
            foreach (string stale in committed.Keys.Except(produced.Keys))
            {
                File.Delete(Path.Combine(directory, stale));
            }

            foreach ((string name, string text) in produced)
            {
                File.WriteAllText(Path.Combine(directory, name), text);
            }

            return;
        }

        Assert.True(problems.Count == 0, $"'{directory}' is stale; {fixHint} or run the tests with SSOOIDC_ACCEPT_SNAPSHOTS=1:\n" + string.Join("\n", problems));
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
