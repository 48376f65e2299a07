namespace SsoOidcCodegen.Runtime.Endpoints;

/// <summary>The kinds of value an <see cref="EndpointValue"/> holds: the JSON subset endpoint properties use.</summary>
public enum EndpointValueKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>An ordered list of values.</summary>
    Array,

    /// <summary>An ordered map from member names to values.</summary>
    Object,
}
