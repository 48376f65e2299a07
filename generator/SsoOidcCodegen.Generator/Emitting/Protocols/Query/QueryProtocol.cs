namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>
/// awsQuery (<c>query</c>) and ec2Query (<c>ec2</c>): form-encoded <c>POST /</c> requests with <c>Action</c> and
/// <c>Version</c>, XML answers (awsQuery's inside an <c>XxxResult</c> element), ec2Query with its own member names.
/// </summary>
internal static class QueryProtocol
{
    public static readonly WireProtocol AwsQuery = Create(ProtocolKind.AwsQuery, "query") with { WrapsResult = true };

    public static readonly WireProtocol Ec2Query = Create(ProtocolKind.Ec2Query, "ec2") with { Ec2QueryNames = true };

    private static WireProtocol Create(ProtocolKind kind, string modelName) => new()
    {
        Kind = kind,
        ModelName = modelName,
        Request = RequestForm.Query,
        Codec = BodyCodec.Xml,
        Binding = (service, operation) => "POST / with Action=" + operation.Name + "&Version=" + service.ApiVersion,
        WriteMethod = "WriteQuery",
        WriteMembersMethod = null,
    };
}
