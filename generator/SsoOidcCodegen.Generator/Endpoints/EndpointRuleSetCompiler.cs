namespace SsoOidcCodegen.Generator.Endpoints;

using System.Collections.Generic;
using System.Threading;
using System;
using SsoOidcCodegen.Generator.Diagnostics;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// Compiles an AWS endpoint rule set (the <c>endpointRuleSet</c> JSON document) into two C# sources: the
/// parameters class and a resolver that evaluates the rules as straight-line code. The stages are
/// parse (JSON → spec) → bind (names, types, constants, property names → <see cref="BoundRuleSet"/>) → emit (C#).
/// Bad input never throws: it yields diagnostics and no sources. The generator runs the first two in its parse
/// step (<see cref="Parse"/>, <see cref="Bind"/>) and keeps the bound rule set in the service spec; its emitter
/// only calls <see cref="EmitSources"/>.
/// </summary>
internal static class EndpointRuleSetCompiler
{
    /// <summary>Compiles a rule set.</summary>
    /// <param name="ruleSetJson">The rule-set document.</param>
    /// <param name="filePath">The document's path, for diagnostics.</param>
    /// <param name="namespace">The namespace of the generated types.</param>
    /// <param name="prefix">The type-name prefix: <c>SsoOidc</c> gives <c>SsoOidcEndpointParameters</c> and <c>SsoOidcEndpointResolver</c>.</param>
    /// <param name="isPublic">Whether the generated types are public (else internal).</param>
    /// <param name="cancellationToken">Cancels the compilation (the only exception this method lets through).</param>
    public static EndpointCompilation Compile(string ruleSetJson, string filePath, string @namespace, string prefix, bool isPublic, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        filePath ??= string.Empty;
        try
        {
            if (ruleSetJson is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EndpointRuleSetInvalidJson, LocationInfo.File(filePath), "the document is empty"));
                return Failed(diagnostics);
            }

