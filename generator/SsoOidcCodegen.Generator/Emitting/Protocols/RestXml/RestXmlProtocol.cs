namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>
/// restXml (<c>rest-xml</c>): the REST binding with XML bodies and payloads; a 200 answer may be an <c>Error</c>
/// document (S3); output event streams.
/// </summary>
internal static class RestXmlProtocol
{
    public static readonly WireProtocol Descriptor = new()
    {
        Kind = ProtocolKind.RestXml,
        ModelName = "rest-xml",
        Request = RequestForm.Rest,
        Codec = BodyCodec.Xml,
        Binding = RestBinding.Describe,
        WriteMethod = "WriteXml",
        WriteMembersMethod = "WriteXmlMembers",
        KeepsEmptyPrefixedHeaders = true,
        ErrorDocumentIn200 = true,
        OutputEventStreams = true,
    };
}
