namespace SsoOidcCodegen.Generator.Model;

/// <summary>
/// An event-stream union (a structure with the <c>eventstream</c> trait): it becomes an abstract event class with one
/// sealed case per modelled event and an unknown-event case, and a reader that turns each message into one of them.
/// Its exception members are thrown as their generated exceptions when the stream carries them. A stream an
/// operation's input holds (<see cref="IsInput"/>) gets a writer; one an output holds (<see cref="IsOutput"/>) a reader.
/// </summary>
internal sealed record EventStreamSpec
{
    public required string Name { get; init; }

    public required string TypeName { get; init; }

    public required string? Documentation { get; init; }

    public required EquatableArray<EventSpec> Events { get; init; }

    public required EquatableArray<EventExceptionSpec> Exceptions { get; init; }

    public bool IsInput { get; init; }

    public bool IsOutput { get; init; } = true;
}

/// <summary>
/// One event of a stream: the <c>:event-type</c> it answers to, the nested case class, and the structure it carries.
/// <see cref="PayloadMember"/> is the member with <c>eventpayload</c> (the whole payload), else the payload is the
/// structure's document; <see cref="HeaderMembers"/> are the members with <c>eventheader</c>.
/// </summary>
internal sealed record EventSpec
{
    public required string WireName { get; init; }

    public required string CaseName { get; init; }

    public required string StructureType { get; init; }

    public required string? Documentation { get; init; }

    public required string? PayloadMember { get; init; }

    public required EquatableArray<string> HeaderMembers { get; init; }
}

/// <summary>A modelled exception the stream can carry: the <c>:exception-type</c> it answers to and its generated type.</summary>
internal sealed record EventExceptionSpec
{
    public required string WireName { get; init; }

    public required string ExceptionType { get; init; }
}

/// <summary>
/// The member of an operation's output (read as the events arrive) or input (<see cref="IsInput"/>: the caller's
/// events, sent as they are produced) that holds its event stream; never a body member.
/// </summary>
internal sealed record EventStreamMemberSpec
{
    public required string Name { get; init; }

    public required string PropertyName { get; init; }

    public required string EventStreamType { get; init; }

    public required string? Documentation { get; init; }

    public bool IsInput { get; init; }
}
