namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.Collections.Generic;

/// <summary>Environment variables for a test: only what the test sets exists.</summary>
internal sealed class FakeEnvironment
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public string? this[string name]
    {
        get => _variables.TryGetValue(name, out string? value) ? value : null;
        set
        {
            if (value is null)
            {
                _variables.Remove(name);
            }
            else
            {
                _variables[name] = value;
            }
        }
    }

    public Func<string, string?> Reader => name => this[name];
}
