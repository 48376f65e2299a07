namespace SsoOidcCodegen.Tests.Waiters;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SsoOidcCodegen.Generator.JmesPath;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// The JMESPath subset: the parse trees of the forms AWS waiters and paginators use (precedence of
/// projections, flatten, multi-select lists, filters, comparisons, <c>&amp;&amp;</c>/<c>||</c>/<c>!</c>, literals and
/// functions), every argument in the corpus waiters, and clear rejection of what is outside it.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class JmesPathParserTests
{
    private static readonly FieldNode A = new("A");

    public static TheoryData<string, string> Trees() => new()
    {
        { "A", "Field(A)" },
        { "A.B.C", "Sub(Sub(Field(A), Field(B)), Field(C))" },
        { "A[-1].B", "Sub(Index(Field(A), -1), Field(B))" },
        { "A[].B", "Project(Flatten(Field(A)), Field(B))" },
        { "A[*].B.C", "Project(Field(A), Sub(Field(B), Field(C)))" },
        { "A[].B[].C", "Project(Flatten(Project(Flatten(Field(A)), Field(B))), Field(C))" },
        { "A[?B == 'x'].C", "Filter(Field(A), Compare(==, Field(B), 'x'), Field(C))" },
        { "A || B && C", "Or(Field(A), And(Field(B), Field(C)))" },
        { "!A == B", "Compare(==, Not(Field(A)), Field(B))" },
        { "length(A[]) > `0`", "Compare(>, length(Project(Flatten(Field(A)), @)), 0)" },
        { "contains(A, `\"x\"`)", "contains(Field(A), 'x')" },
        { "A | [0]", "Sub(Field(A), Index(@, 0))" },
        { "\"quoted name\".B", "Sub(Field(quoted name), Field(B))" },
        { "A == `true` && B != `null`", "And(Compare(==, Field(A), true), Compare(!=, Field(B), null))" },
        { "(A || B).C", "Sub(Or(Field(A), Field(B)), Field(C))" },
        { "A.[B, C]", "Sub(Field(A), List(Field(B), Field(C)))" },
        { "[A, B.C]", "List(Field(A), Sub(Field(B), Field(C)))" },
        { "A[*].[B.C, D.C][]", "Project(Flatten(Project(Field(A), List(Sub(Field(B), Field(C)), Sub(Field(D), Field(C))))), @)" },
        { "A.[B][0]", "Index(Sub(Field(A), List(Field(B))), 0)" },
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public void Expressions_parse_with_JMESPaths_precedence(string expression, string expected)
    {
        Assert.Equal(expected, Print(JmesPathParser.Parse(expression)));
    }

    [Theory]
    [InlineData("A[0:2]")]
    [InlineData("A.[B, C")]
    [InlineData("A.[]")]
    [InlineData("A.{b: B}")]
    [InlineData("A.*")]
    [InlineData("max_by(A, &B)")]
    [InlineData("A[?B")]
    [InlineData("'unterminated")]
    [InlineData("A ==")]
    public void Expressions_outside_the_subset_are_rejected_with_a_message(string expression)
    {
        var exception = Assert.Throws<JmesPathException>(() => JmesPathParser.Parse(expression));
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
    }

    public static TheoryData<string> CorpusArguments()
    {
        var data = new TheoryData<string>();
        string? waiters = ReferenceData.TryGet("AWS_WAITERS_DIR", "aws/next/waiters");
        if (waiters is null)
        {
            data.Add("(AWS_WAITERS_DIR missing)");
            return data;
        }

        var seen = new HashSet<string>();
        foreach (string file in Directory.GetFiles(waiters, "*.json").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (JsonProperty waiter in document.RootElement.GetProperty("waiters").EnumerateObject())
            {
                foreach (JsonElement acceptor in waiter.Value.GetProperty("acceptors").EnumerateArray())
                {
                    if (acceptor.TryGetProperty("argument", out JsonElement argument) && seen.Add(argument.GetString()!))
                    {
                        data.Add(argument.GetString()!);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusArguments))]
    public void Every_argument_of_the_corpus_waiters_parses(string argument)
    {
        ReferenceData.Require("AWS_WAITERS_DIR", "aws/next/waiters");
        JmesPathNode node = JmesPathParser.Parse(argument);
        Assert.NotNull(node);
    }

    [Fact]
    public void Raw_strings_and_backtick_literals_give_the_same_string()
    {
        Assert.Equal(JmesPathParser.Parse("A == `\"it's\"`"), JmesPathParser.Parse("A == 'it\\'s'"));
        Assert.Equal(new CompareNode("==", A, LiteralNode.String("x")), JmesPathParser.Parse("A == `x`"));
    }

    private static string Print(JmesPathNode node) => node switch
    {
        CurrentNode => "@",
        FieldNode f => $"Field({f.Name})",
        SubNode s => $"Sub({Print(s.Left)}, {Print(s.Right)})",
        IndexNode i => $"Index({Print(i.Left)}, {i.Index})",
        ProjectionNode p => $"Project({Print(p.Left)}, {Print(p.Right)})",
        FlattenNode f => $"Flatten({Print(f.Left)})",
        FilterNode f => $"Filter({Print(f.Left)}, {Print(f.Condition)}, {Print(f.Right)})",
        CompareNode c => $"Compare({c.Operator}, {Print(c.Left)}, {Print(c.Right)})",
        AndNode a => $"And({Print(a.Left)}, {Print(a.Right)})",
        OrNode o => $"Or({Print(o.Left)}, {Print(o.Right)})",
        NotNode n => $"Not({Print(n.Operand)})",
        LiteralNode { Kind: LiteralKind.String } l => $"'{l.Text}'",
        LiteralNode { Kind: LiteralKind.Number } l => l.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LiteralNode { Kind: LiteralKind.Boolean } l => l.Boolean ? "true" : "false",
        LiteralNode => "null",
        MultiSelectListNode m => $"List({string.Join(", ", m.Items.Select(Print))})",
        FunctionNode f => $"{f.Name}({string.Join(", ", f.Arguments.Select(Print))})",
        _ => "?",
    };
}
