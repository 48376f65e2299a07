namespace SsoOidcCodegen.Generator.Parsing;

using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.JmesPath;
using SsoOidcCodegen.Generator.Model;

/// <content>The waiters companion file (botocore's <c>waiters-2.json</c>, version 2).</content>
internal sealed partial class ServiceModelParser
{
    private EquatableArray<WaiterSpec> ReadWaiters(List<OperationSpec> operations, List<ShapeSpec> shapes)
    {
        if (input.WaitersText is null || input.WaitersPath is null)
        {
            return EquatableArray<WaiterSpec>.Empty;
        }

        string path = input.WaitersPath;
        JToken? root = ReadJson(input.WaitersText, path);
        if (root is not JObject document || document["waiters"] is not JObject waiters)
        {
            if (root is not null)
            {
                ReportAt(path, DiagnosticDescriptors.WaiterLeftOut, root, "(file)", "the file needs a 'waiters' object");
            }

            return EquatableArray<WaiterSpec>.Empty;
        }

        if (document["version"] is JValue version && version.Type == JTokenType.Integer && (long)version != 2)
        {
            ReportAt(path, DiagnosticDescriptors.WaiterLeftOut, version, "(file)", $"waiters version {version} is not supported (version 2 is)");
            return EquatableArray<WaiterSpec>.Empty;
        }

        var byName = new Dictionary<string, OperationSpec>();
        foreach (OperationSpec operation in operations)
        {
            byName[operation.Name] = operation;
        }

        var compiler = new JmesPathCompiler(ShapesByType(shapes));
        var result = new List<WaiterSpec>();
        var methodNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (JProperty entry in waiters.Properties())
        {
            if (entry.Value is JObject waiter && String(waiter, "operation") is { } operationName && deselected.Contains(operationName))
            {
                continue;
            }

            string? problem = ReadWaiter(entry, byName, compiler, methodNames, out WaiterSpec? spec);
            if (problem is not null)
            {
                ReportAt(path, DiagnosticDescriptors.WaiterLeftOut, entry, entry.Name, problem);
                continue;
            }

            result.Add(spec!);
        }

        return result.ToEquatableArray();
    }

    /// <summary>Checks one waiter; returns why it cannot be generated, or null.</summary>
    private static string? ReadWaiter(JProperty entry, Dictionary<string, OperationSpec> operations, JmesPathCompiler compiler, HashSet<string> methodNames, out WaiterSpec? spec)
    {
        spec = null;
        string methodName = Naming.CSharpNames.ToPascalCase(entry.Name);
        if (methodName.Length == 0 || !(char.IsLetter(methodName[0]) || methodName[0] == '_'))
        {
            return "the name does not make a C# method name";
        }

        if (!methodNames.Add(methodName))
        {
            return $"another waiter already generates WaitUntil{methodName}Async";
        }

        if (entry.Value is not JObject config)
        {
            return "the entry must be an object";
        }

        if (String(config, "operation") is not { } operationName || !operations.TryGetValue(operationName, out OperationSpec? operation))
        {
            return "'operation' must name an operation of the model";
        }

        long? delay = Number(config, "delay");
        long? maxAttempts = Number(config, "maxAttempts");
        if (delay is null or < 0 || maxAttempts is null or < 1)
        {
            return "'delay' (0 or more) and 'maxAttempts' (1 or more) must be integers";
        }

        if (config["acceptors"] is not JArray acceptors || acceptors.Count == 0)
        {
            return "'acceptors' must be a non-empty list";
        }

        var list = new List<AcceptorSpec>();
        foreach (JToken item in acceptors)
        {
            if (item is not JObject acceptor)
            {
                return "each acceptor must be an object";
            }

            AcceptorState? state = String(acceptor, "state") switch
            {
                "success" => AcceptorState.Success,
                "failure" => AcceptorState.Failure,
                "retry" => AcceptorState.Retry,
                _ => null,
            };
            MatcherKind? matcher = String(acceptor, "matcher") switch
            {
                "path" => MatcherKind.Path,
                "pathAll" => MatcherKind.PathAll,
                "pathAny" => MatcherKind.PathAny,
                "status" => MatcherKind.Status,
                "error" => MatcherKind.Error,
                _ => null,
            };
            if (state is null || matcher is null)
            {
                return $"the acceptor state '{String(acceptor, "state")}' or matcher '{String(acceptor, "matcher")}' is not one of waiters version 2";
            }

            if (acceptor["expected"] is not JValue expected)
            {
                return "each acceptor needs an 'expected' value";
            }

            string? argument = String(acceptor, "argument");
            try
            {
                switch (matcher)
                {
                    case MatcherKind.Path:
                        compiler.PathMatches(argument ?? throw new JmesPathException("a path matcher needs an 'argument'"), "output", operation.ResponseType, Literal(expected));
                        break;
                    case MatcherKind.PathAll:
                    case MatcherKind.PathAny:
                        compiler.ListMatches(argument ?? throw new JmesPathException("a path matcher needs an 'argument'"), "output", operation.ResponseType, Literal(expected), matcher == MatcherKind.PathAll);
                        break;
                    case MatcherKind.Status when expected.Type != JTokenType.Integer:
                        return "a status matcher expects an integer";
                    case MatcherKind.Error when expected.Type is not (JTokenType.String or JTokenType.Boolean):
                        return "an error matcher expects an error code or a boolean";
                }
            }
            catch (JmesPathException exception)
            {
                return $"the argument '{argument}': {exception.Message}";
            }

            list.Add(new AcceptorSpec { State = state.Value, Matcher = matcher.Value, Argument = argument, ExpectedJson = expected.ToString(Formatting.None) });
        }

        spec = new WaiterSpec { Name = entry.Name, OperationName = operation.Name, Delay = (int)delay.Value, MaxAttempts = (int)maxAttempts.Value, Description = String(config, "description"), Acceptors = list.ToEquatableArray() };
        return null;
    }

    /// <summary>An acceptor's expected value as a JMESPath literal.</summary>
    internal static LiteralNode Literal(JValue expected) => expected.Type switch
    {
        JTokenType.String => LiteralNode.String((string)expected!),
        JTokenType.Integer or JTokenType.Float => LiteralNode.Of((double)expected),
        JTokenType.Boolean => LiteralNode.Of((bool)expected),
        _ => LiteralNode.Null,
    };
}
