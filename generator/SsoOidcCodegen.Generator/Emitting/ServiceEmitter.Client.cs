namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>The client and its interface (<c>Client.sbn</c>, <c>ClientInterface.sbn</c>), from one view model.</content>
internal sealed partial class ServiceEmitter
{
    private ClientViewModel? clientView;

    private ClassRender ClientRender(string template, string typeName) => new(typeName, template, clientView ??= ClientView(), withoutBlankLineBeforeEnd: false);

    private ClientViewModel ClientView()
    {
        var typeNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ShapeSpec shape in shapesByType.Values)
        {
            if (!typeNames.ContainsKey(shape.Name))
            {
                typeNames[shape.Name] = shape.TypeName;
            }
        }

        Dictionary<string, string> tryNames = TryMethodNames();
        var operations = spec.Operations.Select(o => new ClientOperationViewModel(
            o.MethodName,
            tryNames[o.MethodName],
            Documentation.Escape(o.Name),
            ModelType(o.RequestType),
            ModelType(o.ResponseType),
            "global::" + InternalNamespace + "." + OperationClass(o),
            Documentation.Summary(o.Documentation, $"Calls {o.Name}."),
            o.Errors.Select(e => new ClientErrorViewModel("global::" + ModelNamespace + "." + typeNames[e], Documentation.Escape(e))).ToList(),
            o.Auth.ToString(),
            o.IsDeprecated,
            o.DeprecatedMessage is null ? null : CSharpNames.StringLiteral(o.DeprecatedMessage))).ToList();

        bool rules = spec.EndpointRules is not null;
        return new ClientViewModel(
            header,
            spec.Namespace,
            visibility,
            spec.ClientName,
            Documentation.Summary(spec.Documentation, $"A client for {spec.ServiceId}."),
            spec.LeftOut.Select(Documentation.Escape).ToList(),
            CSharpNames.StringLiteral(spec.ServiceId),
            CSharpNames.StringLiteral(spec.EndpointPrefix),
            CSharpNames.StringLiteral(spec.SigningName),
            CSharpNames.StringLiteral(spec.ApiVersion),
            protocol.Kind.ToString(),
            protocol.Codec == BodyCodec.Json && spec.AwsQueryCompatible ? "QueryCompatible" : protocol.Codec.ToString(),
            spec.TargetPrefix is null ? "null" : CSharpNames.StringLiteral(spec.TargetPrefix),
            operations,
            "global::" + spec.Namespace + "." + BaseException,
            "global::" + InternalNamespace + "." + ErrorsClass,
            rules,
            rules ? EndpointParametersType : string.Empty,
            rules ? ClientEndpointParameters() : [],
            rules ? EndpointResolverType : string.Empty,
            rules && !RulesTakeEndpoint,
            rules && RulesReadAccountId);
    }

    /// <summary>
    /// The exception-free variant of each operation, by its method name: <c>CreateTokenAsync</c> → <c>TryCreateTokenAsync</c>,
    /// numbered (<c>TryCreateToken2Async</c>) when another operation's own method already has that name.
    /// </summary>
    private Dictionary<string, string> TryMethodNames()
    {
        if (tryMethodNames is not null)
        {
            return tryMethodNames;
        }

        var taken = new HashSet<string>(spec.Operations.Select(o => o.MethodName), StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (OperationSpec operation in spec.Operations)
        {
            string stem = operation.MethodName.Substring(0, operation.MethodName.Length - "Async".Length);
            string name = "Try" + stem + "Async";
            for (int i = 2; !taken.Add(name); i++)
            {
                name = "Try" + stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Async";
            }

            names[operation.MethodName] = name;
        }

        return tryMethodNames = names;
    }

    /// <summary>What the client and its interface are made of.</summary>
    /// <param name="ErrorReader">How the client reads an error answer: Json (the runtime's default), Xml, Cbor or QueryCompatible.</param>
    private sealed record ClientViewModel(
        string Header,
        string Namespace,
        string Visibility,
        string ClientName,
        IReadOnlyList<string> DocLines,
        List<string> LeftOut,
        string ServiceIdLiteral,
        string EndpointPrefixLiteral,
        string SigningNameLiteral,
        string ApiVersionLiteral,
        string Protocol,
        string ErrorReader,
        string TargetPrefixLiteral,
        List<ClientOperationViewModel> Operations,
        string BaseException,
        string ErrorsClass,
        bool HasEndpointResolver,
        string EndpointParametersType,
        List<EndpointParameterViewModel> EndpointParameters,
        string EndpointResolverType,
        bool ServiceUrlReplacesRules,
        bool RulesReadAccountId);

    /// <summary>One operation's methods: the throwing one and its <c>Try</c> variant.</summary>
    /// <param name="Auth">The auth scheme's name (None, Bearer, SigV4...): which credentials exception the call may throw.</param>
    /// <param name="DeprecatedLiteral">The deprecation message as a literal, when the model gives one.</param>
    private sealed record ClientOperationViewModel(
        string MethodName,
        string TryMethodName,
        string OperationName,
        string RequestType,
        string ResponseType,
        string OperationClass,
        IReadOnlyList<string> DocLines,
        List<ClientErrorViewModel> Errors,
        string Auth,
        bool IsDeprecated,
        string? DeprecatedLiteral);

    /// <summary>A modelled error an operation may throw: the exception type and the error's name (escaped for documentation).</summary>
    private sealed record ClientErrorViewModel(string Type, string Name);
}
