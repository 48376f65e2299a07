namespace SsoOidcCodegen.Tests.Infrastructure;

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

/// <summary>
/// Which members of the generated <c>.Internal</c> classes (serializers, collection codecs, operations, the error
/// table) nothing can reach: a semantic walk over the compilation from every member declared outside an
/// <c>.Internal</c> namespace (the client, the model types, the endpoint resolver: what a user can call), following
/// every method, field and property a reached member's declaration names. Following references, not counting them,
/// means two dead methods that call each other (<c>Read</c> and <c>ReadMembers</c>) are still dead.
/// </summary>
public static class GeneratedCodeReachability
{
    /// <summary>The unreached internal members of the compilation's generated code, as <c>Class.Member</c>.</summary>
    public static IReadOnlyList<string> UnreachedInternalMembers(Compilation compilation)
    {
        var declarations = new Dictionary<ISymbol, List<SyntaxNode>>(SymbolEqualityComparer.Default);
        var models = new Dictionary<SyntaxTree, SemanticModel>();
        var work = new Queue<ISymbol>();
        var reached = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            models[tree] = model;
            foreach (MemberDeclarationSyntax member in tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>())
            {
                IEnumerable<(ISymbol? Symbol, SyntaxNode Node)> declared = member switch
                {
                    FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => (model.GetDeclaredSymbol(v), (SyntaxNode)v)),
                    EventFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => (model.GetDeclaredSymbol(v), (SyntaxNode)v)),
                    BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax => new[] { (model.GetDeclaredSymbol(member), (SyntaxNode)member) },
                    _ => Array.Empty<(ISymbol?, SyntaxNode)>(),
                };
                foreach ((ISymbol? symbol, SyntaxNode node) in declared)
                {
                    if (symbol is null)
                    {
                        continue;
                    }

                    if (!declarations.TryGetValue(symbol, out List<SyntaxNode>? nodes))
                    {
                        declarations[symbol] = nodes = new List<SyntaxNode>();
                    }

                    nodes.Add(node);

                    // What a user can call, what the runtime calls by itself (constructors, overrides, interface
                    // members), and everything outside the internal namespace starts the walk.
                    if (!IsInternal(symbol) || symbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } || symbol.IsOverride
                        || symbol.ContainingType.AllInterfaces.Any(i => i.GetMembers().Any(m => SymbolEqualityComparer.Default.Equals(symbol.ContainingType.FindImplementationForInterfaceMember(m), symbol))))
                    {
                        if (reached.Add(symbol))
                        {
                            work.Enqueue(symbol);
                        }
                    }
                }
            }
        }

        var names = new HashSet<string>(declarations.Keys.Select(s => s.Name), StringComparer.Ordinal);
        while (work.Count > 0)
        {
            foreach (SyntaxNode declaration in declarations[work.Dequeue()])
            {
                SemanticModel model = models[declaration.SyntaxTree];
                foreach (SimpleNameSyntax name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (!names.Contains(name.Identifier.ValueText))
                    {
                        continue;
                    }

                    SymbolInfo info = model.GetSymbolInfo(name);
                    foreach (ISymbol candidate in info.Symbol is { } symbol ? new[] { symbol } : info.CandidateSymbols.ToArray())
                    {
                        ISymbol target = candidate is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : candidate.OriginalDefinition;
                        if (declarations.ContainsKey(target) && reached.Add(target))
                        {
                            work.Enqueue(target);
                        }
                    }
                }
            }
        }

        return declarations.Keys
            .Where(s => IsInternal(s) && !reached.Contains(s))
            .Select(s => s.ContainingType.Name + "." + s.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsInternal(ISymbol symbol) =>
        symbol.ContainingNamespace?.ToDisplayString().EndsWith(".Internal", StringComparison.Ordinal) == true;
}
