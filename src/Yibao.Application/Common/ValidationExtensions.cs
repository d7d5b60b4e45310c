using FluentValidation.Results;

namespace Yibao.Application.Common;

public static class ValidationExtensions
{
    public static IEnumerable<AppError> ToAppErrors(this ValidationResult result) =>
        result.Errors.Select(e => new AppError(string.IsNullOrEmpty(e.ErrorCode) ? "validation" : e.ErrorCode, e.ErrorMessage, e.PropertyName));
}
