namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;

/// <summary>The protocols this generator speaks: one registration line each, in the order a model's names are matched.</summary>
internal static class WireProtocols
{
    /// <summary>Every registered protocol.</summary>
    public static readonly IReadOnlyList<WireProtocol> All =
    [
        RestJsonProtocol.Descriptor,
        AwsJsonProtocol.Version10,
        AwsJsonProtocol.Version11,
        QueryProtocol.AwsQuery,
        QueryProtocol.Ec2Query,
        RestXmlProtocol.Descriptor,
        CborProtocol.Descriptor,
    ];

    private static readonly Dictionary<ProtocolKind, WireProtocol> ByKind = All.ToDictionary(p => p.Kind);

    /// <summary>The descriptor of a protocol a parsed model names.</summary>
    public static WireProtocol For(ProtocolKind kind) =>
        ByKind.TryGetValue(kind, out WireProtocol? protocol)
            ? protocol
            : throw new InvalidOperationException($"The protocol {kind} has no registered descriptor (WireProtocols.All).");

    /// <summary>
    /// The protocol a <c>metadata.protocol(s)</c> name stands for, or null when this generator does not speak it; a name two
    /// protocols share picks by <c>metadata.jsonVersion</c>, the one registered without a version taking every other.
    /// </summary>
    public static WireProtocol? FromModel(string name, string? jsonVersion)
    {
        WireProtocol? fallback = null;
        foreach (WireProtocol protocol in All)
        {
            if (protocol.ModelName != name)
            {
                continue;
            }

            if (protocol.JsonVersion is null)
            {
                fallback ??= protocol;
            }
            else if (protocol.JsonVersion == jsonVersion)
            {
                return protocol;
            }
        }

        return fallback;
    }
}
