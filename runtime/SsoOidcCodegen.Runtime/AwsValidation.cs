namespace SsoOidcCodegen.Runtime;

using System;
using System.Collections.Generic;
using System.Globalization;

/// <summary>Collects the rule violations found in a request before it is sent.</summary>
public sealed class AwsValidationContext
{
    private List<string>? problems;

    /// <summary>Creates a context for one operation.</summary>
    public AwsValidationContext(string operation) => Operation = operation;

    /// <summary>The operation being validated.</summary>
    public string Operation { get; private set; }

    /// <summary>Makes a context that found no problem ready for the next request (the pipeline keeps one per thread).</summary>
    internal AwsValidationContext Reuse(string operation)
    {
        Operation = operation;
        problems = null;
        return this;
    }

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<string> Problems => (IReadOnlyList<string>?)problems ?? Array.Empty<string>();

    /// <summary>The path of a member below <paramref name="path"/>.</summary>
    public static string Join(string path, string member) => path.Length == 0 ? member : path + "." + member;

    /// <summary>The path of a list item.</summary>
    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Records a problem with the member at <paramref name="path"/>.</summary>
    public void Fail(string path, string rule) => (problems ??= new List<string>()).Add(path + ": " + rule);

    /// <summary>Checks a required member.</summary>
    public void Required(string path, object? value)
    {
        if (value is null)
        {
            Fail(path, "is required");
        }
    }

    /// <summary>Checks a string's length (in characters, as AWS counts).</summary>
    public void Length(string path, string? value, long? min, long? max)
    {
        if (value is null)
        {
            return;
        }

        if (min is not null && value.Length < min)
        {
            Fail(path, string.Format(CultureInfo.InvariantCulture, "must be at least {0} characters long", min));
        }

        if (max is not null && value.Length > max)
        {
            Fail(path, string.Format(CultureInfo.InvariantCulture, "must be at most {0} characters long", max));
        }
    }

    /// <summary>Checks a collection's count.</summary>
    public void Count(string path, int? count, long? min, long? max)
    {
        if (count is null)
        {
            return;
        }

        if (min is not null && count < min)
        {
            Fail(path, string.Format(CultureInfo.InvariantCulture, "must have at least {0} items", min));
        }

        if (max is not null && count > max)
        {
            Fail(path, string.Format(CultureInfo.InvariantCulture, "must have at most {0} items", max));
        }
    }

    /// <summary>Checks a number's range.</summary>
    public void Range(string path, double? value, long? min, long? max)
    {
        if (value is null)
        {
            return;
        }

        if (min is not null && value < min)
        {
            Fail(path, string.Format(CultureInfo.InvariantCulture, "must be at least {0}", min));
        }

        if (max is not null && value > max)
        {
            Fail(path, string.Format(CultureInfo.InvariantCulture, "must be at most {0}", max));
        }
    }

    /// <summary>Throws when any problem was recorded.</summary>
    public void ThrowIfInvalid()
    {
        if (problems is { Count: > 0 })
        {
            throw new AwsValidationException(Operation, problems);
        }
    }
}

/// <summary>A request broke a rule of the service model; nothing was sent.</summary>
public sealed class AwsValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public AwsValidationException(string operation, IReadOnlyList<string> problems)
        : base($"{operation} request is invalid: {string.Join("; ", problems)}. Nothing was sent.")
    {
        Operation = operation;
        Problems = problems;
    }

    /// <summary>The operation whose request is invalid.</summary>
    public string Operation { get; }

    /// <summary>Each problem as "member path: rule".</summary>
    public IReadOnlyList<string> Problems { get; }
}
