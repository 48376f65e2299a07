namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;
using static SsoOidcCodegen.Tests.Client.HostileResponses;

/// <summary>
/// The XML bodies of <see cref="HostileResponses"/> (restXml, awsQuery, ec2Query): one class of defect
/// per <see cref="Kind"/>, made of the model's element names so that the generated readers go deep.
/// </summary>
internal static class HostileXml
{
    private static readonly string[] Texts =
    {
        "abc", "1", "-1", "1.5", "true", "false", "NaN", "Infinity", "-Infinity", "", " ", "2026-13-45T99:00:00Z", "Tue, 99 Nov 2026", "not base64 !!",
        "99999999999999999999999999999", "1e400", "-9223372036854775809", "4294967296", "&amp;", "&lt;x&gt;", "&#65;", "<![CDATA[<x>]]>",
    };

    public static byte[] Body(Kind kind, Random random, IReadOnlyList<string> names, List<(string, string)> headers, ref long? declaredLength)
    {
        names = XmlNames(names);
        headers.Add(("Content-Type", "text/xml"));
        switch (kind)
        {
            case Kind.TruncatedJson:
                byte[] whole = Encoding.UTF8.GetBytes(Document(random, names));
                return whole.AsSpan(0, random.Next(whole.Length)).ToArray();
            case Kind.RandomBytes:
                byte[] bytes = new byte[random.Next(1, 512)];
                random.NextBytes(bytes);
                if (random.Next(2) == 0)
                {
                    bytes[0] = (byte)'<';
                }

                return bytes;
            case Kind.WrongMemberTypes:
                return Encoding.UTF8.GetBytes(Document(random, names));
            case Kind.DeepNesting:
                int depth = random.Next(2) == 0 ? 10_000 : random.Next(200, 2_000);
                string name = Pick(random, names);
                string root = Pick(random, names);
                var deep = new StringBuilder(depth * (2 * name.Length + 5) + 64);
                deep.Append('<').Append(root).Append('>');
                for (int i = 0; i < depth; i++)
                {
                    deep.Append('<').Append(name).Append('>');
                }

                deep.Append(Pick(random, Texts));
                for (int i = 0; i < depth; i++)
                {
                    deep.Append("</").Append(name).Append('>');
                }

                return Encoding.UTF8.GetBytes(deep.Append("</").Append(root).Append('>').ToString());
            case Kind.OutOfRangeNumbers:
                return Encoding.UTF8.GetBytes(Wrap(random, names, string.Concat(names.OrderBy(_ => random.Next()).Take(random.Next(1, 12)).Select(n =>
                    Element(n, Pick(random, new[] { "1e400", "-1e400", "99999999999999999999999999999", "-9223372036854775809", "1.7976931348623157e309", "4294967296", "1e-400", "0x10", "1_000", "+-1", "١٢" }))))));
            case Kind.InvalidUtf8:
                var utf8 = new List<byte>(Encoding.UTF8.GetBytes("<" + Pick(random, names) + "><" + Pick(random, names) + ">a"));
                utf8.AddRange(Pick(random, new[] { new byte[] { 0xC3, 0x28 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 } }));
                utf8.AddRange(Encoding.UTF8.GetBytes("</x></y>"));
                return utf8.ToArray();
            case Kind.LoneSurrogates:
                return Encoding.UTF8.GetBytes(Wrap(random, names, string.Concat(names.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).Select(n =>
                    "<" + n + ">" + Pick(random, new[] { "&#xD800;", "&#xDFFF;", "x&#55296;y", "&#0;", "&#x1;", "&#xFFFE;", "&#x110000;", "&bogus;" }) + "</" + n + ">"))));
            case Kind.DuplicateKeys:
                string twice = Pick(random, names);
                return Encoding.UTF8.GetBytes(Wrap(random, names, Element(twice, Pick(random, Texts)) + Content(random, names, 2) + Element(twice, Pick(random, Texts)) + Element(twice, "third")));
            case Kind.NullsEverywhere:
                return Encoding.UTF8.GetBytes(Wrap(random, names, string.Concat(names.Select(n => Pick(random, new[] { "<" + n + "/>", "<" + n + "></" + n + ">", "<" + n + " xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>", "<" + n + "><member/></" + n + ">", "<" + n + "><entry><key/><value/></entry></" + n + ">" })))));
            case Kind.HtmlPage:
                headers.Clear();
                return HtmlPage(random, names, headers);
            case Kind.EmptyBodyAnyStatus:
                return Array.Empty<byte>();
            case Kind.BogusErrorType:
                string code = Pick(random, new[] { string.Empty, ":", "#", "a#b#c:d:e", new string('X', 5000), "\u00e9\u4e2d", "&#1;", "InvalidRequestException:", "com.amazon#", "  ", Pick(random, names) });
                string message = Pick(random, new[] { string.Empty, "m", "<Inner>x</Inner>", new string('m', 3000) });
                return Encoding.UTF8.GetBytes(Pick(random, new[]
                {
                    "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>r</RequestId></ErrorResponse>",
                    "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>r</RequestID></Response>",
                    "<Error><Code>" + code + "</Code><Message>" + message + "</Message>" + Content(random, names, 1) + "</Error>",
                    "<ErrorResponse><Error><Code><Code>" + code + "</Code></Code></Error><Error/></ErrorResponse>",
                    "<Error/>",
                }));
            case Kind.ContentLengthTooLarge:
                byte[] shorter = Encoding.UTF8.GetBytes(Document(random, names));
                declaredLength = shorter.Length + random.Next(1, 1_000_000);
                return shorter;
            case Kind.ContentLengthTooSmall:
                byte[] longer = Encoding.UTF8.GetBytes(Document(random, names));
                declaredLength = random.Next(0, longer.Length);
                return longer;
            case Kind.TopLevelNonObject:
                return Encoding.UTF8.GetBytes(Pick(random, new[]
                {
                    "text", "<?xml version=\"1.0\"?>", "<a/><b/>", "<a>", "</a>", "<!-- only a comment -->", "\u0000", "  \n ", "<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>",
                    "<!DOCTYPE a [<!ENTITY x \"xxxxxxxxxx\"><!ENTITY y \"&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;\">]><a>&y;</a>",
                    "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>", "<a xmlns:p=\"\"><p:b/></a>", "<1a/>", "<a b=\"1\" b=\"2\"/>", "\uFEFF\uFEFF<a/>",
                }));
            case Kind.HugeBody:
                string open = "<" + Pick(random, names) + "><" + Pick(random, names) + ">";
                return Filled(HugeSize(random), (byte)'a', Encoding.UTF8.GetBytes(open), Encoding.UTF8.GetBytes("</x></y>"));
            default:
                GarbageHeaders(random, headers);
                return Encoding.UTF8.GetBytes(Document(random, names));
        }
    }

    /// <summary>The names usable as XML element names (model names are, but be sure).</summary>
    private static IReadOnlyList<string> XmlNames(IReadOnlyList<string> names)
    {
        var valid = new List<string>(names.Count);
        foreach (string name in names)
        {
            try
            {
                XmlConvert.VerifyNCName(name);
                valid.Add(name);
            }
            catch (XmlException)
            {
            }
        }

        return valid.Count > 0 ? valid : new[] { "a" };
    }

    private static string Document(Random random, IReadOnlyList<string> names) => Wrap(random, names, Content(random, names, 0));

    /// <summary>A root (and, half the time, a result or error wrapper) around the content.</summary>
    private static string Wrap(Random random, IReadOnlyList<string> names, string content)
    {
        string inner = random.Next(2) == 0 ? Element(Pick(random, names), content) : content;
        return Element(Pick(random, names), inner);
    }

    private static string Content(Random random, IReadOnlyList<string> names, int depth)
    {
        int count = random.Next(0, 8);
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            string name = Pick(random, names);
            text.Append(random.Next(depth > 3 ? 4 : 7) switch
            {
                0 => Element(name, Pick(random, Texts)),
                1 => "<" + name + "/>",
                2 => "<" + name + " a=\"" + Pick(random, Texts).Replace("<", "&lt;", StringComparison.Ordinal) + "\">" + Pick(random, Texts) + "</" + name + ">",
                3 => Element(name, Pick(random, Texts) + Element(Pick(random, names), Pick(random, Texts)) + Pick(random, Texts)),
                4 => Element(name, Content(random, names, depth + 1)),
                5 => Element(name, "<member>" + Pick(random, Texts) + "</member><member>" + Content(random, names, depth + 1) + "</member>"),
                _ => Element(name, "<entry><key>" + Pick(random, Texts) + "</key><value>" + Content(random, names, depth + 1) + "</value></entry><entry><key/></entry>"),
            });
        }

        return text.ToString();
    }

    private static string Element(string name, string content) => "<" + name + ">" + content + "</" + name + ">";
}

