namespace SsoOidcCodegen.Tests.Generator;

using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using SsoOidcCodegen.Generator.Emitting;
using SsoOidcCodegen.Generator.Model;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// Emitter snapshots from hand-made specs against committed approved files. The driver snapshot of
/// our model (every source and every diagnostic) is <c>generated/</c> itself: see <see cref="GeneratedFolderTests"/>.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class SnapshotTests
{
    [Fact]
    public void Emitter_output_for_a_hand_made_spec_matches_the_approved_snapshot()
    {
        TypeRef text = new(TypeKind.String, null, null, null, TimestampFormat.Default, false, false, false, "String");
        TypeRef secret = text with { IsSensitive = true };
        TypeRef when = new(TypeKind.Timestamp, null, null, null, TimestampFormat.Default, false, false, false, "TimestampDefault");
        TypeRef tags = new(TypeKind.Map, null, text, text, TimestampFormat.Default, false, false, false, "MapOfString");
        TypeRef color = new(TypeKind.StringEnum, "Color", null, null, TimestampFormat.Default, false, false, false, "EnumColor");
        MemberSpec Member(string name, TypeRef type, MemberLocation location = MemberLocation.Body, bool required = false, bool sensitive = false) =>
            new(name, char.ToUpperInvariant(name[0]) + name.Substring(1), name, type, location, name, required, sensitive, false, false, false, false, null, $"<p>The {name}.</p>", Constraints.None);

        var shapes = new[]
        {
            new ShapeSpec("PutThingRequest", "PutThingRequest", ShapeKind.Structure, "<p>Puts a thing.</p>", false, null, false, ShapeUsage.Input | ShapeUsage.Validated, null,
                new[] { Member("name", text, MemberLocation.Uri, required: true), Member("token", secret, sensitive: true), Member("color", color), Member("tags", tags), Member("since", when, MemberLocation.Header) }.ToEquatableArray(),
                EquatableArray<EnumValueSpec>.Empty, null),
            new ShapeSpec("PutThingResponse", "PutThingResponse", ShapeKind.Structure, null, false, null, false, ShapeUsage.Output, null,
                new[] { Member("id", text), Member("status", new TypeRef(TypeKind.Integer, null, null, null, TimestampFormat.Default, false, false, false, "Integer"), MemberLocation.StatusCode) }.ToEquatableArray(),
                EquatableArray<EnumValueSpec>.Empty, null),
            new ShapeSpec("Color", "Color", ShapeKind.StringEnum, null, false, null, false, ShapeUsage.None, null, EquatableArray<MemberSpec>.Empty,
                new[] { new EnumValueSpec("Red", "red", 0), new EnumValueSpec("DarkBlue", "dark-blue", 0) }.ToEquatableArray(), null),
            new ShapeSpec("ThingGoneException", "ThingGoneException", ShapeKind.Exception, "<p>The thing is gone.</p>", false, null, false, ShapeUsage.Error, null,
                new[] { Member("message", text), Member("thingId", text) }.ToEquatableArray() is var m ? new EquatableArray<MemberSpec>(m.Select(x => x.Name == "message" ? x with { PropertyName = "Message" } : x).ToArray()) : default,
                EquatableArray<EnumValueSpec>.Empty, new ErrorInfo("ThingGoneException", 404, false, false, false)),
        };
        var operation = new OperationSpec("PutThing", "PutThingAsync", "PUT", "/things/{name}?mode=fast", null, "PutThingRequest", "PutThingResponse",
            "PutThingRequest", "PutThingResponse", AuthKind.SigV4, false, null, "<p>Stores a <b>thing</b>.</p>", new[] { "ThingGoneException" }.ToEquatableArray());
        var spec = new ServiceSpec("things-2024-01-01", "Demo.Things", "ThingsClient", "Things", true, ProtocolKind.RestJson, "2024-01-01", "Things",
            "things", "things", null, null, AuthKind.SigV4, "<p>A demo service.</p>", new[] { operation }.ToEquatableArray(), shapes.ToEquatableArray(),
            EquatableArray<PaginatorSpec>.Empty, null);

        Snapshot.Match("Emitter.Things", Render(ServiceEmitter.Emit(spec, CancellationToken.None).Select(s => (s.HintName, s.Text)), Enumerable.Empty<string>()));
    }

    [Fact]
    public void Every_template_parses_without_errors()
    {
        foreach (string name in TemplateRenderer.Names)
        {
            Assert.Empty(TemplateRenderer.ParseErrors(name));
        }
    }

    private static string Render(System.Collections.Generic.IEnumerable<(string HintName, string Text)> sources, System.Collections.Generic.IEnumerable<string> diagnostics)
    {
        var builder = new StringBuilder();
        builder.Append("// diagnostics:\n");
        foreach (string diagnostic in diagnostics)
        {
            builder.Append("// ").Append(diagnostic).Append('\n');
        }

        foreach ((string hint, string text) in sources.OrderBy(s => s.HintName, System.StringComparer.Ordinal))
        {
            builder.Append("\n//// ").Append(hint).Append('\n').Append(text);
        }

        return builder.ToString();
    }
}
