namespace Yibao.Domain.Common;

/// <summary>性别 (GB/T 2261.1: 1 男, 2 女).</summary>
public enum Gender
{
    Male = 1,
    Female = 2,
}