/// <summary>
/// The CBOR bodies of <see cref="HostileResponses"/> (smithy-rpc-v2-cbor), written byte by byte so that
/// they can be as broken as a hostile service makes them.
/// </summary>
internal static class HostileCbor
{
    public static byte[] Body(Kind kind, Random random, IReadOnlyList<string> names, List<(string, string)> headers, ref long? declaredLength)
    {
        headers.Add(("Content-Type", "application/cbor"));
        headers.Add(("smithy-protocol", "rpc-v2-cbor"));
        var cbor = new List<byte>();
        switch (kind)
        {
            case Kind.TruncatedJson:
                Map(random, names, cbor, 0);
                return cbor.Take(random.Next(cbor.Count)).ToArray();
            case Kind.RandomBytes:
                byte[] bytes = new byte[random.Next(1, 512)];
                random.NextBytes(bytes);
                if (random.Next(2) == 0)
                {
                    bytes[0] = (byte)(0xA0 + random.Next(0, 24));
                }

                return bytes;
            case Kind.WrongMemberTypes:
                Map(random, names, cbor, 0);
                return cbor.ToArray();
            case Kind.DeepNesting:
                int depth = random.Next(2) == 0 ? 10_000 : random.Next(200, 2_000);
                bool maps = random.Next(2) == 0;
                bool indefinite = random.Next(2) == 0;
                Head(cbor, 5, 1);
                Text(cbor, Pick(random, names));
                string key = Pick(random, names);
                for (int i = 0; i < depth; i++)
                {
                    if (indefinite)
                    {
                        cbor.Add(maps ? (byte)0xBF : (byte)0x9F);
                    }
                    else
                    {
                        Head(cbor, maps ? 5 : 4, 1);
                    }

                    if (maps)
                    {
                        Text(cbor, key);
                    }
                }

                cbor.Add(0x01);
                if (indefinite)
                {
                    cbor.AddRange(Enumerable.Repeat((byte)0xFF, depth));
                }

                return cbor.ToArray();
            case Kind.OutOfRangeNumbers:
                var numbers = names.OrderBy(_ => random.Next()).Take(random.Next(1, 8)).ToList();
                Head(cbor, 5, (ulong)numbers.Count);
                foreach (string name in numbers)
                {
                    Text(cbor, name);
                    cbor.AddRange(Pick(random, new[]
                    {
                        new byte[] { 0x1B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },           // 2^64 - 1
                        new byte[] { 0x3B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },           // -2^64
                        new byte[] { 0x3B, 0x80, 0, 0, 0, 0, 0, 0, 0 },                                // -2^63 - 1
                        new byte[] { 0x1A, 0xFF, 0xFF, 0xFF, 0xFF },                                   // 2^32 - 1
                        new byte[] { 0xF9, 0x7C, 0x00 },                                               // +Infinity (half)
                        new byte[] { 0xF9, 0x7E, 0x00 },                                               // NaN (half)
                        new byte[] { 0xFA, 0x7F, 0x80, 0x00, 0x00 },                                   // +Infinity (single)
                        new byte[] { 0xFB, 0x7F, 0xEF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },           // double max
                        new byte[] { 0xFB, 0x54, 0x7D, 0x42, 0xAE, 0xA2, 0x87, 0x9F, 0x2E },           // 1e99
                        new byte[] { 0xC2, 0x4A, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 },                      // bignum
                        new byte[] { 0xC4, 0x82, 0x21, 0x19, 0x6A, 0xB3 },                              // decimal fraction
                        new byte[] { 0xC1, 0xFB, 0x7F, 0xEF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },     // timestamp at double max
                        new byte[] { 0xC1, 0x3B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },     // timestamp at long min
                        new byte[] { 0xC1, 0xF9, 0x7E, 0x00 },                                         // timestamp NaN
                        new byte[] { 0x1C },                                                            // reserved additional info
                    }));
                }

                return cbor.ToArray();
            case Kind.InvalidUtf8:
                Head(cbor, 5, 2);
                Text(cbor, Pick(random, names));
                byte[] invalid = Pick(random, new[] { new byte[] { 0xC3, 0x28 }, new byte[] { 0xFF }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 } });
                Head(cbor, 3, (ulong)invalid.Length + 1);
                cbor.Add((byte)'a');
                cbor.AddRange(invalid);
                Head(cbor, 3, (ulong)invalid.Length);
                cbor.AddRange(invalid);      // as a key
                cbor.Add(0xF6);
                return cbor.ToArray();
            case Kind.LoneSurrogates:
                var strings = names.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToList();
                Head(cbor, 5, (ulong)strings.Count);
                foreach (string name in strings)
                {
                    Text(cbor, name);
                    byte[] surrogate = Pick(random, new[] { new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xED, 0xBF, 0xBF }, new byte[] { 0x78, 0xED, 0xA0, 0x80, 0x79 } });
                    Head(cbor, 3, (ulong)surrogate.Length);
                    cbor.AddRange(surrogate);
                }

