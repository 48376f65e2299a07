namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.JmesPath;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;
using SsoOidcCodegen.Generator.Parsing;

/// <content>Waiters: <c>WaitUntilXxxAsync</c>, in a part of the client and its interface of their own.</content>
internal sealed partial class ServiceEmitter
{
    private IEnumerable<GeneratedSource> RenderWaiters()
    {
        if (spec.Waiters.IsEmpty)
        {
            yield break;
        }

        var compiler = new JmesPathCompiler(shapesByType, ModelNamespace);
        var waiters = spec.Waiters.Select(w => WaiterView(w, compiler)).ToList();
        var operations = spec.Waiters.Select(w => w.OperationName).Distinct().Select(name =>
        {
            OperationSpec operation = spec.Operations.First(o => o.Name == name);
            return new { Field = WaiterOperationField(operation), RequestType = ModelType(operation.RequestType), ResponseType = ModelType(operation.ResponseType), OperationClass = OperationClass(operation) };
        }).ToList();
        foreach (bool isInterface in new[] { true, false })
        {
            string typeName = (isInterface ? "I" : string.Empty) + spec.ClientName;
            yield return Source(spec.Namespace, typeName + ".Waiters", TemplateRenderer.Render("Waiters", new
            {
                Header = header,
                spec.Namespace,
                InternalNamespace,
                ModelNamespace,
                Visibility = visibility,
                spec.ClientName,
                IsInterface = isInterface,
                Waiters = waiters,
                Operations = operations,
            }));
        }
    }

    private static string WaiterOperationField(OperationSpec operation) => OperationClass(operation) + "ForWaiters";

    private WaiterViewModel WaiterView(WaiterSpec waiter, JmesPathCompiler compiler)
    {
        OperationSpec operation = spec.Operations.First(o => o.Name == waiter.OperationName);
        var acceptors = new List<AcceptorViewModel>();
        foreach (AcceptorSpec acceptor in waiter.Acceptors)
        {
            JValue expected = (JValue)JToken.Parse(acceptor.ExpectedJson);
            string condition = acceptor.Matcher switch
            {
                MatcherKind.Path => "output is not null && " + compiler.PathMatches(acceptor.Argument!, "output", operation.ResponseType, ServiceModelParser.Literal(expected)),
                MatcherKind.PathAll => "output is not null && " + compiler.ListMatches(acceptor.Argument!, "output", operation.ResponseType, ServiceModelParser.Literal(expected), all: true),
                MatcherKind.PathAny => "output is not null && " + compiler.ListMatches(acceptor.Argument!, "output", operation.ResponseType, ServiceModelParser.Literal(expected), all: false),
                MatcherKind.Status => "status == " + ((long)expected).ToString(CultureInfo.InvariantCulture),
                _ => expected.Type == JTokenType.Boolean
                    ? ((bool)expected ? "error is not null" : "error is null")
                    : "error is not null && error.ErrorCode == " + CSharpNames.StringLiteral((string)expected!),
            };
            string description = acceptor.Matcher switch
            {
                MatcherKind.Path or MatcherKind.PathAll or MatcherKind.PathAny => $"{MatcherName(acceptor.Matcher)} {acceptor.Argument} == {acceptor.ExpectedJson}",
                _ => $"{MatcherName(acceptor.Matcher)} {acceptor.ExpectedJson}",
            };
            acceptors.Add(new AcceptorViewModel(condition, acceptor.State.ToString(), CSharpNames.StringLiteral(description), Documentation.Escape(acceptor.State.ToString().ToLowerInvariant() + " when " + description)));
        }

        string name = CSharpNames.ToPascalCase(waiter.Name);
        string summary = waiter.Description is { Length: > 0 } description1
            ? Documentation.Escape(description1)
            : $"Waits until {Documentation.Escape(waiter.Name)}.";
        return new WaiterViewModel(
            CSharpNames.StringLiteral(waiter.Name),
            "WaitUntil" + name + "Async",
            "Match" + name,
            operation.MethodName,
            ModelType(operation.RequestType),
            ModelType(operation.ResponseType),
            WaiterOperationField(operation),
            waiter.Delay.ToString(CultureInfo.InvariantCulture),
            waiter.MaxAttempts.ToString(CultureInfo.InvariantCulture),
            summary,
            acceptors);
    }

    private static string MatcherName(MatcherKind matcher) => matcher switch
    {
        MatcherKind.Path => "path",
        MatcherKind.PathAll => "pathAll",
        MatcherKind.PathAny => "pathAny",
        MatcherKind.Status => "status",
        _ => "error",
    };

    /// <summary>What the waiters template needs of one waiter.</summary>
    private sealed record WaiterViewModel(
        string NameLiteral,
        string MethodName,
        string MatchName,
        string OperationMethod,
        string RequestType,
        string ResponseType,
        string OperationField,
        string Delay,
        string MaxAttempts,
        string Summary,
        List<AcceptorViewModel> Acceptors);

    /// <summary>One acceptor: its C# condition, the state it leads to, and its description.</summary>
    private sealed record AcceptorViewModel(string Condition, string State, string DescriptionLiteral, string Doc);
}
