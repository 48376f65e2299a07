namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;

/// <content>
/// Which methods each serializer holds. A shape another shape holds (<see cref="ShapeUsage.InputMember"/>,
/// <see cref="ShapeUsage.OutputMember"/>) is written or read whole; an operation's own request, response or
/// error is written or read where its operation and the error table call it, which they record through
/// <see cref="Call"/> before any serializer is rendered. Nothing is generated that nothing calls.
/// </content>
internal sealed partial class ServiceEmitter
{
    /// <summary>The serializer methods the operations and the error table call, as <c>Type.Method</c>.</summary>
    private readonly HashSet<string> serializerCalls = new(StringComparer.Ordinal);

    /// <summary>A call of a serializer method from an operation or the error table; the method is then generated.</summary>
    private string Call(string typeName, string method)
    {
        serializerCalls.Add(typeName + "." + method);
        return typeName + "Serializer." + method;
    }

    private bool Called(ShapeSpec shape, string method) => serializerCalls.Contains(shape.TypeName + "." + method);

    /// <summary>What the serializer of a shape holds; computed after the operations and the error table are rendered.</summary>
    private SerializerPlan Plan(ShapeSpec shape)
    {
        bool nestedWrite = (shape.Usage & ShapeUsage.InputMember) != 0;
        bool nestedRead = (shape.Usage & ShapeUsage.OutputMember) != 0;
        bool read = nestedRead || Called(shape, "Read");
        bool readMembers = read || Called(shape, "ReadMembers");
        bool readMember = Called(shape, "ReadMember");
        bool validate = (shape.Usage & ShapeUsage.Validated) != 0;
        bool write = nestedWrite || Called(shape, protocol.WriteMethod);
        bool writeMembers = protocol.WriteMembersMethod is { } membersMethod && (write || Called(shape, membersMethod));
        return new SerializerPlan(write, writeMembers, read, readMembers, readMember, validate);
    }

    /// <summary>The serializer templates end each method they hold with a blank line; the last one needs none before the class's brace.</summary>
    internal static string WithoutBlankLineBeforeEnd(string text)
    {
        int end = EndWithoutNewLines(text);
        return end >= 3 && string.CompareOrdinal(text, end - 3, "\n\n}", 0, 3) == 0 ? text.Substring(0, end - 3) + "\n}\n" : text;
    }

    /// <summary>
    /// The methods of one serializer: <see cref="Write"/> is <c>Write</c>, <c>WriteQuery</c> or <c>WriteXml</c> by
    /// protocol, <see cref="WriteMembers"/> its members-only part (none for the query protocols), <see cref="ReadMember"/>
    /// one member of a JSON error at a time (the error table's single pass over the body).
    /// </summary>
    private sealed record SerializerPlan(bool Write, bool WriteMembers, bool Read, bool ReadMembers, bool ReadMember, bool Validate)
    {
        public bool IsEmpty => !Write && !WriteMembers && !Read && !ReadMembers && !ReadMember && !Validate;
    }
}
