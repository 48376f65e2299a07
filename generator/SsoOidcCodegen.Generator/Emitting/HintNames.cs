namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SsoOidcCodegen.Generator.Naming;

/// <summary>
/// Hint names Roslyn accepts for every model: only <c>[A-Za-z0-9._-]</c> (a model file may be called
/// <c>demo:v2.json</c>), short enough for a file name, and unique ignoring case, as Roslyn compares them
/// (<c>InternalException</c> and <c>INTERNALEXCEPTION</c> are two types but would be one hint name).
/// </summary>
internal sealed class HintNames
{
    private const string Suffix = ".g.cs";
    private const int MaxLength = 180;
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A safe, unique version of <paramref name="wanted"/> (which ends in <c>.g.cs</c>).</summary>
    public string Add(string wanted)
    {
        string stem = wanted.EndsWith(Suffix, StringComparison.Ordinal) ? wanted.Substring(0, wanted.Length - Suffix.Length) : wanted;
        var builder = new StringBuilder(stem.Length);
        foreach (char c in stem)
        {
            builder.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '.' or '_' or '-' ? c : '_');
        }

        string safe = builder.ToString();
        if (safe.Length > MaxLength)
        {
            safe = safe.Substring(0, MaxLength - 9) + "_" + CSharpNames.StableHash(stem);
        }

        string name = safe;
        for (int i = 2; !used.Add(name); i++)
        {
            name = safe + "_" + i.ToString(CultureInfo.InvariantCulture);
        }

        return name + Suffix;
    }
}
