namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

using System;
using System.IO;

/// <summary>What is wrong with an event-stream frame.</summary>
public enum EventStreamFormatError
{
    /// <summary>The body ended inside a frame.</summary>
    Truncated,

    /// <summary>The prelude's CRC32 does not match its first 8 bytes.</summary>
    PreludeChecksumMismatch,

    /// <summary>The message's CRC32 does not match the frame.</summary>
    MessageChecksumMismatch,

    /// <summary>A total length below the 16-byte minimum, headers longer than the frame, or a frame above the limit.</summary>
    InvalidLength,

    /// <summary>A header with an unknown type, an empty name, or a value that runs past the headers.</summary>
    InvalidHeader,
}

/// <summary>
/// An event-stream frame could not be read: cut short, a checksum mismatch, an impossible length or a malformed
/// header. It is an <see cref="IOException"/>, as a broken body is. The message never quotes the frame's bytes.
/// </summary>
public sealed class EventStreamFormatException : IOException
{
    /// <summary>Creates the exception.</summary>
    public EventStreamFormatException(EventStreamFormatError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>What is wrong.</summary>
    public EventStreamFormatError Error { get; }
}
