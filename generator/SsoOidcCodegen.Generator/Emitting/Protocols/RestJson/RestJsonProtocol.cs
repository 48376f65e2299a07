namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>
/// restJson (<c>rest-json</c>): the REST binding (method, URI labels, query, headers, status code) with JSON bodies and
/// payloads, errors named by <c>__type</c> or <c>X-Amzn-ErrorType</c>; input and output event streams.
/// </summary>
internal static class RestJsonProtocol
{
    public static readonly WireProtocol Descriptor = new()
    {
        Kind = ProtocolKind.RestJson,
        ModelName = "rest-json",
        Request = RequestForm.Rest,
        Codec = BodyCodec.Json,
        Binding = RestBinding.Describe,
        InputEventStreams = true,
        OutputEventStreams = true,
    };
}
