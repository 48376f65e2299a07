namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;

/// <content>What every protocol shares: an operation's binding as its descriptor describes it, and the error codes.</content>
internal sealed partial class ServiceEmitter
{
    private string BindingText(OperationSpec operation) => protocol.Binding(spec, operation);

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
