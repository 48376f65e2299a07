namespace SsoOidcCodegen.Runtime.Protocols.EventStream;

/// <summary>The type byte of an event-stream header value, as <c>application/vnd.amazon.eventstream</c> numbers them.</summary>
public enum EventStreamHeaderType : byte
{
    /// <summary>Boolean true (no value bytes).</summary>
    BoolTrue = 0,

    /// <summary>Boolean false (no value bytes).</summary>
    BoolFalse = 1,

    /// <summary>A signed 8-bit integer.</summary>
    Byte = 2,

    /// <summary>A signed 16-bit big-endian integer.</summary>
    Short = 3,

    /// <summary>A signed 32-bit big-endian integer.</summary>
    Integer = 4,

    /// <summary>A signed 64-bit big-endian integer.</summary>
    Long = 5,

    /// <summary>Bytes with a 16-bit big-endian length.</summary>
    ByteArray = 6,

    /// <summary>UTF-8 text with a 16-bit big-endian length.</summary>
    String = 7,

    /// <summary>Milliseconds since the Unix epoch, a signed 64-bit big-endian integer.</summary>
    Timestamp = 8,

    /// <summary>A UUID, 16 bytes in RFC 4122 order.</summary>
    Uuid = 9,
}
