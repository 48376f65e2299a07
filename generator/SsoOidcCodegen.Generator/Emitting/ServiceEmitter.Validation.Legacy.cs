namespace SsoOidcCodegen.Generator.Emitting;

using System.Globalization;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// The statement-building form of a serializer's <c>Validate</c> body, for the XML serializer until its template calls
/// <c>validation_body</c> (<c>Templates/_Validation.sbn</c>) with <see cref="Validation"/>; then this file goes.
/// </content>
internal sealed partial class ServiceEmitter
{
    private CodeBlock ValidateBody(ShapeSpec shape)
    {
        var code = new CodeBlock();
        int localCounter = 0;
        if (shape.Kind == ShapeKind.Union)
        {
            string count = string.Join(" + ", shape.Members.Select(m => $"(value.{m.PropertyName} is null ? 0 : 1)"));
            code.Open($"if ({(shape.Members.Count == 0 ? "0" : count)} != 1)");
            code.Line("context.Fail(path.Length == 0 ? \"(union)\" : path, \"must have exactly one member set\");");
            code.Close();
        }

        foreach (MemberSpec member in shape.Members)
        {
            if (member.PropertyName == "Message" && shape.Kind == ShapeKind.Exception)
            {
                continue;
            }

            string memberPath = $"global::SsoOidcCodegen.Runtime.AwsValidationContext.Join(path, {CSharpNames.StringLiteral(member.Name)})";
            string property = "value." + member.PropertyName;
            if (member.IsRequired && !member.IsIdempotencyToken)
            {
                code.Line($"context.Required({memberPath}, {property});");
            }

            Constraints c = member.Constraints;
            if (c.Min is not null || c.Max is not null)
            {
                string min = c.Min?.ToString(CultureInfo.InvariantCulture) ?? "null";
                string max = c.Max?.ToString(CultureInfo.InvariantCulture) ?? "null";
                switch (member.Type.Kind)
                {
                    case TypeKind.String:
                        code.Line($"context.Length({memberPath}, {property}, {min}, {max});");
                        break;
                    case TypeKind.List:
                    case TypeKind.Map:
                        code.Line($"context.Count({memberPath}, {property}?.Count, {min}, {max});");
                        break;
                    case TypeKind.Blob when !member.Type.IsStreaming:
                        code.Line($"context.Count({memberPath}, {property}?.Length, {min}, {max});");
                        break;
                    case TypeKind.Byte:
                    case TypeKind.Short:
                    case TypeKind.Integer:
                    case TypeKind.Long:
                    case TypeKind.Float:
                    case TypeKind.Double:
                        code.Line($"context.Range({memberPath}, {property}, {min}, {max});");
                        break;
                }
            }

            NestedValidation(code, member.Type, property, memberPath, ref localCounter);
        }

        if (code.IsEmpty)
        {
            code.Line("_ = value;");
            code.Line("_ = context;");
            code.Line("_ = path;");
        }

        return code;
    }

    private void NestedValidation(CodeBlock code, TypeRef type, string expression, string path, ref int counter)
    {
        if (!NeedsValidation(type))
        {
            return;
        }

        // Pattern variables leak into the enclosing block, so every local gets its own number.
        int depth = counter++;
        string local = "item" + depth.ToString(CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case TypeKind.Structure:
                code.Open($"if ({expression} is {{ }} {local})");
                code.Line($"{type.TypeName}Serializer.Validate({local}, context, {path});");
                code.Close();
                break;
            case TypeKind.List:
                string index = "i" + depth.ToString(CultureInfo.InvariantCulture);
                code.Open($"if ({expression} is {{ }} {local})");
                code.Open($"for (int {index} = 0; {index} < {local}.Count; {index}++)");
                NestedValidation(code, type.Element!, $"{local}[{index}]", $"global::SsoOidcCodegen.Runtime.AwsValidationContext.Index({path}, {index})", ref counter);
                code.Close();
                code.Close();
                break;
            case TypeKind.Map:
                string entry = "entry" + depth.ToString(CultureInfo.InvariantCulture);
                code.Open($"if ({expression} is {{ }} {local})");
                code.Open($"foreach (var {entry} in {local})");
                NestedValidation(code, type.Value!, $"{entry}.Value", $"global::SsoOidcCodegen.Runtime.AwsValidationContext.Join({path}, {entry}.Key)", ref counter);
                code.Close();
                code.Close();
                break;
        }
    }
}
