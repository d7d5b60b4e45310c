using System.Text.Json;
using System.Text.Json.Serialization;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;

namespace Yibao.Application.Settlement;

/// <summary>The claims file (docs/formats/claims.md): persons and one year of encounters in date order.</summary>
public sealed class ClaimsFile
{
    public int Year { get; set; }
    public List<ClaimsPerson> Persons { get; set; } = [];
    public List<ClaimsEncounter> Encounters { get; set; } = [];

    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        o.Converters.Add(new JsonStringEnumConverter<VisitType>(JsonNamingPolicy.SnakeCaseLower));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}

public sealed class ClaimsPerson
{
    public string PsnNo { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Insutypes { get; set; } = [];
    public string Category { get; set; } = "";
    public List<string> Statuses { get; set; } = [];
    public int Age { get; set; }
    /// <summary>1 男, 2 女 (GB/T 2261.1).</summary>
    public int Gender { get; set; } = 1;
    public decimal AcctBalance { get; set; }
    /// <summary>Opening year-to-date accumulators by slot name (e.g. "deductible:resident_inpatient").</summary>
    public Dictionary<string, decimal>? Accumulators { get; set; }
}

public sealed class ClaimsEncounter
{
    public string Id { get; set; } = "";
    public string PsnNo { get; set; } = "";
    public VisitType VisitType { get; set; }
    public int InstitutionLevel { get; set; } = 1;
    public Place Place { get; set; } = Place.Local;
    public string? InstitutionCode { get; set; }
    public DateOnly AdmissionDate { get; set; }
    public DateOnly? DischargeDate { get; set; }
    public List<string> Diagnoses { get; set; } = [];
    public string? ChronicDisease { get; set; }
    public List<ClaimsLine> Lines { get; set; } = [];
}

public sealed class ClaimsLine
{
    public string ItemCode { get; set; } = "";
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    /// <summary>Optional; defaults to quantity × unit_price rounded to 分.</summary>
    public decimal? Amount { get; set; }
    public DateOnly? Date { get; set; }
}
