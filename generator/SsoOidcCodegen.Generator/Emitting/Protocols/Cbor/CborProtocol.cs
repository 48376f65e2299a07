namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>smithy-rpc-v2-cbor: <c>POST /service/{service}/operation/{operation}</c> with CBOR bodies, errors named by <c>__type</c>.</summary>
internal static class CborProtocol
{
    public static readonly WireProtocol Descriptor = new()
    {
        Kind = ProtocolKind.RpcV2Cbor,
        ModelName = "smithy-rpc-v2-cbor",
        Request = RequestForm.Cbor,
        Codec = BodyCodec.Cbor,
        Binding = (service, operation) => "POST /service/" + service.TargetPrefix + "/operation/" + operation.Name + " (rpc-v2-cbor)",
        TargetPrefixUse = "the smithy-rpc-v2-cbor protocol names each operation as /service/targetPrefix/operation/Operation",
    };
}
