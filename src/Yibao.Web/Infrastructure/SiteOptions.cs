namespace Yibao.Web.Infrastructure;

/// <summary>Site-wide display settings. <c>YIBAO_AGENCY_NAME</c> names the agency in the top bar and page titles.</summary>
public sealed record SiteOptions(string AgencyName)
{
    public const string DefaultAgencyName = "示范县医疗保障局";

    public static SiteOptions From(IConfiguration configuration) =>
        new(configuration["YIBAO_AGENCY_NAME"] is { Length: > 0 } name ? name.Trim() : DefaultAgencyName);
}
