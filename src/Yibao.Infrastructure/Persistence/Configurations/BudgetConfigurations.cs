using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Budget;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class StoredBudgetConfiguration : IEntityTypeConfiguration<StoredBudget>
{
    public void Configure(EntityTypeBuilder<StoredBudget> b)
    {
        b.ToTable("budgets");
        b.Property(x => x.UnitCode).HasMaxLength(60);
        b.Property(x => x.UnitName).HasMaxLength(200);
        b.Property(x => x.PublicAddress).HasMaxLength(500);
        b.Property(x => x.Profile).HasMaxLength(30);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.UpdatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.UnitCode, x.Year, x.Phase, x.Version }).IsUnique();
        b.HasIndex(x => new { x.Year, x.Status });
        b.Ignore(x => x.PublishDeadline);
        b.Ignore(x => x.Title);
    }
}

internal sealed class StoredClassificationConfiguration : IEntityTypeConfiguration<Yibao.Domain.Budget.Classification.StoredClassification>
{
    public void Configure(EntityTypeBuilder<Yibao.Domain.Budget.Classification.StoredClassification> b)
    {
        b.ToTable("budget_classifications");
        b.Property(x => x.Code).HasMaxLength(7);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.ParentCode).HasMaxLength(7);
        b.Property(x => x.GovEconomicCode).HasMaxLength(5);
        b.Property(x => x.ImportedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.Year, x.Kind, x.Code }).IsUnique();
    }
}
