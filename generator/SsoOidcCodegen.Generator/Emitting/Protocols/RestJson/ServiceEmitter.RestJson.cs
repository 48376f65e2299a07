namespace SsoOidcCodegen.Generator.Emitting;

using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>The body of a restJson request: the input's body members as a JSON object, or its payload member.</content>
internal sealed partial class ServiceEmitter
{
    /// <summary>How a restJson request's body is written (see <see cref="RestBodyViewModel"/>).</summary>
    private RestBodyViewModel RestJsonBody(ShapeSpec request)
    {
        MemberSpec? payload = request.PayloadMember is null ? null : request.Members.First(m => m.Name == request.PayloadMember);
        if (payload is null)
        {
            return BodyMembers(request).Count > 0
                ? new RestBodyViewModel("JsonMembers", string.Empty, string.Empty, string.Empty, false, Call(request.TypeName, "WriteMembers"))
                : new RestBodyViewModel("None", string.Empty, string.Empty, string.Empty, false, string.Empty);
        }

        string local = Local(payload);
        TypeRef type = payload.Type;
        string form = type.Kind switch
        {
            // An unset union or document sends no body at all (an unset structure sends {}).
            TypeKind.Structure when shapesByType[type.TypeName!].Kind == ShapeKind.Union => "OptionalJson",
            TypeKind.Document => "OptionalJson",
            TypeKind.Structure => "Json",
            TypeKind.Blob when type.IsStreaming => "Stream",
            TypeKind.Blob => "Blob",
            TypeKind.String => "String",
            TypeKind.StringEnum => "StringEnum",
            _ => "Unsupported",
        };
        WireValueView? value = form is "OptionalJson" or "Json" ? json.Write(type) : null;
        return new RestBodyViewModel(form, payload.PropertyName, local, form == "Unsupported" ? CSharpNames.CommentText(payload.Name) : CSharpNames.StringLiteral(payload.Name), type.RequiresLength, string.Empty) { Value = value };
    }

    /// <summary>
    /// A restJson request's body: <c>Form</c> None, JsonMembers (<c>Write</c> is the serializer's <c>WriteMembers</c>), or
    /// the payload member's: Json, OptionalJson (<c>Value</c> is the value's JSON writer), Stream, Blob, String, StringEnum,
    /// Unsupported (<c>Name</c> is comment text, else the member's name as a literal).
    /// </summary>
    private sealed record RestBodyViewModel(string Form, string Property, string Local, string Name, bool RequiresLength, string Write)
    {
        /// <summary>Json and OptionalJson: how the payload value is written (<c>json_write</c>).</summary>
        public WireValueView? Value { get; init; }
    }
}