            var options = new EndpointEmitOptions { Namespace = @namespace ?? string.Empty, Prefix = prefix ?? string.Empty, IsPublic = isPublic };
            if (!CSharpSyntax.IsNamespace(options.Namespace))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEndpointTypeNames, LocationInfo.File(filePath), options.Namespace, "namespace"));
            }

            if (!CSharpSyntax.IsIdentifier(options.Prefix))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEndpointTypeNames, LocationInfo.File(filePath), options.Prefix, "type-name prefix"));
            }

            EndpointRuleSetParseResult parsed = EndpointRuleSetParser.Parse(ruleSetJson, filePath, cancellationToken);
            diagnostics.AddRange(parsed.Diagnostics);
            if (parsed.Spec is null)
            {
                return Failed(diagnostics);
            }

            // The parser leaves out only the rules it could not read, so binding the rest reports their problems too.
            (BoundRuleSet? ruleSet, EquatableArray<DiagnosticInfo> bindDiagnostics) = Bind(parsed.Spec, options, filePath, cancellationToken);
            diagnostics.AddRange(bindDiagnostics);
            if (ruleSet is null || HasErrors(diagnostics))
            {
                return Failed(diagnostics);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new EndpointCompilation(EmitSources(ruleSet, options), diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EndpointCompilerFailure, LocationInfo.File(filePath), exception.GetType().Name + ": " + exception.Message));
            return Failed(diagnostics);
        }
    }

    /// <summary>Parses a rule set into its spec (the cacheable first stage of <see cref="Compile"/>).</summary>
    public static EndpointRuleSetParseResult Parse(string ruleSetJson, string filePath, CancellationToken cancellationToken)
    {
        try
        {
            return EndpointRuleSetParser.Parse(ruleSetJson ?? string.Empty, filePath ?? string.Empty, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            DiagnosticInfo internalError = DiagnosticInfo.Create(DiagnosticDescriptors.EndpointCompilerFailure, LocationInfo.File(filePath ?? string.Empty), exception.GetType().Name + ": " + exception.Message);
            return new EndpointRuleSetParseResult(null, EquatableArray.Create(internalError));
        }
    }

    /// <summary>
    /// Binds a parsed rule set and assigns the parameters' property names (the second stage of <see cref="Compile"/>):
    /// the bound rule set, null when there are errors, and the diagnostics.
    /// </summary>
    public static (BoundRuleSet? RuleSet, EquatableArray<DiagnosticInfo> Diagnostics) Bind(EndpointRuleSetSpec spec, string filePath, string @namespace, string prefix, bool isPublic, CancellationToken cancellationToken)
    {
        try
        {
            return Bind(spec, new EndpointEmitOptions { Namespace = @namespace, Prefix = prefix, IsPublic = isPublic }, filePath ?? string.Empty, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return (null, EquatableArray.Create(DiagnosticInfo.Create(DiagnosticDescriptors.EndpointCompilerFailure, LocationInfo.File(filePath ?? string.Empty), exception.GetType().Name + ": " + exception.Message)));
        }
    }

    /// <summary>The parameters class and the resolver of a bound rule set (the last stage: no binding, no diagnostics).</summary>
    public static EquatableArray<EndpointGeneratedSource> EmitSources(BoundRuleSet ruleSet, string @namespace, string prefix, bool isPublic, string header) =>
        EmitSources(ruleSet, new EndpointEmitOptions { Namespace = @namespace, Prefix = prefix, IsPublic = isPublic, Header = header });

    private static (BoundRuleSet? RuleSet, EquatableArray<DiagnosticInfo> Diagnostics) Bind(EndpointRuleSetSpec spec, EndpointEmitOptions options, string filePath, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        EquatableArray<string> propertyNames = EndpointParameterNames.Assign(spec, options, filePath, diagnostics);
        (BoundRuleSet? ruleSet, EquatableArray<DiagnosticInfo> bindDiagnostics) = EndpointRuleSetBinder.Bind(spec, propertyNames, filePath, cancellationToken);

        // Binder diagnostics first: they follow the rule set's order, as the parser's do.
        diagnostics.InsertRange(0, bindDiagnostics);
        return (HasErrors(diagnostics) ? null : ruleSet, diagnostics.ToEquatableArray());
    }

    private static EquatableArray<EndpointGeneratedSource> EmitSources(BoundRuleSet ruleSet, EndpointEmitOptions options)
    {
        string prefix = options.Namespace + ".";
        var sources = new[]
        {
            new EndpointGeneratedSource(prefix + options.ParametersClassName + ".g.cs", EndpointParametersEmitter.Emit(ruleSet, options)),
            new EndpointGeneratedSource(prefix + options.ResolverClassName + ".g.cs", EndpointResolverEmitter.Emit(ruleSet, options)),
        };
        return EquatableArray<EndpointGeneratedSource>.FromOwnedArray(sources);
    }

    private static bool HasErrors(List<DiagnosticInfo> diagnostics) => diagnostics.Exists(diagnostic => diagnostic.IsError);

    private static EndpointCompilation Failed(List<DiagnosticInfo> diagnostics) =>
        new(EquatableArray<EndpointGeneratedSource>.Empty, diagnostics.ToEquatableArray());
}

/// <summary>What <see cref="EndpointRuleSetCompiler.Compile"/> produces: sources (none when there are errors) and diagnostics.</summary>
internal sealed record EndpointCompilation
{
    public EndpointCompilation(EquatableArray<EndpointGeneratedSource> sources, EquatableArray<DiagnosticInfo> diagnostics)
    {
        Sources = sources;
        Diagnostics = diagnostics;
    }

    /// <summary>The parameters class and the resolver, one source per type (empty when there are errors).</summary>
    public EquatableArray<EndpointGeneratedSource> Sources { get; }

    public EquatableArray<DiagnosticInfo> Diagnostics { get; }

    public bool HasErrors
    {
        get
        {
            foreach (DiagnosticInfo diagnostic in Diagnostics)
            {
                if (diagnostic.IsError)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>One generated file: its hint name (the type's full name plus <c>.g.cs</c>) and its text.</summary>
internal sealed record EndpointGeneratedSource
{
    public EndpointGeneratedSource(string hintName, string text)
    {
        HintName = hintName;
        Text = text;
    }

    public string HintName { get; }

    public string Text { get; }
}
