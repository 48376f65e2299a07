namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The HTTP binding restJson and restXml share: the request's method, path with labels, query string and headers (the
/// body is the codec's), and an answer's payload member that is not a document of the codec (a blob, a stream, a text).
/// </content>
internal sealed partial class ServiceEmitter
{
    /// <summary>The REST request of restJson and restXml: method, path with labels, query string, headers and body.</summary>
    private void RestRequest(MarshalViewModel view, OperationSpec operation, ShapeSpec request)
    {
        view.MethodLiteral = CSharpNames.StringLiteral(operation.HttpMethod);
        view.ApiVersionLiteral = CSharpNames.StringLiteral(spec.ApiVersion);
        string uri = operation.RequestUri;
        if (EndpointOwnedPathPrefix(operation, request) is { } owned)
        {
            // S3: the rules put the bucket into the endpoint (host or path), so the request URI goes on without it.
            uri = uri.Substring(owned.Length);
            uri = uri.Length == 0 || uri[0] == '?' ? "/" + uri : uri;
        }

        int question = uri.IndexOf('?');
        string path = question < 0 ? uri : uri.Substring(0, question);
        string? literalQuery = question < 0 ? null : uri.Substring(question + 1);

        int position = 0;
        while (position < path.Length)
        {
            int open = path.IndexOf('{', position);
            if (open < 0)
            {
                view.Path.Add(new PathPartViewModel(CSharpNames.StringLiteral(path.Substring(position)), null, null, false));
                break;
            }

            if (open > position)
            {
                view.Path.Add(new PathPartViewModel(CSharpNames.StringLiteral(path.Substring(position, open - position)), null, null, false));
            }

            int close = path.IndexOf('}', open);
            if (close < 0)
            {
                close = path.Length;
            }

            string label = path.Substring(open + 1, close - open - 1);
            bool greedy = label.EndsWith("+", StringComparison.Ordinal);
            label = label.TrimEnd('+');
            MemberSpec? member = request.Members.FirstOrDefault(m => m.Location == MemberLocation.Uri && m.LocationName == label);
            view.Path.Add(member is null
                ? new PathPartViewModel(CSharpNames.StringLiteral("{" + label + "}"), null, null, false)
                : new PathPartViewModel(CSharpNames.StringLiteral(member.Name + " is required: it is part of the request URI."), member.PropertyName, HttpValue(member.Type), greedy));
            position = close + 1;
        }

        if (literalQuery is not null)
        {
            foreach (string pair in literalQuery.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                // A literal name without '=' stays without it ('?list&prefix=a' sends 'list', not 'list=').
                int equals = pair.IndexOf('=');
                string name = equals < 0 ? pair : pair.Substring(0, equals);
                string value = equals < 0 ? "null" : CSharpNames.StringLiteral(Uri.UnescapeDataString(pair.Substring(equals + 1)));
                view.LiteralQuery.Add(new LiteralQueryViewModel(CSharpNames.StringLiteral(Uri.UnescapeDataString(name)), value));
            }
        }

        // Named query members first: they win over the keys of a query map.
        foreach (MemberSpec member in request.Members.Where(m => m.Location == MemberLocation.QueryString).OrderBy(m => m.Type.Kind == TypeKind.Map ? 1 : 0))
        {
            TypeRef type = member.Type;
            (string form, TypeRef value) = type.Kind switch
            {
                TypeKind.List => ("List", type.Element!),
                TypeKind.Map when type.Value!.Kind == TypeKind.List => ("MapOfLists", type.Value.Element!),
                TypeKind.Map => ("Map", type.Value!),
                _ => ("Scalar", type),
            };
            bool sparse = type.Kind == TypeKind.List && type.IsSparse && CSharpTypes.IsValueType(type.Element!);
            view.Query.Add(new HttpWriteViewModel(form, member.PropertyName, Local(member), CSharpNames.StringLiteral(member.LocationName ?? member.Name), CSharpNames.StringLiteral(member.Name), HttpValue(value), sparse));
        }

        foreach (MemberSpec member in request.Members.Where(m => m.Location is MemberLocation.Header or MemberLocation.Headers))
        {
            TypeRef type = member.Type;
            (string form, HttpValueViewModel value) = member.Location == MemberLocation.Headers ? ("Map", HttpValue(type.Value!))
                : type.Kind == TypeKind.List ? ("List", HttpValue(type.Element!))
                : ("Scalar", HttpValue(type, member.IsJsonValue));
            view.Headers.Add(new HttpWriteViewModel(form, member.PropertyName, Local(member), CSharpNames.StringLiteral(member.LocationName ?? member.Name), CSharpNames.StringLiteral(member.Name), value, false));
        }

        if (SpeaksXml)
        {
            RestXmlBody(view, operation, request);
        }
        else
        {
            view.JsonBody = RestJsonBody(request);
            view.InputEventStream = InputEventStreamBody(request);
        }
    }

    /// <summary>An answer's payload member: a JSON structure or document, a stream, a blob, a text or an enum value.</summary>
    private void PayloadRead(UnmarshalViewModel view, MemberSpec payload)
    {
        TypeRef type = payload.Type;
        view.PayloadProperty = payload.PropertyName;
        switch (type.Kind)
        {
            case TypeKind.Structure:
            case TypeKind.Document:
                view.Body = "JsonPayload";
                view.Value = json.Read(type);
                break;
            case TypeKind.Blob when type.IsStreaming:
                view.Body = "StreamPayload";
                break;
            case TypeKind.Blob:
                view.Body = "BlobPayload";
                break;
            case TypeKind.String:
                view.Body = "StringPayload";
                break;
            case TypeKind.StringEnum:
                view.Body = "EnumPayload";
                view.Read = ModelType(type.TypeName!);
                break;
        }
    }
}
