namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.JmesPath;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>Paginators: <c>XxxPagesAsync</c> and <c>XxxItemsAsync</c>, in a part of the client and its interface of their own.</content>
internal sealed partial class ServiceEmitter
{
    private IEnumerable<(string HintName, ClassRender Render)> PaginatorRenders()
    {
        if (spec.Paginators.IsEmpty)
        {
            return [];
        }

        var compiler = new JmesPathCompiler(shapesByType, ModelNamespace);
        var paginators = spec.Paginators.Select(p => PaginatorView(p, compiler)).ToList();
        var copies = spec.Paginators.Select(p => spec.Operations.First(o => o.Name == p.OperationName).RequestType).Distinct().Select(type => new RequestCopyViewModel(
            ModelType(type),
            "Copy" + type,
            shapesByType[type].Members.Select(m => m.PropertyName).ToList())).ToList();
        return ClientPartSources("Paginators", isInterface => new PaginatorsViewModel(header, spec.Namespace, visibility, spec.ClientName, isInterface, paginators, copies));
    }

    /// <summary>
    /// The two files of a part of the client that adds methods to the interface and to the class (paginators, waiters),
    /// from one template: <c>IsInterface</c> tells it which.
    /// </summary>
    private IEnumerable<(string HintName, ClassRender Render)> ClientPartSources(string template, System.Func<bool, object> view)
    {
        foreach (bool isInterface in new[] { true, false })
        {
            string typeName = (isInterface ? "I" : string.Empty) + spec.ClientName;
            yield return (HintName(spec.Namespace, typeName + "." + template), new ClassRender(typeName, template, view(isInterface), withoutBlankLineBeforeEnd: false));
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
            string kind = type.Kind switch
            {
                TypeKind.String => "String",
                TypeKind.List or TypeKind.Map => "Collection",
                _ => CSharpTypes.IsValueType(type) ? "Value" : "Other",
            };
            tokens.Add(new PaginatorTokenViewModel(local, code, token.InputMember, kind, Documentation.Escape(token.OutputExpression)));
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

        return new PaginatorViewModel(
            operation.MethodName,
            stem + "PagesAsync",
            stem + "ItemsAsync",
            ModelType(operation.RequestType),
            ModelType(operation.ResponseType),
            "Copy" + operation.RequestType,
            tokens,
            tokens.All(t => t.Kind is "String" or "Value"),
            moreResults,
            Documentation.Escape(paginator.MoreResults ?? string.Empty),
            itemsCode,
            itemType,
            itemsKey,
            paginator.NonAggregateKeys.Select(Documentation.Escape).ToList());
    }

    /// <summary>The paginators of the client, for its interface or its class.</summary>
    private sealed record PaginatorsViewModel(
        string Header,
        string Namespace,
        string Visibility,
        string ClientName,
        bool IsInterface,
        List<PaginatorViewModel> Paginators,
        List<RequestCopyViewModel> Copies);

    /// <summary>A copy method of a paginated request: its type, name and property names.</summary>
    private sealed record RequestCopyViewModel(string Type, string Name, List<string> Members);

    /// <summary>What the paginators template needs of one paginator.</summary>
    /// <param name="CheckSameToken">Every token can be compared with the one sent (text or a value type): a repeated token ends the enumeration.</param>
    private sealed record PaginatorViewModel(
        string MethodName,
        string PagesName,
        string ItemsName,
        string RequestType,
        string ResponseType,
        string CopyName,
        List<PaginatorTokenViewModel> Tokens,
        bool CheckSameToken,
        string? MoreResultsCondition,
        string MoreResultsText,
        string? ItemsCode,
        string? ItemType,
        string? ItemsKey,
        List<string> NonAggregateKeys);

    /// <summary>
    /// One token: the local that reads it from the page (<c>Code</c>, compiled from its JMESPath), the request member it
    /// goes to, and its <c>Kind</c> (String, Collection, Value or Other), which decides how the template tests it.
    /// </summary>
    private sealed record PaginatorTokenViewModel(string Local, string Code, string InputMember, string Kind, string OutputText);
}
