namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The request side of awsQuery and ec2Query: a form-encoded body with <c>Action</c> and
/// <c>Version</c>, each member named by the protocol's rules (ec2Query: <c>queryName</c>, else the
/// capitalised <c>locationName</c> or member name; lists always flattened and empty lists omitted).
/// </content>
internal sealed partial class ServiceEmitter
{
    /// <summary>The request of awsQuery and ec2Query: the form body's <c>Action</c> and <c>Version</c>, then the input's members.</summary>
    private void QueryRequest(MarshalViewModel view, OperationSpec operation, ShapeSpec request)
    {
        view.ActionLiteral = CSharpNames.StringLiteral(operation.Name);
        view.ApiVersionLiteral = CSharpNames.StringLiteral(spec.ApiVersion);
        view.Write = Call(request.TypeName, protocol.WriteMethod);
    }

    /// <summary>The name of a member in a query body.</summary>
    private string QueryName(MemberSpec member)
    {
        if (!protocol.Ec2QueryNames)
        {
            return ItemsName(member);
        }

        if (member.Xml?.QueryName is { } queryName)
        {
            return queryName;
        }

        string name = member.Xml?.HasLocationName == true && member.LocationName is not null ? member.LocationName : member.Name;
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }

    /// <summary>The members of a query body, each with the name it is sent under.</summary>
    private List<QueryMemberView> QueryMembers(List<MemberSpec> members)
    {
        var views = new List<QueryMemberView>(members.Count);
        foreach (MemberSpec member in members)
        {
            views.Add(new QueryMemberView(member.PropertyName, ProtocolLocal(member), CSharpNames.StringLiteral(QueryName(member)), QueryValueOf(member.Type, member.Xml?.Flattened == true)));
        }

        return views;
    }

    /// <summary>A member's local in the protocol serializers, clear of their own parameters and locals.</summary>
    private static string ProtocolLocal(MemberSpec member)
    {
        string local = Local(member);
        return local.TrimStart('@') is "prefix" or "query" or "found" or "key" or "name" or "namespaceUri" or "namespacePrefix" or "body"
            ? local.TrimStart('@') + "Value"
            : local;
    }

    /// <summary>How a value of the type is added to a query body; lists and maps number their items from 1.</summary>
    private QueryValueView QueryValueOf(TypeRef type, bool memberFlattened) => type.Kind switch
    {
        TypeKind.Structure => new QueryValueView("Structure", type.Kind.ToString()) { TypeName = type.TypeName },
        TypeKind.List => new QueryValueView("List", type.Kind.ToString())
        {
            Flattened = protocol.Ec2QueryNames || memberFlattened || type.Xml?.Flattened == true,

            // awsQuery sends an empty list as the bare name, so the service can tell it from an absent one.
            EmptyAsName = !protocol.Ec2QueryNames,
            Sparse = type.IsSparse,
            MemberSuffix = CSharpNames.StringLiteral("." + (type.Xml?.MemberName ?? "member")),
            Element = QueryValueOf(type.Element!, false),
        },
        TypeKind.Map => new QueryValueView("Map", type.Kind.ToString())
        {
            Flattened = memberFlattened || type.Xml?.Flattened == true,
            Sparse = type.IsSparse,
            KeySuffix = CSharpNames.StringLiteral("." + (type.Xml?.KeyName ?? "key")),
            ValueSuffix = CSharpNames.StringLiteral("." + (type.Xml?.ValueName ?? "value")),
            Element = QueryValueOf(type.Value!, false),
        },
        _ => new QueryValueView("Scalar", type.Kind.ToString()) { Format = TextFormat(type) },
    };
}
