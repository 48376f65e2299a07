namespace SsoOidcCodegen.Runtime;

/// <summary>The wire protocols generated clients speak.</summary>
public enum AwsProtocol
{
    /// <summary>REST with JSON bodies (<c>rest-json</c>, Smithy <c>aws.protocols#restJson1</c>).</summary>
    RestJson,

    /// <summary>awsJson 1.0: every call is a POST to <c>/</c> with <c>X-Amz-Target</c>.</summary>
    AwsJson10,

    /// <summary>awsJson 1.1: like 1.0, with content type <c>application/x-amz-json-1.1</c>.</summary>
    AwsJson11,

    /// <summary>awsQuery: form-encoded <c>Action</c>/<c>Version</c> requests, XML responses.</summary>
    AwsQuery,

    /// <summary>ec2Query: awsQuery with EC2's naming and list rules and its own error document.</summary>
    Ec2Query,

    /// <summary>REST with XML bodies (<c>rest-xml</c>, Smithy <c>aws.protocols#restXml</c>).</summary>
    RestXml,

    /// <summary>Smithy RPC v2 with CBOR bodies (<c>smithy-rpc-v2-cbor</c>).</summary>
    RpcV2Cbor,
}

/// <summary>How an operation authenticates.</summary>
public enum AwsAuthScheme
{
    /// <summary>No authentication (<c>smithy.api#noAuth</c>): no credentials are needed or sent.</summary>
    None,

    /// <summary>AWS Signature Version 4.</summary>
    SigV4,

    /// <summary>A bearer token in the <c>Authorization</c> header.</summary>
    Bearer,
}

/// <summary>What a generated client knows about its service, from the model's metadata.</summary>
/// <param name="ServiceId">The service id (for example <c>SSO OIDC</c>).</param>
/// <param name="EndpointPrefix">The host prefix of the service's endpoints (for example <c>oidc</c>).</param>
/// <param name="SigningName">The SigV4 signing name (for example <c>sso-oauth</c>).</param>
/// <param name="ApiVersion">The model's API version (for example <c>2019-06-10</c>).</param>
/// <param name="Protocol">The wire protocol.</param>
/// <param name="TargetPrefix">The <c>X-Amz-Target</c> prefix for the json protocol; null for rest-json.</param>
public sealed record AwsServiceInfo(
    string ServiceId,
    string EndpointPrefix,
    string SigningName,
    string ApiVersion,
    AwsProtocol Protocol,
    string? TargetPrefix);
