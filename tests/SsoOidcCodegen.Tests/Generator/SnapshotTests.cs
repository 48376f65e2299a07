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
        TypeRef text = new TypeRef { Kind = TypeKind.String, Signature = "String" };
        TypeRef secret = text with { IsSensitive = true };
        TypeRef when = new TypeRef { Kind = TypeKind.Timestamp, Signature = "TimestampDefault" };
        TypeRef tags = new TypeRef { Kind = TypeKind.Map, Element = text, Value = text, Signature = "MapOfString" };
        TypeRef color = new TypeRef { Kind = TypeKind.StringEnum, TypeName = "Color", Signature = "EnumColor" };
        MemberSpec Member(string name, TypeRef type, MemberLocation location = MemberLocation.Body, bool required = false, bool sensitive = false) =>
            new MemberSpec
            {
                Name = name,
                PropertyName = char.ToUpperInvariant(name[0]) + name.Substring(1),
                WireName = name,
                Type = type,
                Location = location,
                LocationName = name,
                IsRequired = required,
                IsSensitive = sensitive,
                IsIdempotencyToken = false,
                IsJsonValue = false,
                IsDeprecated = false,
                DeprecatedMessage = null,
                Documentation = $"<p>The {name}.</p>",
                Constraints = Constraints.None,
            };

        var shapes = new[]
        {
            new ShapeSpec
            {
                Name = "PutThingRequest",
                TypeName = "PutThingRequest",
                Kind = ShapeKind.Structure,
                Documentation = "<p>Puts a thing.</p>",
                IsDeprecated = false,
                DeprecatedMessage = null,
                Usage = ShapeUsage.Input | ShapeUsage.Validated,
                PayloadMember = null,
                Members = new[] { Member("name", text, MemberLocation.Uri, required: true), Member("token", secret, sensitive: true), Member("color", color), Member("tags", tags), Member("since", when, MemberLocation.Header) }.ToEquatableArray(),
                EnumValues = EquatableArray<EnumValueSpec>.Empty,
                Error = null,
            },
            new ShapeSpec
            {
                Name = "PutThingResponse",
                TypeName = "PutThingResponse",
                Kind = ShapeKind.Structure,
                Documentation = null,
                IsDeprecated = false,
                DeprecatedMessage = null,
                Usage = ShapeUsage.Output,
                PayloadMember = null,
                Members = new[] { Member("id", text), Member("status", new TypeRef { Kind = TypeKind.Integer, Signature = "Integer" }, MemberLocation.StatusCode) }.ToEquatableArray(),
                EnumValues = EquatableArray<EnumValueSpec>.Empty,
                Error = null,
            },
            new ShapeSpec
            {
                Name = "Color",
                TypeName = "Color",
                Kind = ShapeKind.StringEnum,
                Documentation = null,
                IsDeprecated = false,
                DeprecatedMessage = null,
                Usage = ShapeUsage.None,
                PayloadMember = null,
                Members = EquatableArray<MemberSpec>.Empty,
                EnumValues = new[] { new EnumValueSpec { MemberName = "Red", WireValue = "red", IntValue = 0 }, new EnumValueSpec { MemberName = "DarkBlue", WireValue = "dark-blue", IntValue = 0 } }.ToEquatableArray(),
                Error = null,
            },
            new ShapeSpec
            {
                Name = "ThingGoneException",
                TypeName = "ThingGoneException",
                Kind = ShapeKind.Exception,
                Documentation = "<p>The thing is gone.</p>",
                IsDeprecated = false,
                DeprecatedMessage = null,
                Usage = ShapeUsage.Error,
                PayloadMember = null,
                Members = new[] { Member("message", text), Member("thingId", text) }.ToEquatableArray() is var m ? new EquatableArray<MemberSpec>(m.Select(x => x.Name == "message" ? x with { PropertyName = "Message" } : x).ToArray()) : default,
                EnumValues = EquatableArray<EnumValueSpec>.Empty,
                Error = new ErrorInfo { Code = "ThingGoneException", HttpStatusCode = 404, IsRetryable = false, IsThrottling = false },
            },
        };
        var operation = new OperationSpec
        {
            Name = "PutThing",
            MethodName = "PutThingAsync",
            HttpMethod = "PUT",
            RequestUri = "/things/{name}?mode=fast",
            HostPrefix = null,
            RequestType = "PutThingRequest",
            ResponseType = "PutThingResponse",
            InputShape = "PutThingRequest",
            OutputShape = "PutThingResponse",
            Auth = AuthKind.SigV4,
            IsDeprecated = false,
            DeprecatedMessage = null,
            Documentation = "<p>Stores a <b>thing</b>.</p>",
            Errors = new[] { "ThingGoneException" }.ToEquatableArray(),
        };
        var spec = new ServiceSpec
        {
            ModelIdentity = "things-2024-01-01",
            Namespace = "Demo.Things",
            ClientName = "ThingsClient",
            ServiceName = "Things",
            IsPublic = true,
            Protocol = ProtocolKind.RestJson,
            ApiVersion = "2024-01-01",
            ServiceId = "Things",
            EndpointPrefix = "things",
            SigningName = "things",
            TargetPrefix = null,
            Documentation = "<p>A demo service.</p>",
            Operations = new[] { operation }.ToEquatableArray(),
            Shapes = shapes.ToEquatableArray(),
            Paginators = EquatableArray<PaginatorSpec>.Empty,
            EndpointRules = null,
        };

        Snapshot.Match("Emitter.Things", Render(ServiceEmitter.Emit(spec, CancellationToken.None).Select(s => (s.HintName, s.Text)), Enumerable.Empty<string>()));
    }

    [Fact]
    public void Every_template_parses_without_errors()
    {
        // The names come from the embedded Templates/*.sbn resources: a lost EmbeddedResource glob gives none.
        Assert.Contains("Structure", TemplateRenderer.Names);
        Assert.Contains("Client", TemplateRenderer.Names);
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
