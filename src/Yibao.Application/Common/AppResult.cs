namespace Yibao.Application.Common;

/// <summary>An error a user can act on: Chinese message naming the field and the rule.</summary>
public sealed record AppError(string Code, string Message, string? Field = null);

/// <summary>Outcome of a command: success with a value, or errors.</summary>
public sealed class AppResult<T>
{
    private AppResult(T? value, IReadOnlyList<AppError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<AppError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static AppResult<T> Ok(T value) => new(value, []);
    public static AppResult<T> Fail(params AppError[] errors) => new(default, errors);
    public static AppResult<T> Fail(IEnumerable<AppError> errors) => new(default, errors.ToList());
}
