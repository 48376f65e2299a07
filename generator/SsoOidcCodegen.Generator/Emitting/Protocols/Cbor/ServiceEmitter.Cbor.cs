namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Generator.Naming;

/// <content>
/// smithy-rpc-v2-cbor: <c>POST /service/{service}/operation/{operation}</c> with <c>smithy-protocol:
/// rpc-v2-cbor</c>, CBOR bodies through System.Formats.Cbor (structures as maps keyed by member name,
/// timestamps as tag 1 epoch seconds), errors named by <c>__type</c>.
/// </content>
internal sealed partial class ServiceEmitter
{
    private readonly SortedDictionary<string, TypeRef> cborCodecs = new(StringComparer.Ordinal);

    /// <summary>The list and map codecs whose writer is called (the others are only read).</summary>
    private readonly HashSet<string> cborWrittenCodecs = new(StringComparer.Ordinal);

    /// <summary>The list and map codecs whose reader is called.</summary>
    private readonly HashSet<string> cborReadCodecs = new(StringComparer.Ordinal);

    private bool SpeaksCbor => protocol.Codec == BodyCodec.Cbor;

    /// <summary>The answer's body: the output's members, read by its serializer.</summary>
    private void CborReadBody(UnmarshalViewModel view, ShapeSpec response)
    {
        if (BodyMembers(response).Count > 0)
        {
            view.Body = "CborMembers";
            view.Read = Call(response.TypeName, "ReadMembers");
        }
    }

    /// <summary>The request: the operation's path, and the input as a CBOR body when the operation has an input.</summary>
    private void CborRequest(MarshalViewModel view, OperationSpec operation, ShapeSpec request)
    {
        view.PathLiteral = CSharpNames.StringLiteral("/service/" + spec.TargetPrefix + "/operation/" + operation.Name);
        view.Write = operation.InputShape is null ? string.Empty : Call(request.TypeName, protocol.WriteMethod);
    }

    /// <summary>The members <c>WriteMembers</c> writes, in model order, each keyed by its member name.</summary>
    private List<SerializerMemberView> CborWriteMembers(List<MemberSpec> members) =>
        members.Select(m => new SerializerMemberView(m.PropertyName, ProtocolLocal(m), CSharpNames.StringLiteral(m.Name), CborValue(m.Type, write: true))).ToList();

    /// <summary>The members <c>ReadMembers</c> recognises, in model order.</summary>
    private List<SerializerMemberView> CborReadMembers(List<MemberSpec> members) =>
        members.Select(m => new SerializerMemberView(m.PropertyName, ProtocolLocal(m), CSharpNames.StringLiteral(m.Name), CborValue(m.Type, write: false))).ToList();

    /// <summary>How the <c>cbor_write</c> or <c>cbor_read</c> func writes or reads a value of the type; records the codec it calls.</summary>
    private WireValueView CborValue(TypeRef type, bool write) => type.Kind switch
    {
        TypeKind.StringEnum or TypeKind.IntEnum => new WireValueView(type.Kind.ToString(), ModelType(type.TypeName!), null, false),
        TypeKind.Structure => new WireValueView("Structure", type.TypeName, null, false),
        TypeKind.List or TypeKind.Map => new WireValueView("Collection", null, CollectionsClass + "." + (write ? "Write" : "Read") + CborCodec(type, write), false),
        _ => new WireValueView(type.Kind.ToString(), null, null, type.IsStreaming),
    };

    /// <summary>
    /// The name of the codec of a list or map type, recording that its writer or reader is called; the first call for
    /// a direction records what that codec calls for its items too, so every codec is known before any is written.
    /// </summary>
    private string CborCodec(TypeRef type, bool write)
    {
        string name = CSharpTypes.CollectionName(type);
        if (!cborCodecs.ContainsKey(name))
        {
            cborCodecs.Add(name, type);
        }

        if ((write ? cborWrittenCodecs : cborReadCodecs).Add(name))
        {
            _ = CborValue(Item(type), write);
        }

        return name;
    }

    private ClassRender? CborCollectionsRender()
    {
        List<CollectionCodecView> codecs = CollectionCodecs(cborCodecs, cborWrittenCodecs, cborReadCodecs, CborValue);
        return codecs.Count == 0 ? null : CollectionsRender("CborCollections", codecs);
    }
}
