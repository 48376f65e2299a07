namespace SsoOidcCodegen.Generator.Parsing;

using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.JmesPath;
using SsoOidcCodegen.Generator.Model;

/// <content>The paginators companion file (botocore's <c>paginators-1.json</c>).</content>
internal sealed partial class ServiceModelParser
{
    private EquatableArray<PaginatorSpec> ReadPaginators(List<OperationSpec> operations, List<ShapeSpec> shapes)
    {
        if (input.PaginatorsText is null || input.PaginatorsPath is null)
        {
            return EquatableArray<PaginatorSpec>.Empty;
        }

        JToken? root = ReadJson(input.PaginatorsText, input.PaginatorsPath);

        if (root is not JObject document || document["pagination"] is not JObject pagination)
        {
            if (root is not null)
            {
                ReportAt(input.PaginatorsPath, DiagnosticDescriptors.InvalidPaginator, root, "(file)", "the file needs a 'pagination' object");
            }

            return EquatableArray<PaginatorSpec>.Empty;
        }

        var byName = new Dictionary<string, OperationSpec>();
        foreach (OperationSpec operation in operations)
        {
            byName[operation.Name] = operation;
        }

        Dictionary<string, ShapeSpec> shapesByType = ShapesByType(shapes);
        var result = new List<PaginatorSpec>();
        foreach (JProperty entry in pagination.Properties())
        {
            if (entry.Value is not JObject config)
            {
                ReportAt(input.PaginatorsPath, DiagnosticDescriptors.InvalidPaginator, entry, entry.Name, "the entry must be an object");
                continue;
            }

            if (deselected.Contains(entry.Name))
            {
                continue;
            }

            if (!byName.TryGetValue(entry.Name, out OperationSpec? operation))
            {
                ReportAt(input.PaginatorsPath, DiagnosticDescriptors.InvalidPaginator, entry, entry.Name, "the model has no such operation");
                continue;
            }

            string? problem = ReadPaginator(config, operation, shapesByType, out PaginatorSpec? spec);
            if (problem is not null)
            {
                ReportAt(input.PaginatorsPath, DiagnosticDescriptors.InvalidPaginator, entry, entry.Name, problem);
                continue;
            }

            result.Add(spec!);
        }

        return result.ToEquatableArray();
    }

    /// <summary>Checks one paginator against the operation's shapes; returns why it cannot be generated, or null.</summary>
    private static string? ReadPaginator(JObject config, OperationSpec operation, Dictionary<string, ShapeSpec> shapesByType, out PaginatorSpec? spec)
    {
        spec = null;
        List<string>? inputTokens = Strings(config["input_token"]);
        List<string>? outputTokens = Strings(config["output_token"]);
        if (inputTokens is null || outputTokens is null || inputTokens.Count == 0)
        {
            return "'input_token' and 'output_token' must be strings or lists of strings";
        }

        if (inputTokens.Count != outputTokens.Count)
        {
            return $"{inputTokens.Count} input token(s) but {outputTokens.Count} output token(s)";
        }

        ShapeSpec request = shapesByType[operation.RequestType];
        var compiler = new JmesPathCompiler(shapesByType);
        var tokens = new List<PaginatorTokenSpec>();
        try
        {
            for (int i = 0; i < inputTokens.Count; i++)
            {
                MemberSpec? inputMember = Find(request, inputTokens[i]);
                if (inputMember is null)
                {
                    return $"the request has no member '{inputTokens[i]}'";
                }

                (_, TypeRef outputType) = compiler.CompileRaw(outputTokens[i], "page", operation.ResponseType);
                if (outputType.Signature != inputMember.Type.Signature)
                {
                    return $"the output token '{outputTokens[i]}' is a {outputType.Signature}, but the input token '{inputTokens[i]}' a {inputMember.Type.Signature}";
                }

                tokens.Add(new PaginatorTokenSpec { InputMember = inputMember.PropertyName, OutputExpression = outputTokens[i] });
            }

            string? moreResults = String(config, "more_results");
            if (moreResults is not null)
            {
                compiler.Truthy(moreResults, "page", operation.ResponseType);
            }

            List<string> resultKeys = Strings(config["result_key"]) ?? new List<string>();
            foreach (string key in resultKeys)
            {
                // botocore also aggregates counters (DynamoDB's Count); the emitter makes items of the first list only.
                compiler.CompileRaw(key, "page", operation.ResponseType);
            }

            List<string> nonAggregate = Strings(config["non_aggregate_keys"]) ?? new List<string>();
            foreach (string key in nonAggregate)
            {
                compiler.Compile(key, "page", operation.ResponseType);
            }

            string? limitKey = String(config, "limit_key");
            MemberSpec? limitMember = limitKey is null ? null : Find(request, limitKey);
            if (limitKey is not null && limitMember is null)
            {
                return $"the request has no limit member '{limitKey}'";
            }

            spec = new PaginatorSpec { OperationName = operation.Name, Tokens = tokens.ToEquatableArray(), MoreResults = moreResults, ResultKeys = resultKeys.ToEquatableArray(), NonAggregateKeys = nonAggregate.ToEquatableArray() };
            return null;
        }
        catch (JmesPathException exception)
        {
            return exception.Message;
        }
    }

    private static Dictionary<string, ShapeSpec> ShapesByType(List<ShapeSpec> shapes)
    {
        var shapesByType = new Dictionary<string, ShapeSpec>();
        foreach (ShapeSpec shape in shapes)
        {
            shapesByType[shape.TypeName] = shape;
        }

        return shapesByType;
    }

    /// <summary>A string, or a list of strings, as a list; null for anything else.</summary>
    private static List<string>? Strings(JToken? token)
    {
        if (token is JValue { Type: JTokenType.String } single)
        {
            return new List<string> { (string)single! };
        }

        if (token is JArray array)
        {
            var list = new List<string>();
            foreach (JToken item in array)
            {
                if (item is not JValue { Type: JTokenType.String } value)
                {
                    return null;
                }

                list.Add((string)value!);
            }

            return list;
        }

        return null;
    }

    private static MemberSpec? Find(ShapeSpec shape, string memberName)
    {
        foreach (MemberSpec member in shape.Members)
        {
            if (member.Name == memberName)
            {
                return member;
            }
        }

        return null;
    }

    private void ReportAt(string path, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, JToken at, params string[] arguments)
    {
        IJsonLineInfo info = at;
        LocationInfo location = info.HasLineInfo() ? At(path, info.LineNumber, info.LinePosition) : new LocationInfo(path, 0, 0, 0, 0);
        Add(descriptor, location, arguments);
    }
}
