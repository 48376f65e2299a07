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
    private IEnumerable<(string HintName, ClassRender Render)> WaiterRenders()
    {
        if (spec.Waiters.IsEmpty)
        {
            return [];
        }

        var compiler = new JmesPathCompiler(shapesByType, ModelNamespace);
        var waiters = spec.Waiters.Select(w => WaiterView(w, compiler)).ToList();
        var operations = spec.Waiters.Select(w => w.OperationName).Distinct().Select(name =>
        {
            OperationSpec operation = spec.Operations.First(o => o.Name == name);
            return new WaiterOperationViewModel(WaiterOperationField(operation), ModelType(operation.RequestType), ModelType(operation.ResponseType), OperationClass(operation));
        }).ToList();
        return ClientPartSources("Waiters", isInterface => new WaitersViewModel(header, spec.Namespace, InternalNamespace, visibility, spec.ClientName, isInterface, waiters, operations));
    }

    private static string WaiterOperationField(OperationSpec operation) => OperationClass(operation) + "ForWaiters";

    private WaiterViewModel WaiterView(WaiterSpec waiter, JmesPathCompiler compiler)
    {
        OperationSpec operation = spec.Operations.First(o => o.Name == waiter.OperationName);
        var acceptors = new List<AcceptorViewModel>();
        foreach (AcceptorSpec acceptor in waiter.Acceptors)
        {
            JValue expected = (JValue)JToken.Parse(acceptor.ExpectedJson);
            (string matcher, string test) = acceptor.Matcher switch
            {
                MatcherKind.Path => ("Path", compiler.PathMatches(acceptor.Argument!, "output", operation.ResponseType, ServiceModelParser.Literal(expected))),
                MatcherKind.PathAll => ("Path", compiler.ListMatches(acceptor.Argument!, "output", operation.ResponseType, ServiceModelParser.Literal(expected), all: true)),
                MatcherKind.PathAny => ("Path", compiler.ListMatches(acceptor.Argument!, "output", operation.ResponseType, ServiceModelParser.Literal(expected), all: false)),
                MatcherKind.Status => ("Status", ((long)expected).ToString(CultureInfo.InvariantCulture)),
                _ when expected.Type == JTokenType.Boolean => ((bool)expected ? "AnyError" : "NoError", string.Empty),
                _ => ("ErrorCode", CSharpNames.StringLiteral((string)expected!)),
            };
            string description = acceptor.Matcher switch
            {
                MatcherKind.Path or MatcherKind.PathAll or MatcherKind.PathAny => $"{MatcherName(acceptor.Matcher)} {acceptor.Argument} == {acceptor.ExpectedJson}",
                _ => $"{MatcherName(acceptor.Matcher)} {acceptor.ExpectedJson}",
            };
            acceptors.Add(new AcceptorViewModel(matcher, test, acceptor.State.ToString(), CSharpNames.StringLiteral(description), Documentation.Escape(acceptor.State.ToString().ToLowerInvariant() + " when " + description)));
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

    /// <summary>The waiters of the client, for its interface or its class.</summary>
    private sealed record WaitersViewModel(
        string Header,
        string Namespace,
        string InternalNamespace,
        string Visibility,
        string ClientName,
        bool IsInterface,
        List<WaiterViewModel> Waiters,
        List<WaiterOperationViewModel> Operations);

    /// <summary>An operation a waiter polls: the field of its observing descriptor, its types and its marshaller class.</summary>
    private sealed record WaiterOperationViewModel(string Field, string RequestType, string ResponseType, string OperationClass);

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

    /// <summary>
    /// One acceptor: what it matches (<c>Matcher</c>: Path with the compiled test of the output, Status with the code,
    /// ErrorCode with the code's literal, AnyError, NoError), the state it leads to, and its description.
    /// </summary>
    private sealed record AcceptorViewModel(string Matcher, string Test, string State, string DescriptionLiteral, string Doc);
}
