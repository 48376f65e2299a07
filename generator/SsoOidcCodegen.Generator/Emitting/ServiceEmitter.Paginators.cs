namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.JmesPath;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>Paginators: <c>XxxPagesAsync</c> and <c>XxxItemsAsync</c>, in a part of the client and its interface of their own.</content>
internal sealed partial class ServiceEmitter
{
    private IEnumerable<GeneratedSource> RenderPaginators()
    {
        if (spec.Paginators.IsEmpty)
        {
            yield break;
        }

        var compiler = new JmesPathCompiler(shapesByType, ModelNamespace);
        var paginators = spec.Paginators.Select(p => PaginatorView(p, compiler)).ToList();
        var copies = spec.Paginators.Select(p => spec.Operations.First(o => o.Name == p.OperationName).RequestType).Distinct().Select(type => new
        {
            Type = ModelType(type),
            Name = "Copy" + type,
            Members = shapesByType[type].Members.Select(m => m.PropertyName).ToList(),
        }).ToList();
        foreach (bool isInterface in new[] { true, false })
        {
            string typeName = (isInterface ? "I" : string.Empty) + spec.ClientName;
            yield return Source(spec.Namespace, typeName + ".Paginators", TemplateRenderer.Render("Paginators", new
            {
                Header = header,
                spec.Namespace,
                ModelNamespace,
                Visibility = visibility,
                spec.ClientName,
                IsInterface = isInterface,
                Paginators = paginators,
                Copies = copies,
            }));
        }
    }

    private PaginatorViewModel PaginatorView(PaginatorSpec paginator, JmesPathCompiler compiler)
    {
        OperationSpec operation = spec.Operations.First(o => o.Name == paginator.OperationName);
        string stem = operation.MethodName.Substring(0, operation.MethodName.Length - "Async".Length);
        var tokens = new List<PaginatorTokenViewModel>();
        int index = 0;
        foreach (PaginatorTokenSpec token in paginator.Tokens)
        {
            (string code, TypeRef type) = compiler.CompileRaw(token.OutputExpression, "page", operation.ResponseType);
            string local = "token" + (++index).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string missing = type.Kind switch
            {
                TypeKind.String => $"string.IsNullOrEmpty({local})",
                TypeKind.List or TypeKind.Map => $"{local} is null || {local}.Count == 0",
                _ => $"{local} is null",
            };
            string? same = type.Kind == TypeKind.String
                ? $"string.Equals({local}, next.{token.InputMember}, global::System.StringComparison.Ordinal)"
                : CSharpTypes.IsValueType(type) ? $"{local} == next.{token.InputMember}" : null;
            tokens.Add(new PaginatorTokenViewModel(local, code, token.InputMember, missing, same, Documentation.Escape(token.OutputExpression)));
        }

        string? moreResults = paginator.MoreResults is null ? null : compiler.Truthy(paginator.MoreResults, "page", operation.ResponseType);
        string? itemsCode = null;
        string? itemType = null;
        string? itemsKey = null;
        foreach (string key in paginator.ResultKeys)
        {
            (string code, TypeRef type) = compiler.CompileRaw(key, "page", operation.ResponseType);
            if (type.Kind == TypeKind.List)
            {
                itemsCode = code;
                itemType = CSharpTypes.Element(type.Element!, type.IsSparse, ModelNamespace);
                itemsKey = Documentation.Escape(key);
                break;
            }
        }

        bool allHaveSame = tokens.All(t => t.Same is not null);
        return new PaginatorViewModel(
            operation.MethodName,
            stem + "PagesAsync",
            stem + "ItemsAsync",
            ModelType(operation.RequestType),
            ModelType(operation.ResponseType),
            "Copy" + operation.RequestType,
            tokens,
            string.Join(" && ", tokens.Select(t => "(" + t.Missing + ")")),
            allHaveSame ? string.Join(" && ", tokens.Select(t => "(" + t.Same + ")")) : null,
            moreResults,
            Documentation.Escape(paginator.MoreResults ?? string.Empty),
            itemsCode,
            itemType,
            itemsKey,
            string.Join(", ", paginator.NonAggregateKeys.Select(k => "<c>" + Documentation.Escape(k) + "</c>")));
    }

    /// <summary>What the paginators template needs of one paginator.</summary>
    private sealed record PaginatorViewModel(
        string MethodName,
        string PagesName,
        string ItemsName,
        string RequestType,
        string ResponseType,
        string CopyName,
        List<PaginatorTokenViewModel> Tokens,
        string NoTokenCondition,
        string? SameTokenCondition,
        string? MoreResultsCondition,
        string MoreResultsText,
        string? ItemsCode,
        string? ItemType,
        string? ItemsKey,
        string NonAggregateKeys);

    /// <summary>One token: the local that reads it from the page, the request member it goes to, and the tests on it.</summary>
    private sealed record PaginatorTokenViewModel(string Local, string Code, string InputMember, string Missing, string? Same, string OutputText);
}
