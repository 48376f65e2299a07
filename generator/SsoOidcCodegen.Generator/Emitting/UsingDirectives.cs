namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

/// <summary>
/// Keeps only the <c>using</c> directives a generated file needs. A template lists every namespace its artifact
/// may use; which of them one file uses depends on the model (a serializer without lists needs no
/// <c>System.Collections.Generic</c>, a request-only one no reader types). The file is parsed (documentation
/// comments too, so a <c>cref</c> counts) and a directive stays when a simple name the file writes unqualified is a
/// type the namespace declares (<see cref="TypesByNamespace"/>); an alias stays when its name is written. A
/// namespace the table does not know is always kept.
/// </summary>
internal static class UsingDirectives
{
    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithDocumentationMode(DocumentationMode.Parse);

    /// <summary>
    /// The types of each imported namespace that generated code writes by their simple name. The runtime namespaces
    /// list every public type (a test compares them with the runtime assembly, and checks they declare no extension
    /// methods); the BCL namespaces list what the emitters and templates write, and the compile-the-output tests of
    /// every model fail if one is missing.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string[]> TypesByNamespace = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["System"] = new[]
        {
            "Action", "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException", "Array", "Boolean", "Byte", "Convert",
            "DateTime", "DateTimeOffset", "Decimal", "Double", "Enum", "Exception", "FormatException", "Func", "Guid", "IComparable",
            "IDisposable", "IEquatable", "IFormattable", "Int16", "Int32", "Int64", "InvalidOperationException", "Math", "Memory",
            "NotSupportedException", "Nullable", "Object", "Obsolete", "ObsoleteAttribute", "OperationCanceledException",
            "OverflowException", "ReadOnlyMemory", "ReadOnlySpan", "SByte", "Single", "Span", "String", "StringComparer",
            "StringComparison", "TimeProvider", "TimeSpan", "UInt16", "UInt32", "UInt64", "Uri", "UriKind",
        },
        ["System.Collections.Generic"] = new[]
        {
            "Comparer", "Dictionary", "EqualityComparer", "HashSet", "IAsyncEnumerable", "IAsyncEnumerator", "ICollection", "IDictionary",
            "IEnumerable", "IEnumerator", "IList", "IReadOnlyCollection", "IReadOnlyDictionary", "IReadOnlyList", "KeyValuePair", "List",
            "Queue", "SortedDictionary", "Stack",
        },
        ["System.Globalization"] = new[] { "CultureInfo", "DateTimeStyles", "NumberStyles" },
        ["System.IO"] = new[] { "File", "IOException", "MemoryStream", "Path", "Stream", "StreamReader", "StringReader", "StringWriter", "TextReader", "TextWriter" },
        ["System.Net"] = new[] { "HttpStatusCode", "WebUtility" },
        ["System.Text.Json"] = new[] { "JsonDocument", "JsonElement", "JsonException", "JsonReaderOptions", "JsonSerializer", "JsonTokenType", "JsonValueKind", "JsonWriterOptions", "Utf8JsonReader", "Utf8JsonWriter" },
        ["System.Formats.Cbor"] = new[] { "CborConformanceMode", "CborReader", "CborReaderState", "CborTag", "CborWriter" },
        ["System.Xml"] = new[] { "XmlConvert", "XmlNodeType", "XmlReader", "XmlReaderSettings", "XmlWriter", "XmlWriterSettings" },
        ["System.Threading"] = new[] { "CancellationToken", "CancellationTokenSource", "Interlocked", "Timeout", "Volatile" },
        ["System.Threading.Tasks"] = new[] { "Task", "TaskCompletionSource", "ValueTask" },
        ["System.Runtime.CompilerServices"] = new[] { "ConfiguredCancelableAsyncEnumerable", "ConfiguredTaskAwaitable", "EnumeratorCancellation", "EnumeratorCancellationAttribute", "MethodImpl", "MethodImplAttribute", "MethodImplOptions" },
        ["SsoOidcCodegen.Runtime"] = new[]
        {
            "AwsAuthScheme", "AwsChecksumMismatchException", "AwsClient", "AwsClientOptions", "AwsOperation", "AwsProtocol", "AwsResponseTooLargeException", "AwsResult",
            "AwsServiceException", "AwsServiceInfo", "AwsTimeoutException", "AwsTransportException", "AwsUnmarshallingException",
            "AwsValidationContext", "AwsValidationException", "RegionResolver",
        },
        ["SsoOidcCodegen.Runtime.Http"] = new[] { "AwsRequestBuilder", "AwsResponse" },
        ["SsoOidcCodegen.Runtime.Protocols"] = new[] { "AwsErrorInfo", "HttpWire", "JsonMapValueReader", "JsonMembersReader", "JsonWire", "TimestampWireFormat" },
        ["SsoOidcCodegen.Runtime.Protocols.Cbor"] = new[] { "CborWire" },
        ["SsoOidcCodegen.Runtime.Protocols.Query"] = new[] { "QueryWriter" },
        ["SsoOidcCodegen.Runtime.Protocols.Xml"] = new[] { "XmlBody", "XmlWire" },
        ["SsoOidcCodegen.Runtime.Text"] = new[] { "AwsObjectFormatter" },
        ["SsoOidcCodegen.Runtime.Waiters"] = new[] { "AwsWaiter", "JmesPath", "WaiterFailedException", "WaiterMatch", "WaiterOptions", "WaiterResponse", "WaiterResult", "WaiterState", "WaiterTimeoutException" },
    };

    private static readonly Dictionary<string, HashSet<string>> Types =
        TypesByNamespace.ToDictionary(p => p.Key, p => new HashSet<string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The file without the using directives it does not need (unchanged when it needs them all).</summary>
    /// <param name="text">The generated file.</param>
    /// <param name="namespaceTypes">The types of the file's own namespace (a model type <c>Action</c> or <c>Object</c> wins over an imported one).</param>
    public static string Prune(string text, IReadOnlyCollection<string> namespaceTypes)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, ParseOptions).GetRoot();
        List<UsingDirectiveSyntax> usings = root.Usings
            .Concat(root.Members.OfType<BaseNamespaceDeclarationSyntax>().SelectMany(n => n.Usings))
            .ToList();
        if (usings.Count == 0)
        {
            return text;
        }

        HashSet<string> written = WrittenSimpleNames(root);
        written.ExceptWith(namespaceTypes);
        var dropped = usings.Where(u => !Needed(u, written)).ToList();
        if (dropped.Count == 0)
        {
            return text;
        }

        // Drop each unneeded line; when the block is gone entirely, the blank line after it goes too.
        var builder = new StringBuilder(text.Length);
        int position = 0;
        foreach (UsingDirectiveSyntax directive in dropped.OrderBy(u => u.SpanStart))
        {
            // From the start of the directive's line (a blank line before it is not the directive's) through its line end.
            int lineStart = text.LastIndexOf('\n', Math.Max(directive.SpanStart - 1, 0)) + 1;
            builder.Append(text, position, lineStart - position);
            position = directive.FullSpan.End;
        }

        if (dropped.Count == usings.Count && position < text.Length && text[position] == '\n')
        {
            position++;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    private static bool Needed(UsingDirectiveSyntax directive, HashSet<string> written)
    {
        if (directive.Alias is { } alias)
        {
            return written.Contains(alias.Name.Identifier.ValueText);
        }

        if (directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || directive.Name is null)
        {
            return true;
        }

        // The templates import from global:: (a model namespace such as Aws.System must not capture the name).
        string name = StripGlobal(directive.Name.ToString());
        return !Types.TryGetValue(name, out HashSet<string>? types) || types.Overlaps(written);
    }

    private static string StripGlobal(string name) =>
        name.StartsWith("global::", StringComparison.Ordinal) ? name.Substring("global::".Length) : name;

    /// <summary>
    /// The names the file writes unqualified: not after a dot or <c>::</c>, not in a using directive, and not a name
    /// the file declares itself (a member, enum value, parameter or local of that name is what the name binds to,
    /// as an enum value <c>String</c> or a property <c>Path</c> does; nor a member an object initializer sets).
    /// </summary>
    private static HashSet<string> WrittenSimpleNames(CompilationUnitSyntax root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxNode node in root.DescendantNodes(n => n is not UsingDirectiveSyntax, descendIntoTrivia: true))
        {
            SyntaxToken? declaration = node switch
            {
                BaseTypeDeclarationSyntax type => type.Identifier,
                EnumMemberDeclarationSyntax value => value.Identifier,
                PropertyDeclarationSyntax property => property.Identifier,
                MethodDeclarationSyntax method => method.Identifier,
                EventDeclarationSyntax @event => @event.Identifier,
                VariableDeclaratorSyntax variable => variable.Identifier,
                ParameterSyntax parameter => parameter.Identifier,
                TypeParameterSyntax parameter => parameter.Identifier,
                SingleVariableDesignationSyntax designation => designation.Identifier,
                ForEachStatementSyntax loop => loop.Identifier,
                CatchDeclarationSyntax @catch => @catch.Identifier,
                _ => null,
            };
            if (declaration is { } token)
            {
                declared.Add(token.ValueText);
                continue;
            }

            if (node is not SimpleNameSyntax name)
            {
                continue;
            }

            bool qualified = node.Parent switch
            {
                QualifiedNameSyntax q => q.Right == node,
                NameMemberCrefSyntax { Parent: QualifiedCrefSyntax } => true,
                AliasQualifiedNameSyntax a => a.Name == node,
                MemberAccessExpressionSyntax m => m.Name == node,
                MemberBindingExpressionSyntax => true,
                AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } a => a.Left == node,
                _ => false,
            };
            if (!qualified)
            {
                names.Add(name.Identifier.ValueText);
            }
        }

        names.ExceptWith(declared);
        return names;
    }
}
