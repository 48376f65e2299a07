namespace SsoOidcCodegen.Generator.Emitting;

using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>The request of awsJson 1.0 and 1.1: <c>POST /</c> with the operation in <c>X-Amz-Target</c> and the input as a JSON body.</content>
internal sealed partial class ServiceEmitter
{
    private void AwsJsonRequest(MarshalViewModel view, OperationSpec operation, ShapeSpec request)
    {
        view.TargetLiteral = CSharpNames.StringLiteral(spec.TargetPrefix + "." + operation.Name);
        view.ContentType = protocol.ContentType!;
        view.Write = Call(request.TypeName, protocol.WriteMethod);
    }
}
