namespace SsoOidcCodegen.Generator.JmesPath;

using System;

/// <summary>An expression the parser or the compiler cannot handle; the message says why.</summary>
internal sealed class JmesPathException : Exception
{
    public JmesPathException(string message)
        : base(message)
    {
    }
}
