namespace SsoOidcCodegen.Generator.Parsing;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;

/// <content>Usage analysis: which shapes a request carries, which a response or an error carries, which a request validates.</content>
internal sealed partial class ServiceModelParser
{
    /// <summary>
    /// The shapes with their <see cref="ShapeUsage"/>. Operation inputs are the roots of the input side; operation
    /// outputs and every error shape (the error table reads any of them) the roots of the output side. Each side
    /// visits a shape at most once, and <see cref="ShapeUsage.Validated"/> is one walk backwards over "is held by",
    /// so the analysis is linear in the model and iterative: recursive shapes and chains of thousands of
    /// structures cost no stack. Paginators and waiters work on the request and response objects and need no
    /// serializer of their own.
    /// </summary>
    private List<ShapeSpec> WithUsage(List<ShapeSpec> shapes, List<OperationSpec> operations, IEnumerable<string>? eventStructures = null, IEnumerable<string>? inputEventStructures = null)
    {
        var byType = new Dictionary<string, ShapeSpec>(StringComparer.Ordinal);
        foreach (ShapeSpec shape in shapes)
        {
            byType[shape.TypeName] = shape;
        }

        var usage = new Dictionary<string, ShapeUsage>(StringComparer.Ordinal);
        var inputs = new Queue<string>();
        var outputs = new Queue<string>();
        foreach (OperationSpec operation in operations)
        {
            Mark(usage, operation.RequestType, ShapeUsage.Input, inputs);
            Mark(usage, operation.ResponseType, ShapeUsage.Output, outputs);
        }

        // What the events of an output event stream hold is read like members of an output; the event structures
        // themselves are read where their reader calls them (the serializer methods it records), so they get no flag.
        foreach (string eventStructure in eventStructures ?? Enumerable.Empty<string>())
        {
            outputs.Enqueue(eventStructure);
        }

        // The events of an input event stream are validated like an input, and what they hold is written like members
        // of an input; the event structures themselves are written by their stream's writer, so they get no nested writer.
        foreach (string eventStructure in inputEventStructures ?? Enumerable.Empty<string>())
        {
            Mark(usage, eventStructure, ShapeUsage.Input, inputs);
        }

        foreach (ShapeSpec shape in shapes)
        {
            if (shape.Kind == ShapeKind.Exception)
            {
                Mark(usage, shape.TypeName, ShapeUsage.Error, outputs);
            }
        }

        Propagate(byType, usage, inputs, ShapeUsage.InputMember);
        Propagate(byType, usage, outputs, ShapeUsage.OutputMember);
        foreach (string validated in CanBreakARule(shapes))
        {
            if (usage.TryGetValue(validated, out ShapeUsage used) && (used & (ShapeUsage.Input | ShapeUsage.InputMember)) != 0)
            {
                usage[validated] = used | ShapeUsage.Validated;
            }
        }

        var result = new List<ShapeSpec>(shapes.Count);
        foreach (ShapeSpec shape in shapes)
        {
            ShapeUsage used = usage.TryGetValue(shape.TypeName, out ShapeUsage u) ? u : ShapeUsage.None;
            result.Add(used == shape.Usage ? shape : shape with { Usage = used });
        }

        return result;
    }

    /// <summary>Adds the flag; a shape seen for the first time on this side is queued to have its members walked.</summary>
    private static void Mark(Dictionary<string, ShapeUsage> usage, string typeName, ShapeUsage flag, Queue<string> work)
    {
        usage.TryGetValue(typeName, out ShapeUsage used);
        ShapeUsage side = flag is ShapeUsage.Input or ShapeUsage.InputMember
            ? ShapeUsage.Input | ShapeUsage.InputMember
            : ShapeUsage.Output | ShapeUsage.OutputMember | ShapeUsage.Error;
        if ((used & side) == 0)
        {
            work.Enqueue(typeName);
        }

        usage[typeName] = used | flag;
    }

    /// <summary>Marks every structure the queued shapes hold (through lists and maps) with the member flag, breadth first.</summary>
    private void Propagate(Dictionary<string, ShapeSpec> byType, Dictionary<string, ShapeUsage> usage, Queue<string> work, ShapeUsage memberFlag)
    {
        while (work.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!byType.TryGetValue(work.Dequeue(), out ShapeSpec? shape))
            {
                continue;
            }

            foreach (MemberSpec member in shape.Members)
            {
                string? child = InnermostStructure(member.Type, out _);
                if (child is null)
                {
                    continue;
                }

                usage.TryGetValue(child, out ShapeUsage used);
                if ((used & memberFlag) == 0)
                {
                    Mark(usage, child, memberFlag, work);
                }
            }
        }
    }

    /// <summary>
    /// The structures with a rule of their own (a required member, a length or range, or being a union), and every
    /// structure that holds one of them at any depth: one walk backwards over "is held by".
    /// </summary>
    private HashSet<string> CanBreakARule(List<ShapeSpec> shapes)
    {
        var heldBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var work = new Queue<string>();
        foreach (ShapeSpec shape in shapes)
        {
            bool ownRule = shape.Kind == ShapeKind.Union;
            foreach (MemberSpec member in shape.Members)
            {
                ownRule |= HasOwnRule(shape, member);
                if (InnermostStructure(member.Type, out _) is { } inner)
                {
                    if (!heldBy.TryGetValue(inner, out List<string>? holders))
                    {
                        heldBy[inner] = holders = new List<string>();
                    }

                    holders.Add(shape.TypeName);
                }
            }

            if (ownRule && result.Add(shape.TypeName))
            {
                work.Enqueue(shape.TypeName);
            }
        }

        while (work.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (heldBy.TryGetValue(work.Dequeue(), out List<string>? holders))
            {
                foreach (string holder in holders)
                {
                    if (result.Add(holder))
                    {
                        work.Enqueue(holder);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Whether the validator checks the member itself: required (an idempotency token is filled in), or a length, count or range.</summary>
    private static bool HasOwnRule(ShapeSpec shape, MemberSpec member)
    {
        if (shape.Kind == ShapeKind.Exception && member.PropertyName == "Message")
        {
            return false;
        }

        if (member.IsRequired && !member.IsIdempotencyToken)
        {
            return true;
        }

        if (member.Constraints.Min is null && member.Constraints.Max is null)
        {
            return false;
        }

        return member.Type.Kind switch
        {
            TypeKind.String or TypeKind.List or TypeKind.Map => true,
            TypeKind.Blob => !member.Type.IsStreaming,
            TypeKind.Byte or TypeKind.Short or TypeKind.Integer or TypeKind.Long or TypeKind.Float or TypeKind.Double => true,
            _ => false,
        };
    }
}
