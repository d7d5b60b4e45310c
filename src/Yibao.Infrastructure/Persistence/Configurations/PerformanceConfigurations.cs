using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Budget;
using Yibao.Domain.Performance;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class IndicatorBindingConfiguration : IEntityTypeConfiguration<IndicatorBinding>
{
    public void Configure(EntityTypeBuilder<IndicatorBinding> b)
    {
        b.ToTable("performance_bindings");
        b.Property(x => x.IndicatorPath).HasMaxLength(200);
        b.Property(x => x.IndicatorName).HasMaxLength(200);
        b.Property(x => x.MetricId).HasMaxLength(60);
        b.Property(x => x.Evidence).HasMaxLength(500);
        b.Property(x => x.AttachmentName).HasMaxLength(200);
        b.Property(x => x.UpdatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.BudgetId, x.IndicatorPath }).IsUnique();
        b.HasOne<StoredBudget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PopulationBaselineConfiguration : IEntityTypeConfiguration<PopulationBaseline>
{
    public void Configure(EntityTypeBuilder<PopulationBaseline> b)
    {
        b.ToTable("population_baselines");
        b.Property(x => x.Source).HasMaxLength(200);
        b.Property(x => x.UpdatedBy).HasMaxLength(64);
        b.HasIndex(x => x.Year).IsUnique();
    }
}

internal sealed class PerformanceEvaluationConfiguration : IEntityTypeConfiguration<PerformanceEvaluation>
{
    public void Configure(EntityTypeBuilder<PerformanceEvaluation> b)
    {
        b.ToTable("performance_evaluations");
        b.Property(x => x.TotalScore).HasPrecision(7, 2);
        b.Property(x => x.Grade).HasMaxLength(4);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.UpdatedBy).HasMaxLength(64);
        b.Property(x => x.SubmittedBy).HasMaxLength(64);
        b.HasIndex(x => x.BudgetId).IsUnique();
        b.HasOne<StoredBudget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Restrict);
    }
}