                return cbor.ToArray();
            case Kind.DuplicateKeys:
                string twice = Pick(random, names);
                Head(cbor, 5, 3);
                Text(cbor, twice);
                Value(random, names, cbor, 1);
                Text(cbor, twice);
                Value(random, names, cbor, 1);
                Text(cbor, twice);
                Text(cbor, "third");
                return cbor.ToArray();
            case Kind.NullsEverywhere:
                if (random.Next(4) == 0)
                {
                    return new[] { random.Next(2) == 0 ? (byte)0xF6 : (byte)0xF7 };
                }

                Head(cbor, 5, (ulong)names.Count);
                foreach (string name in names)
                {
                    Text(cbor, name);
                    cbor.AddRange(Pick(random, new[] { new byte[] { 0xF6 }, new byte[] { 0xF7 }, new byte[] { 0x81, 0xF6 }, new byte[] { 0xA1, 0x61, 0x61, 0xF6 }, new byte[] { 0xA1, 0xF6, 0xF6 }, new byte[] { 0xC1, 0xF6 } }));
                }

                return cbor.ToArray();
            case Kind.HtmlPage:
                headers.Clear();
                return HtmlPage(random, names, headers);
            case Kind.EmptyBodyAnyStatus:
                return Array.Empty<byte>();
            case Kind.BogusErrorType:
                Head(cbor, 5, 2);
                Text(cbor, "__type");
                switch (random.Next(3))
                {
                    case 0:
                        Text(cbor, Pick(random, new[] { string.Empty, ":", "#", "a#b#c:d:e", new string('X', 5000), "\u00e9\u4e2d\u0001", "InvalidRequestException:", "com.amazon#", "  ", Pick(random, names) }));
                        break;
                    case 1:
                        Value(random, names, cbor, 2);
                        break;
                    default:
                        cbor.AddRange(new byte[] { 0x7F, 0x61, 0x61, 0x62, 0xC3, 0x28, 0xFF });   // an indefinite text with invalid UTF-8
                        break;
                }

