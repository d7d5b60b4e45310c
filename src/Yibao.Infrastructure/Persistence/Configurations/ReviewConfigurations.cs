using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class StoredReviewRuleConfiguration : IEntityTypeConfiguration<StoredReviewRule>
{
    public void Configure(EntityTypeBuilder<StoredReviewRule> b)
    {
        b.ToTable("review_rules");
        b.Property(x => x.RuleCode).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.RuleSetId).HasMaxLength(60);
        b.Property(x => x.UpdatedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.RuleCode).IsUnique();
        b.HasIndex(x => x.Status);
    }
}

internal sealed class ReviewRunConfiguration : IEntityTypeConfiguration<ReviewRun>
{
    public void Configure(EntityTypeBuilder<ReviewRun> b)
    {
        b.ToTable("review_runs");
        b.Property(x => x.FlagAmount).HasPrecision(18, 2);
        b.Property(x => x.AutoDeducted).HasPrecision(18, 2);
        b.Property(x => x.StartedBy).HasMaxLength(100);
    }
}

internal sealed class ReviewFlagConfiguration : IEntityTypeConfiguration<ReviewFlagRecord>
{
    public void Configure(EntityTypeBuilder<ReviewFlagRecord> b)
    {
        b.ToTable("review_flags");
        b.Property(x => x.RuleCode).HasMaxLength(40);
        b.Property(x => x.RuleName).HasMaxLength(200);
        b.Property(x => x.Insutype).HasMaxLength(3).HasColumnName("insutype");
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.Parameter).HasMaxLength(400);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.DecisionReason).HasMaxLength(500);
        b.Property(x => x.DecidedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.RunId, x.Status });
        b.HasIndex(x => new { x.InstitutionId, x.Status });
        b.HasIndex(x => x.RuleCode);
        b.HasOne<ReviewRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
