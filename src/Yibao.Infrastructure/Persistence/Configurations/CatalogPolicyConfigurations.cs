using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class CatalogEntryConfiguration : IEntityTypeConfiguration<CatalogEntry>
{
    public void Configure(EntityTypeBuilder<CatalogEntry> b)
    {
        b.ToTable("catalog_items");
        b.Property(x => x.Code).HasMaxLength(50).HasColumnName("hilist_code");
        b.Property(x => x.Name).HasMaxLength(200).HasColumnName("hilist_name");
        b.Property(x => x.ListType).HasColumnName("list_type");
        b.Property(x => x.Unit).HasMaxLength(20).HasColumnName("prcunt");
        b.Property(x => x.Category).HasColumnName("chrgitm_lv");
        b.Property(x => x.PriceCap).HasPrecision(18, 4).HasColumnName("hilist_pric_uplmt_amt");
        b.Property(x => x.LimitGender).HasColumnName("lmt_gend");
        b.Property(x => x.LimitAgeMin).HasColumnName("lmt_age_min");
        b.Property(x => x.LimitAgeMax).HasColumnName("lmt_age_max");
        b.Property(x => x.LimitHospitalLevel).HasColumnName("lmt_hosp_lv");
        b.Property(x => x.LimitVisitTypes).HasColumnName("lmt_med_type");
        b.Property(x => x.LimitDiagnoses).HasMaxLength(500).HasColumnName("lmt_dise");
        b.Property(x => x.MaxQuantityPerDay).HasPrecision(18, 2).HasColumnName("max_qty_day");
        b.Property(x => x.MaxQuantityPerStay).HasPrecision(18, 2).HasColumnName("max_qty_stay");
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.Name);
        b.HasIndex(x => new { x.ListType, x.Category });
        b.HasOne(x => x.Version).WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.SelfPayRatios).WithOne().HasForeignKey(x => x.CatalogEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogSelfPayRatioConfiguration : IEntityTypeConfiguration<CatalogSelfPayRatio>
{
    public void Configure(EntityTypeBuilder<CatalogSelfPayRatio> b)
    {
        b.ToTable("catalog_selfpay_ratios");
        b.Property(x => x.PoolArea).HasMaxLength(6).HasColumnName("selfpay_prop_admdvs");
        b.Property(x => x.From).HasColumnName("begndate");
        b.Property(x => x.To).HasColumnName("enddate");
        b.Property(x => x.Ratio).HasPrecision(6, 4).HasColumnName("selfpay_prop");
        b.HasIndex(x => new { x.CatalogEntryId, x.PoolArea, x.From });
    }
}

internal sealed class CatalogVersionConfiguration : IEntityTypeConfiguration<CatalogVersion>
{
    public void Configure(EntityTypeBuilder<CatalogVersion> b)
    {
        b.ToTable("catalog_versions");
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ImportedBy).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.Number).IsUnique();
    }
}

internal sealed class CatalogEntryChangeConfiguration : IEntityTypeConfiguration<CatalogEntryChange>
{
    public void Configure(EntityTypeBuilder<CatalogEntryChange> b)
    {
        b.ToTable("catalog_item_changes");
        b.Property(x => x.Code).HasMaxLength(50).HasColumnName("hilist_code");
        b.Property(x => x.ChangeType).HasMaxLength(8);
        b.Property(x => x.Summary).HasMaxLength(2000);
        b.HasIndex(x => new { x.Code, x.VersionId });
        b.HasIndex(x => x.VersionId);
        b.HasOne(x => x.Version).WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DiagnosisEntryConfiguration : IEntityTypeConfiguration<DiagnosisEntry>
{
    public void Configure(EntityTypeBuilder<DiagnosisEntry> b)
    {
        b.ToTable("diagnoses");
        b.Property(x => x.Code).HasMaxLength(30).HasColumnName("diag_code");
        b.Property(x => x.Name).HasMaxLength(200).HasColumnName("diag_name");
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class ProcedureEntryConfiguration : IEntityTypeConfiguration<ProcedureEntry>
{
    public void Configure(EntityTypeBuilder<ProcedureEntry> b)
    {
        b.ToTable("procedures");
        b.Property(x => x.Code).HasMaxLength(30).HasColumnName("oprn_oprt_code");
        b.Property(x => x.Name).HasMaxLength(200).HasColumnName("oprn_oprt_name");
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> b)
    {
        b.ToTable("policy_versions");
        b.Property(x => x.Code).HasMaxLength(60);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.PoolArea).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.EffectiveFrom).HasColumnName("begndate");
        b.Property(x => x.EffectiveTo).HasColumnName("enddate");
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.UpdatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.PoolArea, x.Status, x.EffectiveFrom });
        b.HasOne<PolicyVersion>().WithMany().HasForeignKey(x => x.ClonedFromId).OnDelete(DeleteBehavior.Restrict);
    }
}
