namespace SsoOidcCodegen.Runtime.Protocols.Query;

using System.Text;

/// <summary>
/// The form-encoded body of the awsQuery and ec2Query protocols: <c>Action</c> and <c>Version</c>
/// first, then each parameter the generated serializer adds, percent-encoded as RFC 3986 asks.
/// </summary>
public sealed class QueryWriter
{
    /// <summary>The content type of every query request.</summary>
    public const string ContentType = "application/x-www-form-urlencoded";

    private readonly StringBuilder text = new(128);

    /// <summary>Starts the body with the operation name and the API version.</summary>
    /// <param name="action">The operation name.</param>
    /// <param name="version">The model's API version.</param>
    public QueryWriter(string action, string version)
    {
        Add("Action", action);
        Add("Version", version);
    }

    /// <summary>The name of a member under a prefix (<c>Parent.Member</c>), or the member name at the top.</summary>
    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>The name of the <paramref name="index"/>-th (from 1) element under a prefix.</summary>
    public static string Index(string prefix, int index) => prefix + "." + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds one parameter.</summary>
    /// <param name="name">The parameter name (not yet encoded).</param>
    /// <param name="value">The value (not yet encoded).</param>
    public void Add(string name, string value)
    {
        if (text.Length > 0)
        {
            text.Append('&');
        }

        HttpWire.AppendUriEncoded(text, name, keepSlash: false);
        text.Append('=');
        HttpWire.AppendUriEncoded(text, value, keepSlash: false);
    }

    /// <summary>The body as UTF-8 bytes.</summary>
    public byte[] ToArray() => Encoding.UTF8.GetBytes(text.ToString());

    /// <inheritdoc/>
    public override string ToString() => text.ToString();
}
