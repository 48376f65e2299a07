namespace SsoOidcCodegen.Generator.Model;

using System;

/// <summary>
/// How the operations of a model use a shape, which decides what its serializer holds: writers only for
/// shapes a request carries, readers only for shapes a response or an error carries, a validator only
/// where a request can break a rule. The parser computes it once over the whole model.
/// </summary>
[Flags]
internal enum ShapeUsage
{
    /// <summary>No operation sends or receives the shape (it is still generated as a type).</summary>
    None = 0,

    /// <summary>The input of an operation.</summary>
    Input = 1,

    /// <summary>Held, through members, list members and map values at any depth, by an input or by another such shape.</summary>
    InputMember = 2,

    /// <summary>The output of an operation.</summary>
    Output = 4,

    /// <summary>Held, at any depth, by an output, an error, or another such shape.</summary>
    OutputMember = 8,

    /// <summary>An error shape: the error table reads it from any error answer.</summary>
    Error = 16,

    /// <summary>Input-reachable, and a value of it can break a rule of the model (its own or one of a shape it holds).</summary>
    Validated = 32,
}
