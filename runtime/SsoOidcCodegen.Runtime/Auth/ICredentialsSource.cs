namespace SsoOidcCodegen.Runtime.Auth;

using System.Diagnostics.CodeAnalysis;

/// <summary>
/// A provider that can report "nothing here" without throwing, so that
/// <see cref="DefaultCredentialsChain"/> moves on cheaply and collects the reasons.
/// </summary>
internal interface ICredentialsSource
{
    /// <summary>What the chain calls this source in its error message.</summary>
    string Description { get; }

    /// <summary>The credentials, or false with a reason that names what was missing (never a secret).</summary>
    bool TryGetCredentials([NotNullWhen(true)] out AwsCredentials? credentials, [NotNullWhen(false)] out string? failure);
}
