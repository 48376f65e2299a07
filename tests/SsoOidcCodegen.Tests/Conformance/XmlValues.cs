namespace SsoOidcCodegen.Tests.Conformance;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

/// <summary>
/// XML equality as the Smithy protocol tests define it: elements by namespace and local name, in
/// order; attributes by name, in any order (prefixed namespace declarations included, the default
/// one carried by the element names); text of leaf elements exactly; whitespace between elements ignored.
/// </summary>
internal static class XmlValues
{
    /// <summary>The first difference, or null when the documents agree.</summary>
    public static string? Difference(string expected, string actual)
    {
        XElement want;
        XElement got;
        try
        {
            want = XElement.Parse(expected, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException exception)
        {
            return $"the expected body is not XML ({exception.Message})";
        }

        try
        {
            got = XElement.Parse(actual, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException exception)
        {
            return $"the body is not XML ({exception.Message})";
        }

        return Compare(want, got, "/" + want.Name.LocalName);
    }

    private static string? Compare(XElement want, XElement got, string path)
    {
        if (want.Name != got.Name)
        {
            return $"{path}: expected the element {want.Name}, got {got.Name}";
        }

        Dictionary<XName, string> wantAttributes = Attributes(want);
        Dictionary<XName, string> gotAttributes = Attributes(got);
        foreach (KeyValuePair<XName, string> attribute in wantAttributes)
        {
            if (!gotAttributes.TryGetValue(attribute.Key, out string? value))
            {
                return $"{path}: the attribute {attribute.Key} is missing";
            }

            if (value != attribute.Value)
            {
                return $"{path}: the attribute {attribute.Key} is \"{value}\", expected \"{attribute.Value}\"";
            }
        }

        if (gotAttributes.Keys.FirstOrDefault(k => !wantAttributes.ContainsKey(k)) is { } extra)
        {
            return $"{path}: unexpected attribute {extra}";
        }

        List<XElement> wantChildren = want.Elements().ToList();
        List<XElement> gotChildren = got.Elements().ToList();
        if (wantChildren.Count == 0 && gotChildren.Count == 0)
        {
            return want.Value == got.Value ? null : $"{path}: the text is \"{got.Value}\", expected \"{want.Value}\"";
        }

        if (wantChildren.Count != gotChildren.Count)
        {
            return $"{path}: {gotChildren.Count} child elements, expected {wantChildren.Count} "
                + $"([{string.Join(", ", gotChildren.Select(c => c.Name.LocalName))}], expected [{string.Join(", ", wantChildren.Select(c => c.Name.LocalName))}])";
        }

        for (int i = 0; i < wantChildren.Count; i++)
        {
            if (Compare(wantChildren[i], gotChildren[i], path + "/" + wantChildren[i].Name.LocalName) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static Dictionary<XName, string> Attributes(XElement element) =>
        element.Attributes()
            .Where(a => !(a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None))
            .ToDictionary(a => a.Name, a => a.Value);
}
