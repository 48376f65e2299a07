namespace SsoOidcCodegen.Generator.Parsing;

using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Model;

/// <content>The paginators companion file.</content>
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

        var shapesByType = new Dictionary<string, ShapeSpec>();
        foreach (ShapeSpec shape in shapes)
        {
            shapesByType[shape.TypeName] = shape;
        }

        var result = new List<PaginatorSpec>();
        foreach (JProperty entry in pagination.Properties())
        {
            if (entry.Value is not JObject config)
            {
                ReportAt(input.PaginatorsPath, DiagnosticDescriptors.InvalidPaginator, entry, entry.Name, "the entry must be an object");
                continue;
            }

            if (!byName.TryGetValue(entry.Name, out OperationSpec? operation))
            {
                ReportAt(input.PaginatorsPath, DiagnosticDescriptors.InvalidPaginator, entry, entry.Name, "the model has no such operation");
                continue;
            }

            string? inputToken = String(config, "input_token");
            string? outputToken = String(config, "output_token");
            if (inputToken is null || outputToken is null)
            {
                ReportAt(input.PaginatorsPath, DiagnosticDescriptors.InvalidPaginator, entry, entry.Name, "only single input and output tokens are supported");
                continue;
            }

            ShapeSpec request = shapesByType[operation.RequestType];
            ShapeSpec response = shapesByType[operation.ResponseType];
            MemberSpec? inputMember = Find(request, inputToken);
            MemberSpec? outputMember = Find(response, outputToken);
            if (inputMember is null || outputMember is null || inputMember.Type.Signature != outputMember.Type.Signature)
            {
                ReportAt(input.PaginatorsPath, DiagnosticDescriptors.InvalidPaginator, entry, entry.Name,
                    $"the tokens '{inputToken}' and '{outputToken}' must be top-level members of the same type (paths are not supported)");
                continue;
            }

            string? limitKey = String(config, "limit_key");
            MemberSpec? limitMember = limitKey is null ? null : Find(request, limitKey);
            MemberSpec? resultMember = String(config, "result_key") is { } resultKey ? Find(response, resultKey) : null;
            string? itemType = resultMember?.Type.Kind == TypeKind.List ? resultMember.Type.Signature : null;
            result.Add(new PaginatorSpec(
                operation.Name,
                inputMember.PropertyName,
                outputMember.PropertyName,
                limitMember?.PropertyName,
                itemType is null ? null : resultMember!.PropertyName,
                itemType));
        }

        return result.ToEquatableArray();
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
        diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>(arguments)));
    }
}
