namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <summary>What the REST protocols (restJson, restXml) share in their descriptors.</summary>
internal static class RestBinding
{
    /// <summary>An operation's binding as its documentation states it: the HTTP method and the request URI.</summary>
    /// <param name="service">The service (the binding does not depend on it).</param>
    /// <param name="operation">The operation.</param>
    /// <returns>For example <c>POST /token</c>.</returns>
    public static string Describe(ServiceSpec service, OperationSpec operation) => operation.HttpMethod + " " + operation.RequestUri;
}
