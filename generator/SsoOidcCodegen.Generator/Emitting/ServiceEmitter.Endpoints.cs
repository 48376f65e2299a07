namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Endpoints;
using SsoOidcCodegen.Generator.JmesPath;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The endpoint rule set's parameters, filled per call: the client's part (built-ins from the options, the model's
/// <c>clientContextParams</c>) in the client, the operation's part (<c>staticContextParams</c>, <c>contextParam</c>
/// members, <c>operationContextParams</c> JMESPath) in each operation class.
/// </content>
internal sealed partial class ServiceEmitter
{
    private string EndpointsNamespace => spec.Namespace + "." + EndpointsNamespaceName;

    private string EndpointParametersType => "global::" + EndpointsNamespace + "." + spec.ServiceName + "EndpointParameters";

    private string EndpointResolverType => "global::" + EndpointsNamespace + "." + spec.ServiceName + "EndpointResolver";

    /// <summary>Whether the rule set has an <c>SDK::Endpoint</c> parameter (else <c>ServiceUrl</c> replaces the rules).</summary>
    private bool RulesTakeEndpoint => spec.EndpointRules!.Parameters.Any(p => p.BuiltIn == "SDK::Endpoint");

    /// <summary>Whether the rule set reads the credentials' account id (<c>AWS::Auth::AccountId</c>): then the client's parameters take the call's credentials.</summary>
    private bool RulesReadAccountId => spec.EndpointRules!.Parameters.Any(IsAccountId);

    private static bool IsAccountId(BoundParameter parameter) => parameter.BuiltIn == "AWS::Auth::AccountId" && parameter.Kind == EndpointParameterKind.String;

    /// <summary>What the client's <c>CreateEndpointParameters</c> sets: built-ins from the options, then client context params.</summary>
    private List<EndpointParameterViewModel> ClientEndpointParameters()
    {
        var clientContext = new HashSet<string>(spec.ClientContextParams, StringComparer.Ordinal);
        var result = new List<EndpointParameterViewModel>();
        foreach (BoundParameter parameter in spec.EndpointRules!.Parameters)
        {
            bool accountId = IsAccountId(parameter);
            (string Expression, bool Nullable)? option = accountId ? null : BuiltInOption(parameter);
            string? reader = !clientContext.Contains(parameter.Name) ? null : parameter.Kind switch
            {
                EndpointParameterKind.Boolean => "ClientContextBoolean",
                EndpointParameterKind.StringArray => "ClientContextStrings",
                _ => "ClientContextString",
            };
            if (accountId || option is not null || reader is not null)
            {
                result.Add(new EndpointParameterViewModel(parameter.PropertyName, Local(parameter), CSharpNames.StringLiteral(parameter.Name), accountId, option?.Expression, option?.Nullable == true, reader));
            }
        }

        return result;
    }

    private static string Local(BoundParameter parameter) => "option" + parameter.PropertyName;

    /// <summary>The option that supplies a built-in, and whether it may be unset (then the rule set's default stands).</summary>
    private static (string Expression, bool Nullable)? BuiltInOption(BoundParameter parameter) => parameter.BuiltIn switch
    {
        "AWS::Region" when parameter.Kind == EndpointParameterKind.String => ("EndpointRegion()", false),
        "AWS::UseFIPS" when parameter.Kind == EndpointParameterKind.Boolean => ("Options.UseFips", false),
        "AWS::UseDualStack" when parameter.Kind == EndpointParameterKind.Boolean => ("Options.UseDualStack", false),
        "SDK::Endpoint" when parameter.Kind == EndpointParameterKind.String => ("Options.ServiceUrl?.OriginalString", true),
        "AWS::S3::ForcePathStyle" when parameter.Kind == EndpointParameterKind.Boolean => ("Options.ForcePathStyle", true),
        "AWS::S3::Accelerate" when parameter.Kind == EndpointParameterKind.Boolean => ("Options.UseAccelerateEndpoint", true),
        "AWS::S3::UseArnRegion" or "AWS::S3Control::UseArnRegion" when parameter.Kind == EndpointParameterKind.Boolean => ("Options.UseArnRegion", true),
        "AWS::S3::DisableMultiRegionAccessPoints" when parameter.Kind == EndpointParameterKind.Boolean => ("Options.DisableMultiRegionAccessPoints", true),
        "AWS::S3::UseGlobalEndpoint" or "AWS::STS::UseGlobalEndpoint" when parameter.Kind == EndpointParameterKind.Boolean => ("Options.UseGlobalEndpoint", true),
        "AWS::Auth::AccountIdEndpointMode" when parameter.Kind == EndpointParameterKind.String => ("AccountIdEndpointMode()", false),
        _ => null,
    };

    /// <summary>What an operation's <c>ResolveEndpoint</c> does: the client's parameters, the operation's own, then the cached resolution.</summary>
    private OperationEndpointViewModel OperationEndpoint(OperationSpec operation, ShapeSpec request)
    {
        string owner = "global::" + spec.Namespace + "." + spec.ClientName;
        var parameters = spec.EndpointRules!.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var bindings = new List<EndpointBindingViewModel>();
        if (!operation.EndpointBindings.Any(binding => parameters.ContainsKey(binding.Parameter)))
        {
            // Nothing of the operation's own: the client's endpoint, resolved once (per account when the rules read it), serves every call.
            return new OperationEndpointViewModel(owner, RulesReadAccountId, false, bindings);
        }

        var compiler = new JmesPathCompiler(shapesByType, ModelNamespace);
        int locals = 0;
        foreach (EndpointBindingSpec binding in operation.EndpointBindings)
        {
            if (!parameters.TryGetValue(binding.Parameter, out BoundParameter? parameter))
            {
                continue;
            }

            string property = parameter.PropertyName;
            switch (binding.Kind)
            {
                case EndpointBindingKind.StaticBoolean when parameter.Kind == EndpointParameterKind.Boolean:
                    bindings.Add(new EndpointBindingViewModel("Static", property, binding.Boolean ? "true" : "false", [], string.Empty));
                    break;
                case EndpointBindingKind.StaticString when parameter.Kind == EndpointParameterKind.String:
                    bindings.Add(new EndpointBindingViewModel("Static", property, CSharpNames.StringLiteral(binding.Text!), [], string.Empty));
                    break;
                case EndpointBindingKind.StaticStrings when parameter.Kind == EndpointParameterKind.StringArray:
                    bindings.Add(new EndpointBindingViewModel("StaticStrings", property, string.Empty, binding.Strings.Select(CSharpNames.StringLiteral).ToList(), string.Empty));
                    break;
                case EndpointBindingKind.Member:
                    MemberSpec? member = request.Members.FirstOrDefault(m => m.Name == binding.Text);
                    if (member is not null && MemberForm(member, parameter.Kind) is { } form)
                    {
                        string local = "value" + (++locals).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        bindings.Add(new EndpointBindingViewModel(form, property, "request." + member.PropertyName, [], local));
                    }

                    break;
                case EndpointBindingKind.Path:
                    if (PathValue(compiler, binding.Text!, operation.RequestType, parameter.Kind, out string? reason) is { } path)
                    {
                        string local = "value" + (++locals).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        bindings.Add(new EndpointBindingViewModel(path.Form, property, path.Code, [], local));
                    }
                    else
                    {
                        bindings.Add(new EndpointBindingViewModel("Unbound", CSharpNames.CommentText(binding.Parameter), CSharpNames.CommentText(reason!), [], string.Empty));
                    }

                    break;
            }
        }

        return new OperationEndpointViewModel(owner, RulesReadAccountId, true, bindings);
    }

    /// <summary>
    /// How a request member or a compiled <c>operationContextParams</c> expression becomes the parameter's value: Value
    /// (as it is), EnumValue (a string enum's text), Strings (a list of strings as an array), or KeyStrings (a map's keys).
    /// </summary>
    private static string? MemberForm(MemberSpec member, EndpointParameterKind kind) => (member.Type.Kind, kind) switch
    {
        (TypeKind.String, EndpointParameterKind.String) => "Value",
        (TypeKind.StringEnum, EndpointParameterKind.String) => "EnumValue",
        (TypeKind.Boolean, EndpointParameterKind.Boolean) => "Value",
        (TypeKind.List, EndpointParameterKind.StringArray) when member.Type.Element is { Kind: TypeKind.String } => "Strings",
        _ => null,
    };

    /// <summary>An <c>operationContextParams</c> expression compiled over the request and its form (see <see cref="MemberForm"/>), or null with the reason.</summary>
    private static (string Code, string Form)? PathValue(JmesPathCompiler compiler, string expression, string requestType, EndpointParameterKind kind, out string? reason)
    {
        reason = null;
        try
        {
            string trimmed = expression.Trim();
            if (kind == EndpointParameterKind.StringArray && trimmed.StartsWith("keys(", StringComparison.Ordinal) && trimmed.EndsWith(")", StringComparison.Ordinal))
            {
                // keys(map): the names of a map member, the one function the endpoint bindings use beyond the waiters' subset.
                (string code, TypeRef type) = compiler.CompileRaw(trimmed.Substring(5, trimmed.Length - 6), "request", requestType);
                if (type.Kind == TypeKind.Map)
                {
                    return (code, "KeyStrings");
                }

                reason = "keys() needs a map";
                return null;
            }

            JmesPathCompiler.Compiled value = compiler.Compile(expression, "request", requestType);
            if ((kind == EndpointParameterKind.String && value.Kind == JmesPathCompiler.ValueKind.String)
                || (kind == EndpointParameterKind.Boolean && value.Kind == JmesPathCompiler.ValueKind.Boolean))
            {
                return (value.Code, "Value");
            }

            bool strings = value.RawElement is { Kind: TypeKind.String } || (value.RawElement is null && value.Element is { Kind: JmesPathCompiler.ValueKind.String });
            if (kind == EndpointParameterKind.StringArray && value.Kind == JmesPathCompiler.ValueKind.List && strings)
            {
                return (value.Code, "Strings");
            }

            reason = "its value does not have the parameter's type";
            return null;
        }
        catch (JmesPathException exception)
        {
            reason = exception.Message;
            return null;
        }
    }

    /// <summary>An operation's endpoint resolution: the client type, and the operation's own bindings when it has any.</summary>
    private sealed record OperationEndpointViewModel(string Owner, bool ReadsAccountId, bool HasOwnBindings, List<EndpointBindingViewModel> Bindings);

    /// <summary>
    /// One endpoint parameter an operation sets: <c>Form</c> Static (<c>Value</c> is a literal), StaticStrings (<c>Values</c> are
    /// literals), Unbound (<c>Property</c> and <c>Value</c> are the parameter and the reason, as comment text), or the form
    /// of a value read from the request (see <see cref="MemberForm"/>), set when present through <c>Local</c>.
    /// </summary>
    private sealed record EndpointBindingViewModel(string Form, string Property, string Value, List<string> Values, string Local);

    /// <summary>
    /// The URI label that S3's rules already put into the endpoint (the bucket, as host or path): the member bound to the
    /// rule set's <c>Bucket</c> parameter, when the request URI starts with its label. The SDKs drop it from the path likewise.
    /// </summary>
    private string? EndpointOwnedPathPrefix(OperationSpec operation, ShapeSpec request)
    {
        if (spec.EndpointRules is not { } rules || !rules.Parameters.Any(p => p.Name == "Bucket" && p.Kind == EndpointParameterKind.String))
        {
            return null;
        }

        EndpointBindingSpec? binding = operation.EndpointBindings.FirstOrDefault(b => b.Kind == EndpointBindingKind.Member && b.Parameter == "Bucket");
        MemberSpec? member = binding is null ? null : request.Members.FirstOrDefault(m => m.Name == binding.Text && m.Location == MemberLocation.Uri);
        if (member?.LocationName is not { } label)
        {
            return null;
        }

        string prefix = "/{" + label + "}";
        string uri = operation.RequestUri;
        return uri.StartsWith(prefix, StringComparison.Ordinal) && (uri.Length == prefix.Length || uri[prefix.Length] is '/' or '?') ? prefix : null;
    }

    /// <summary>
    /// One endpoint parameter the client's options supply: from the call's credentials (<c>AccountId</c>), from an option
    /// (<c>Option</c>, an expression over the client; when <c>OptionMayBeUnset</c> the rule set's default stands), and from
    /// the client context parameter reader <c>ClientContextReader</c> (a method of the options).
    /// </summary>
    private sealed record EndpointParameterViewModel(string Property, string Local, string NameLiteral, bool AccountId, string? Option, bool OptionMayBeUnset, string? ClientContextReader);

    private IEnumerable<GeneratedSource> RenderEndpointResolver()
    {
        foreach (EndpointGeneratedSource source in EndpointRuleSetCompiler.EmitSources(spec.EndpointRules!, EndpointsNamespace, spec.ServiceName, spec.IsPublic, GeneratedFileHeader.For(spec.ServiceId, spec.ModelIdentity, spec.ApiVersion)))
        {
            yield return new GeneratedSource(spec.ModelIdentity + "." + source.HintName, EndingInOneNewLine(source.Text));
        }
    }
}
