namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;

/// <content>The one place that picks each protocol's request writer and describes its binding.</content>
internal sealed partial class ServiceEmitter
{
    private string BindingText(OperationSpec operation) => spec.Protocol switch
    {
        ProtocolKind.RestJson or ProtocolKind.RestXml => operation.HttpMethod + " " + operation.RequestUri,
        ProtocolKind.AwsQuery or ProtocolKind.Ec2Query => "POST / with Action=" + operation.Name + "&Version=" + spec.ApiVersion,
        ProtocolKind.RpcV2Cbor => "POST /service/" + spec.TargetPrefix + "/operation/" + operation.Name + " (rpc-v2-cbor)",
        _ => "POST / with X-Amz-Target " + spec.TargetPrefix + "." + operation.Name,
    };

    /// <summary>
    /// The error codes each modelled error answers to: its shape name, and the code its error trait
    /// gives (the awsQuery code). A shape name wins over another shape's code (CloudWatch has a
    /// <c>ResourceNotFound</c> shape and a <c>DashboardNotFoundError</c> whose code is <c>ResourceNotFound</c>);
    /// a code two shapes give goes to the first.
    /// </summary>
    private Dictionary<ShapeSpec, List<string>> ErrorCaseLabels()
    {
        var errors = spec.Shapes.Where(s => s.Kind == ShapeKind.Exception).ToList();
        var claimed = new HashSet<string>(errors.Select(s => s.Name), StringComparer.Ordinal);
        var labels = new Dictionary<ShapeSpec, List<string>>();
        foreach (ShapeSpec shape in errors)
        {
            var list = new List<string> { shape.Name };
            if (claimed.Add(shape.Error!.Code))
            {
                list.Add(shape.Error.Code);
            }

            labels[shape] = list;
        }

        return labels;
    }
}
