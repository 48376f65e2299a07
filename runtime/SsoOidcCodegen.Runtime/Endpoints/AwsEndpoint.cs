namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections.Generic;
using System.Text;

/// <summary>
/// A resolved endpoint: where to send a request, the headers the endpoint requires, and the endpoint's
/// properties (for example <c>authSchemes</c>, which adjust signing).
/// </summary>
public sealed class AwsEndpoint
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders =
        new Dictionary<string, IReadOnlyList<string>>(0, StringComparer.OrdinalIgnoreCase);

    private static readonly IReadOnlyDictionary<string, EndpointValue> NoProperties = EndpointValue.ObjectOf().AsObject();

    private Uri? _uri;
    private IReadOnlyList<EndpointAuthScheme>? _authSchemes;

    /// <summary>Creates an endpoint with a URL only.</summary>
    /// <param name="url">The endpoint URL, for example <c>https://oidc.us-east-1.amazonaws.com</c>.</param>
    public AwsEndpoint(string url)
        : this(url, null, null)
    {
    }

    /// <summary>Creates an endpoint.</summary>
    /// <param name="url">The endpoint URL.</param>
    /// <param name="headers">Headers the endpoint requires (name to values); null for none.</param>
    /// <param name="properties">The endpoint's properties; null for none.</param>
    public AwsEndpoint(string url, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers, IReadOnlyDictionary<string, EndpointValue>? properties)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        Headers = headers ?? NoHeaders;
        Properties = properties ?? NoProperties;
    }

    /// <summary>The endpoint URL exactly as the rules produced it.</summary>
    public string Url { get; }

    /// <summary>The endpoint URL as a <see cref="System.Uri"/>.</summary>
    /// <exception cref="UriFormatException">The rules produced a string that is not an absolute URI.</exception>
    public Uri Uri => _uri ??= new Uri(Url, UriKind.Absolute);

    /// <summary>Headers the endpoint requires, name to values; empty when there are none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The endpoint's properties, in the order the rules declare them; empty when there are none.</summary>
    public IReadOnlyDictionary<string, EndpointValue> Properties { get; }

    /// <summary>The <c>authSchemes</c> of <see cref="Properties"/>, read once; empty when the rules give none.</summary>
    /// <exception cref="EndpointResolutionException">An entry is not an object with a string <c>name</c>.</exception>
    public IReadOnlyList<EndpointAuthScheme> AuthSchemes => _authSchemes ??= EndpointAuthScheme.From(Properties);

    /// <summary>The URL, then any headers and properties.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Url);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in Headers)
        {
            builder.Append(' ').Append(header.Key).Append(": ").AppendJoin(", ", header.Value);
        }

        if (Properties.Count > 0)
        {
            builder.Append(' ');
            bool first = true;
            builder.Append('{');
            foreach (KeyValuePair<string, EndpointValue> property in Properties)
            {
                if (!first)
                {
                    builder.Append(',');
                }

                first = false;
                builder.Append(EndpointValue.Of(property.Key).ToJsonString()).Append(':').Append(property.Value.ToJsonString());
            }

            builder.Append('}');
        }

        return builder.ToString();
    }
}