                Text(cbor, Pick(random, new[] { "message", "Message", Pick(random, names) }));
                Value(random, names, cbor, 2);
                return cbor.ToArray();
            case Kind.ContentLengthTooLarge:
                Map(random, names, cbor, 0);
                declaredLength = cbor.Count + random.Next(1, 1_000_000);
                return cbor.ToArray();
            case Kind.ContentLengthTooSmall:
                Map(random, names, cbor, 0);
                declaredLength = random.Next(0, cbor.Count);
                return cbor.ToArray();
            case Kind.TopLevelNonObject:
                return Pick(random, new[]
                {
                    new byte[] { 0x80 }, new byte[] { 0x01 }, new byte[] { 0x61, 0x61 }, new byte[] { 0xF5 }, new byte[] { 0xA0, 0xA0 }, new byte[] { 0xFF },
                    new byte[] { 0x5B, 0x40, 0, 0, 0, 0, 0, 0, 0 },                // a byte string of 2^62 bytes
                    new byte[] { 0xBB, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },  // a map of 2^63 - 1 pairs
                    new byte[] { 0xBF, 0xFF, 0x00 }, new byte[] { 0xD9, 0xD9, 0xF7, 0xA0 }, new byte[] { 0xC6, 0xC6, 0xC6, 0xA0 }, new byte[] { 0xE0 }, new byte[] { 0xF8, 0x10 },
                    new byte[] { 0xA1, 0x01, 0x02 }, new byte[] { 0xA1, 0x81, 0x01, 0x02 },
                });
            case Kind.HugeBody:
                Head(cbor, 5, 1);
                Text(cbor, Pick(random, names));
                int size = HugeSize(random);
                Head(cbor, random.Next(2) == 0 ? 3 : 2, (ulong)size);
                return Filled(cbor.Count + size, (byte)'a', cbor.ToArray(), ReadOnlySpan<byte>.Empty);
            default:
                GarbageHeaders(random, headers);
                Map(random, names, cbor, 0);
                return cbor.ToArray();
        }
    }

    private static void Map(Random random, IReadOnlyList<string> names, List<byte> cbor, int depth)
    {
        int count = random.Next(0, 8);
        bool indefinite = random.Next(4) == 0;
        if (indefinite)
        {
            cbor.Add(0xBF);
        }
        else
        {
            Head(cbor, 5, (ulong)count);
        }

        for (int i = 0; i < count; i++)
        {
            Text(cbor, Pick(random, names));
            Value(random, names, cbor, depth + 1);
        }

        if (indefinite)
        {
            cbor.Add(0xFF);
        }
    }

    private static void Value(Random random, IReadOnlyList<string> names, List<byte> cbor, int depth)
    {
        switch (random.Next(depth > 3 ? 12 : 15))
        {
            case 0:
                cbor.Add(0xF6);
                break;
            case 1:
                cbor.Add(random.Next(2) == 0 ? (byte)0xF5 : (byte)0xF4);
                break;
            case 2:
                Head(cbor, 0, (ulong)random.Next());
                break;
            case 3:
                Head(cbor, 1, (ulong)random.Next());
                break;
            case 4:
                cbor.Add(0xFB);
                byte[] number = new byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(number, -1.5e3);
                cbor.AddRange(number);
                break;
            case 5:
                Text(cbor, Pick(random, names));
                break;
            case 6:
                Head(cbor, 2, 3);
                cbor.AddRange(new byte[] { 1, 2, 3 });
                break;
            case 7:
                cbor.AddRange(new byte[] { 0xC1, 0x1A, 0x5F, 0x5E, 0x10, 0x00 });   // tag 1, an integer
                break;
            case 8:
                cbor.AddRange(new byte[] { 0xC0, 0x62, 0x78, 0x79 });               // tag 0 (a date string) over "xy"
                break;
            case 9:
                cbor.AddRange(new byte[] { 0x7F, 0x61, 0x61, 0x61, 0x62, 0xFF });   // indefinite text "ab"
                break;
            case 10:
                cbor.AddRange(new byte[] { 0xF9, 0x3C, 0x00 });                     // half 1.0
                break;
            case 11:
                Text(cbor, string.Empty);
                break;
            case 12:
                int count = random.Next(0, 4);
                Head(cbor, 4, (ulong)count);
                for (int i = 0; i < count; i++)
                {
                    Value(random, names, cbor, depth + 1);
                }

                break;
            default:
                Map(random, names, cbor, depth);
                break;
        }
    }

    private static void Text(List<byte> cbor, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        Head(cbor, 3, (ulong)utf8.Length);
        cbor.AddRange(utf8);
    }

    private static void Head(List<byte> cbor, int major, ulong value)
    {
        byte type = (byte)(major << 5);
        if (value < 24)
        {
            cbor.Add((byte)(type | (byte)value));
        }
        else if (value <= byte.MaxValue)
        {
            cbor.Add((byte)(type | 24));
            cbor.Add((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            cbor.Add((byte)(type | 25));
            cbor.Add((byte)(value >> 8));
            cbor.Add((byte)value);
        }
        else if (value <= uint.MaxValue)
        {
            cbor.Add((byte)(type | 26));
            for (int shift = 24; shift >= 0; shift -= 8)
            {
                cbor.Add((byte)(value >> shift));
            }
        }
        else
        {
            cbor.Add((byte)(type | 27));
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                cbor.Add((byte)(value >> shift));
            }
        }
    }
}
