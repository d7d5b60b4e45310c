using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Yibao.Domain.Budget.Model;

/// <summary>
/// Writes a budget in the documented format (yibao-budget/1): the inverse of <see cref="BudgetJson.Parse"/>, so a budget
/// entered table by table on the screens is stored as the same document a file import stores.
/// </summary>
public static class BudgetJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(DepartmentBudget b)
    {
        ArgumentNullException.ThrowIfNull(b);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("format", BudgetJson.FormatId);
            w.WritePropertyName("unit");
            Unit(w, b.Unit);
            Num(w, "year", b.Year);
            w.WriteString("phase", b.Phase.Chinese());
            Num(w, "version", b.Version);
            w.WriteString("status", b.Status.Chinese());
            Opt(w, "approvedOn", b.ApprovedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Opt(w, "publishedOn", b.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Opt(w, "publishedAt", b.PublishedAt);
            Opt(w, "profile", b.Profile);

            w.WriteStartArray("revenue");
            foreach (var r in b.Revenue)
            {
                w.WriteStartObject();
                w.WriteString("source", r.Source.Chinese());
                Num(w, "amount", r.Amount);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("lines");
            foreach (var l in b.Lines)
            {
                w.WriteStartObject();
                if (l.UnitCode != b.Unit.Code)
                {
                    w.WriteString("unit", l.UnitCode);
                }
                w.WriteString("function", l.FunctionCode);
                w.WriteString("deptEconomic", l.DeptEconomicCode);
                w.WriteString("govEconomic", l.GovEconomicCode);
                w.WriteString("source", l.Source.Chinese());
                w.WriteString("type", l.Type == ExpenseType.Basic ? "基本" : "项目");
                if (l.Kind is BasicKind k)
                {
                    w.WriteString("kind", k == BasicKind.Personnel ? "人员" : "公用");
                }
                Opt(w, "project", l.ProjectId);
                Num(w, "amount", l.Amount);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("projects");
            foreach (var p in b.Projects)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("name", p.Name);
                Opt(w, "description", p.Description);
                if (p.Target is not null)
                {
                    w.WritePropertyName("target");
                    Target(w, p.Target);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            if (b.UnitTarget is not null)
            {
                w.WritePropertyName("unitTarget");
                Target(w, b.UnitTarget);
            }

            w.WriteStartObject("sanGong");
            Num(w, "abroad", b.SanGong.Abroad);
            Num(w, "vehiclePurchase", b.SanGong.VehiclePurchase);
            Num(w, "vehicleOperation", b.SanGong.VehicleOperation);
            Num(w, "reception", b.SanGong.Reception);
            Num(w, "meeting", b.SanGong.Meeting);
            Num(w, "training", b.SanGong.Training);
            w.WriteEndObject();

            w.WriteStartArray("runningCost");
            foreach (var r in b.RunningCost)
            {
                w.WriteStartObject();
                w.WriteString("item", r.Item);
                Num(w, "amount", r.Amount);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("procurement");
            foreach (var p in b.Procurement)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("category", p.Category.Chinese());
                Num(w, "amount", p.Amount);
                Num(w, "smeReserved", p.SmeReserved);
                Opt(w, "project", p.ProjectId);
                Opt(w, "quantity", p.Quantity);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("assets");
            Opt(w, "asOf", b.Assets.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteStartArray("holdings");
            foreach (var h in b.Assets.Holdings)
            {
                w.WriteStartObject();
                w.WriteString("category", h.Category);
                if (h.Quantity is decimal q)
                {
                    Num(w, "quantity", q);
                }
                Opt(w, "quantityUnit", h.QuantityUnit);
                Num(w, "value", h.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("planned");
            foreach (var p in b.Assets.Planned)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                Num(w, "quantity", p.Quantity);
                w.WriteString("quantityUnit", p.QuantityUnit);
                Num(w, "amount", p.Amount);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            if (b.Prior is not null)
            {
                w.WriteStartObject("prior");
                Num(w, "year", b.Prior.Year);
                Opt(w, "source", b.Prior.Source);
                w.WriteStartObject("figures");
                foreach (var (k, v) in b.Prior.Figures.OrderBy(x => x.Key, StringComparer.Ordinal))
                {
                    Num(w, k, v);
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            Map(w, "reasons", b.Reasons);
            if (b.Stated.Count > 0)
            {
                w.WriteStartObject("stated");
                foreach (var (k, v) in b.Stated.OrderBy(x => x.Key, StringComparer.Ordinal))
                {
                    Num(w, k, v);
                }
                w.WriteEndObject();
            }
            w.WriteStartArray("glossary");
            foreach (var g in b.Glossary)
            {
                w.WriteStartObject();
                w.WriteString("term", g.Term);
                w.WriteString("definition", g.Definition);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var n in b.Notes)
            {
                w.WriteStringValue(n);
            }
            w.WriteEndArray();
            Map(w, "names", b.Names);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Num(Utf8JsonWriter w, string name, int value) => w.WriteNumber(name, value);

    /// <summary>Canonical decimal (no trailing zeros), so writing what was read gives the same text.</summary>
    private static void Num(Utf8JsonWriter w, string name, decimal value) => w.WriteNumber(name, value / 1.0000000000000000000000000000m);

    private static void Opt(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            w.WriteString(name, value);
        }
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in map.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }
        w.WriteEndObject();
    }

    private static void Unit(Utf8JsonWriter w, BudgetUnit u)
    {
        w.WriteStartObject();
        w.WriteString("code", u.Code);
        w.WriteString("name", u.Name);
        w.WriteString("nature", u.Nature.Chinese());
        Opt(w, "rank", u.Rank);
        Opt(w, "fundingForm", u.FundingForm);
        w.WriteStartObject("staffing");
        Num(w, "authorized", u.Staffing.Authorized);
        Num(w, "actual", u.Staffing.Actual);
        Num(w, "retired", u.Staffing.Retired);
        w.WriteEndObject();
        Strings(w, "departments", u.Departments);
        Strings(w, "responsibilities", u.Responsibilities);
        if (u.Subordinates.Count > 0)
        {
            w.WriteStartArray("subordinates");
            foreach (var s in u.Subordinates)
            {
                Unit(w, s);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }

    private static void Target(Utf8JsonWriter w, PerformanceTarget t)
    {
        w.WriteStartObject();
        w.WriteString("goal", t.Goal);
        w.WriteStartArray("indicators");
        foreach (var i in t.Indicators)
        {
            w.WriteStartObject();
            w.WriteString("level1", i.Level1);
            w.WriteString("level2", i.Level2);
            w.WriteString("name", i.Name);
            Opt(w, "description", i.Description);
            w.WriteString("operator", i.Operator);
            w.WriteString("value", i.Value);
            Opt(w, "unit", i.Unit);
            Opt(w, "basis", i.Basis);
            if (i.Weight is decimal weight)
            {
                Num(w, "weight", weight);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
