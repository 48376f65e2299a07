namespace SsoOidcCodegen.Runtime.Http;

using System;

/// <summary>
/// The one check every header value passes before it goes on the wire: CR, LF and NUL end a header
/// line (or the header block), so a value holding one could add headers of its own choosing.
/// </summary>
internal static class HeaderValue
{
    /// <summary>True when <paramref name="value"/> holds a CR, LF or NUL character.</summary>
    public static bool BreaksHeaderLine(ReadOnlySpan<char> value) => value.IndexOfAny('\r', '\n', '\0') >= 0;
}
