namespace SsoOidcCodegen.Generator.Model;

/// <summary>
/// An event-stream union (a structure with the <c>eventstream</c> trait): it becomes an abstract event class with one
/// sealed case per modelled event and an unknown-event case, and a reader that turns each message into one of them.
/// Its exception members are thrown as their generated exceptions when the stream carries them. A stream an
/// operation's input holds (<see cref="IsInput"/>) gets a writer; one an output holds (<see cref="IsOutput"/>) a reader.
/// </summary>
internal sealed record EventStreamSpec(
    string Name,
    string TypeName,
    string? Documentation,
    EquatableArray<EventSpec> Events,
    EquatableArray<EventExceptionSpec> Exceptions,
    bool IsInput = false,
    bool IsOutput = true);

/// <summary>
/// One event of a stream: the <c>:event-type</c> it answers to, the nested case class, and the structure it carries.
/// <see cref="PayloadMember"/> is the member with <c>eventpayload</c> (the whole payload), else the payload is the
/// structure's document; <see cref="HeaderMembers"/> are the members with <c>eventheader</c>.
/// </summary>
internal sealed record EventSpec(
    string WireName,
    string CaseName,
    string StructureType,
    string? Documentation,
    string? PayloadMember,
    EquatableArray<string> HeaderMembers);

/// <summary>A modelled exception the stream can carry: the <c>:exception-type</c> it answers to and its generated type.</summary>
internal sealed record EventExceptionSpec(string WireName, string ExceptionType);

/// <summary>
/// The member of an operation's output (read as the events arrive) or input (<see cref="IsInput"/>: the caller's
/// events, sent as they are produced) that holds its event stream; never a body member.
/// </summary>
internal sealed record EventStreamMemberSpec(string Name, string PropertyName, string EventStreamType, string? Documentation, bool IsInput = false);
