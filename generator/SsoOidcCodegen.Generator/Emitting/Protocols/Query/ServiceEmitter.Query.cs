namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using System.Globalization;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The request side of awsQuery and ec2Query: a form-encoded body with <c>Action</c> and
/// <c>Version</c>, each member named by the protocol's rules (ec2Query: <c>queryName</c>, else the
/// capitalised <c>locationName</c> or member name; lists always flattened and empty lists omitted).
/// </content>
internal sealed partial class ServiceEmitter
{
    private bool IsEc2 => spec.Protocol == ProtocolKind.Ec2Query;

    private CodeBlock QueryMarshal(OperationSpec operation, ShapeSpec request)
    {
        var code = new CodeBlock();
        FillIdempotencyTokens(code, request);
        code.Line("builder.Method = \"POST\";");
        code.Line("builder.AppendPath(\"/\");");
        code.Line($"var query = new global::SsoOidcCodegen.Runtime.Protocols.Query.QueryWriter({CSharpNames.StringLiteral(operation.Name)}, {CSharpNames.StringLiteral(spec.ApiVersion)});");
        code.Line($"{Call(request.TypeName, "WriteQuery")}(query, string.Empty, request);");
        code.Line("builder.SetBody(query.ToArray(), global::SsoOidcCodegen.Runtime.Protocols.Query.QueryWriter.ContentType);");
        HostPrefix(code, operation, request);
        Checksum(code, operation);
        return code;
    }

    /// <summary>The name of a member in a query body.</summary>
    private string QueryName(MemberSpec member)
    {
        if (!IsEc2)
        {
            return member.WireName;
        }

        if (member.Xml?.QueryName is { } queryName)
        {
            return queryName;
        }

        string name = member.Xml?.HasLocationName == true && member.LocationName is not null ? member.LocationName : member.Name;
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }

    private CodeBlock QueryMembersBody(List<MemberSpec> members)
    {
        var code = new CodeBlock();
        foreach (MemberSpec member in members)
        {
            string local = ProtocolLocal(member);
            code.Open($"if (value.{member.PropertyName} is {{ }} {local})");
            string name = $"global::SsoOidcCodegen.Runtime.Protocols.Query.QueryWriter.Join(prefix, {CSharpNames.StringLiteral(QueryName(member))})";
            QueryValue(code, member.Type, name, local, member.Xml?.Flattened == true, 0);
            code.Close();
            code.Blank();
        }

        if (code.IsEmpty)
        {
            code.Line("_ = writer;");
            code.Line("_ = prefix;");
            code.Line("_ = value;");
        }

        return code;
    }

    /// <summary>A member's local in the protocol serializers, clear of their own parameters and locals.</summary>
    private static string ProtocolLocal(MemberSpec member)
    {
        string local = Local(member);
        return local.TrimStart('@') is "prefix" or "query" or "found" or "key" or "name" or "namespaceUri" or "namespacePrefix" or "body"
            ? local.TrimStart('@') + "Value"
            : local;
    }

    /// <summary>Adds a non-null value under a name; lists and maps number their items from 1.</summary>
    private void QueryValue(CodeBlock code, TypeRef type, string name, string expression, bool memberFlattened, int depth)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case TypeKind.Structure:
                code.Line($"{type.TypeName}Serializer.WriteQuery(writer, {name}, {expression});");
                break;
            case TypeKind.List:
                bool flattened = IsEc2 || memberFlattened || type.Xml?.Flattened == true;
                string listBase = flattened ? name : $"{name} + {CSharpNames.StringLiteral("." + (type.Xml?.MemberName ?? "member"))}";
                if (!IsEc2)
                {
                    // awsQuery sends an empty list as the bare name, so the service can tell it from an absent one.
                    code.Open($"if ({expression}.Count == 0)");
                    code.Line($"writer.Add({name}, string.Empty);");
                    code.Close();
                    code.Blank();
                }

                code.Open($"for (int i{d} = 0; i{d} < {expression}.Count; i{d}++)");
                string element = $"{expression}[i{d}]";
                if (type.IsSparse)
                {
                    code.Open($"if ({element} is not {{ }} item{d})");
                    code.Line("continue;");
                    code.Close();
                    code.Blank();
                }
                else
                {
                    code.Line($"var item{d} = {element};");
                }

                QueryValue(code, type.Element!, $"global::SsoOidcCodegen.Runtime.Protocols.Query.QueryWriter.Index({listBase}, i{d} + 1)", $"item{d}", false, depth + 1);
                code.Close();
                break;
            case TypeKind.Map:
                bool flatMap = memberFlattened || type.Xml?.Flattened == true;
                string mapBase = flatMap ? name : $"{name} + \".entry\"";
                string keySuffix = CSharpNames.StringLiteral("." + (type.Xml?.KeyName ?? "key"));
                string valueSuffix = CSharpNames.StringLiteral("." + (type.Xml?.ValueName ?? "value"));
                code.Line($"int n{d} = 0;");
                code.Open($"foreach (var entry{d} in {expression})");
                if (type.IsSparse)
                {
                    code.Open($"if (entry{d}.Value is not {{ }} entryValue{d})");
                    code.Line("continue;");
                    code.Close();
                    code.Blank();
                }
                else
                {
                    code.Line($"var entryValue{d} = entry{d}.Value;");
                }

                code.Line($"string e{d} = global::SsoOidcCodegen.Runtime.Protocols.Query.QueryWriter.Index({mapBase}, ++n{d});");
                code.Line($"writer.Add(e{d} + {keySuffix}, entry{d}.Key);");
                QueryValue(code, type.Value!, $"e{d} + {valueSuffix}", $"entryValue{d}", false, depth + 1);
                code.Close();
                break;
            default:
                string? text = type.Kind == TypeKind.Blob && type.IsStreaming
                    ? $"global::System.Convert.ToBase64String(global::SsoOidcCodegen.Runtime.Protocols.JsonWire.ReadAll({expression}))"
                    : HttpFragments.Format(type, expression, HttpFragments.Place.Query);
                code.Line(text is null ? $"// A {type.Kind} cannot travel in a query body." : $"writer.Add({name}, {text});");
                break;
        }
    }
}
