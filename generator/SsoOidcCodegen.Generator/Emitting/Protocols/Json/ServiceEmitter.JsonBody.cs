namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;

/// <content>The JSON body of an answer (restJson and awsJson): the output's body members, read by its serializer.</content>
internal sealed partial class ServiceEmitter
{
    private void JsonReadBody(UnmarshalViewModel view, ShapeSpec response)
    {
        if (BodyMembers(response).Count > 0)
        {
            view.Body = "JsonMembers";
            view.Read = Call(response.TypeName, "ReadMembers");
        }
    }
}
