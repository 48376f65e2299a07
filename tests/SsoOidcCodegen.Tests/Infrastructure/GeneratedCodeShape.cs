namespace SsoOidcCodegen.Tests.Infrastructure;

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

/// <summary>
/// The declarations of generated sources, read back with Roslyn: how many types, methods, properties,
/// fields, constructors and attributes of each kind there are, and every identifier token (comments and
/// string literals excluded). Two runs whose model differs only in its text must have the same shape.
/// </summary>
public sealed record GeneratedCodeShape(IReadOnlyDictionary<string, int> Counts, IReadOnlySet<string> Identifiers, IReadOnlyList<string> Attributes)
{
    /// <summary>Parses the sources (documentation comments are parsed and checked, as a consumer with docs on would).</summary>
    public static GeneratedCodeShape Of(IEnumerable<string> sources)
    {
        var counts = new SortedDictionary<string, int>(System.StringComparer.Ordinal);
        var identifiers = new HashSet<string>(System.StringComparer.Ordinal);
        var attributes = new List<string>();
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest).WithDocumentationMode(DocumentationMode.Diagnose);
        foreach (string source in sources)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(source, options).GetRoot();
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                string? kind = node switch
                {
                    BaseTypeDeclarationSyntax => "type",
                    DelegateDeclarationSyntax => "delegate",
                    MethodDeclarationSyntax => "method",
                    ConstructorDeclarationSyntax => "constructor",
                    PropertyDeclarationSyntax => "property",
                    FieldDeclarationSyntax => "field",
                    OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax => "operator",
                    LocalFunctionStatementSyntax => "local function",
                    NamespaceDeclarationSyntax or FileScopedNamespaceDeclarationSyntax => "namespace",
                    UsingDirectiveSyntax => "using",
                    _ => null,
                };
                if (kind is not null)
                {
                    counts[kind] = counts.GetValueOrDefault(kind) + 1;
                }

                if (node is AttributeSyntax attribute)
                {
                    attributes.Add(attribute.Name.ToString());
                }
            }

            foreach (SyntaxToken token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    identifiers.Add(token.ValueText);
                }
            }

            foreach (Diagnostic diagnostic in root.SyntaxTree.GetDiagnostics())
            {
                string key = "syntax " + diagnostic.Id;
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return new GeneratedCodeShape(counts, identifiers, attributes.Distinct().OrderBy(a => a, System.StringComparer.Ordinal).ToList());
    }

    /// <summary>The counts as text, for assertion messages.</summary>
    public string Describe() => string.Join(", ", Counts.Select(p => p.Key + "=" + p.Value));
}
