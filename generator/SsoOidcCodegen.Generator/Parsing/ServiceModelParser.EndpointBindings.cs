namespace SsoOidcCodegen.Generator.Parsing;

using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using SsoOidcCodegen.Generator.Model;

/// <content>
/// The model's endpoint-parameter traits: <c>clientContextParams</c> (service), <c>staticContextParams</c> and
/// <c>operationContextParams</c> (operation), <c>contextParam</c> (input member). Entries of the wrong JSON type
/// are ignored here; the emitter binds only parameters the rule set declares, with a matching type.
/// </content>
internal sealed partial class ServiceModelParser
{
    /// <summary>The names of the model's <c>clientContextParams</c>.</summary>
    private static EquatableArray<string> ReadClientContextParams(JObject model) =>
        model["clientContextParams"] is JObject parameters
            ? parameters.Properties().Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray()
            : EquatableArray<string>.Empty;

    /// <summary>The operation's endpoint bindings, in a stable order: static, members, paths.</summary>
    private EquatableArray<EndpointBindingSpec> ReadEndpointBindings(JObject operation, string? inputShape)
    {
        var bindings = new List<EndpointBindingSpec>();
        if (operation["staticContextParams"] is JObject statics)
        {
            foreach (JProperty parameter in statics.Properties())
            {
                JToken? value = parameter.Value is JObject holder ? holder["value"] : null;
                switch (value?.Type)
                {
                    case JTokenType.Boolean:
                        bindings.Add(new EndpointBindingSpec { Parameter = parameter.Name, Kind = EndpointBindingKind.StaticBoolean, Boolean = (bool)value });
                        break;
                    case JTokenType.String:
                        bindings.Add(new EndpointBindingSpec { Parameter = parameter.Name, Kind = EndpointBindingKind.StaticString, Text = (string?)value });
                        break;
                    case JTokenType.Array when value.All(item => item.Type == JTokenType.String):
                        bindings.Add(new EndpointBindingSpec { Parameter = parameter.Name, Kind = EndpointBindingKind.StaticStrings, Strings = value.Select(item => (string)item!).ToEquatableArray() });
                        break;
                }
            }
        }

        if (inputShape is not null && shapeDefinitions.TryGetValue(inputShape, out JObject? input) && input["members"] is JObject members)
        {
            foreach (JProperty member in members.Properties())
            {
                if (member.Value is JObject reference && reference["contextParam"] is JObject contextParam && String(contextParam, "name") is { } parameterName)
                {
                    bindings.Add(new EndpointBindingSpec { Parameter = parameterName, Kind = EndpointBindingKind.Member, Text = member.Name });
                }
            }
        }

        if (operation["operationContextParams"] is JObject paths)
        {
            foreach (JProperty parameter in paths.Properties())
            {
                if (parameter.Value is JObject holder && String(holder, "path") is { } path)
                {
                    bindings.Add(new EndpointBindingSpec { Parameter = parameter.Name, Kind = EndpointBindingKind.Path, Text = path });
                }
            }
        }

        return bindings.ToEquatableArray();
    }
}
