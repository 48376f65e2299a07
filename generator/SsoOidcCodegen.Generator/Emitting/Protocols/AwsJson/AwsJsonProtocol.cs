namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>
/// awsJson 1.0 and 1.1 (<c>json</c>, told apart by <c>metadata.jsonVersion</c>): every call a <c>POST /</c> naming its
/// operation in <c>X-Amz-Target</c>, JSON bodies; output event streams begin with an <c>initial-response</c> event.
/// </summary>
internal static class AwsJsonProtocol
{
    public static readonly WireProtocol Version10 = Create(ProtocolKind.AwsJson10, "1.0", "application/x-amz-json-1.0");

    /// <summary>1.1 also answers to a model that names no <c>jsonVersion</c>.</summary>
    public static readonly WireProtocol Version11 = Create(ProtocolKind.AwsJson11, null, "application/x-amz-json-1.1");

    private static WireProtocol Create(ProtocolKind kind, string? jsonVersion, string contentType) => new()
    {
        Kind = kind,
        ModelName = "json",
        JsonVersion = jsonVersion,
        Request = RequestForm.AwsJson,
        Codec = BodyCodec.Json,
        Binding = (service, operation) => "POST / with X-Amz-Target " + service.TargetPrefix + "." + operation.Name,
        ContentType = contentType,
        TargetPrefixUse = "the json protocol names each operation as targetPrefix.Operation in X-Amz-Target",
        InitialResponseEvent = true,
        OutputEventStreams = true,
    };
}
