namespace Yibao.Domain.Common;

/// <summary>A rule of the domain was broken. <see cref="Exception.Message"/> is Chinese and names the field and the rule.</summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message) { }
    public DomainException(string message, Exception inner) : base(message, inner) { }
    public DomainException() { }

    /// <summary>The field the rule is about (national or domain name), when there is one.</summary>
    public string? Field { get; init; }

    /// <summary>A stable error code for APIs, e.g. <c>invalid-resident-id</c>.</summary>
    public string Code { get; init; } = "domain-rule";
}
