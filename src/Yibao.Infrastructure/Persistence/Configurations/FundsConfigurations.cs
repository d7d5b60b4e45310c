using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("journal_entries");
        b.Property(x => x.Memo).HasMaxLength(200);
        b.Property(x => x.SourceType).HasMaxLength(40);
        b.Property(x => x.SourceId).HasMaxLength(60);
        b.HasIndex(x => new { x.SourceType, x.SourceId }).IsUnique();
        b.HasIndex(x => x.EntryDate);
        b.HasIndex(x => x.ReversesEntryId).IsUnique();
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> b)
    {
        b.ToTable("journal_lines");
        b.Property(x => x.AccountCode).HasMaxLength(10);
        b.Property(x => x.Debit).HasPrecision(18, 2);
        b.Property(x => x.Credit).HasPrecision(18, 2);
        b.HasIndex(x => new { x.Fund, x.AccountCode });
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => new { x.InstitutionId, x.AccountCode }); // 月结算单: an institution's 2101 postings of a month
    }
}

internal sealed class StoredStatementConfiguration : IEntityTypeConfiguration<StoredStatement>
{
    public void Configure(EntityTypeBuilder<StoredStatement> b)
    {
        b.ToTable("monthly_statements");
        b.Property(x => x.StatementNo).HasMaxLength(60);
        b.Property(x => x.FixmedinsCode).HasMaxLength(30).HasColumnName("fixmedins_code");
        b.Property(x => x.FixmedinsName).HasMaxLength(200).HasColumnName("fixmedins_name");
        b.Property(x => x.AdjustmentAmount).HasPrecision(18, 2);
        b.Property(x => x.TotalOwed).HasPrecision(18, 2);
        b.Property(x => x.TotalDeducted).HasPrecision(18, 2);
        b.Property(x => x.GeneratedBy).HasMaxLength(100);
        b.HasIndex(x => x.StatementNo).IsUnique();
        b.HasIndex(x => new { x.InstitutionId, x.Year, x.Month }).IsUnique();
        b.HasIndex(x => new { x.Year, x.Month });
        b.HasOne<Yibao.Domain.Institutions.Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisbursementConfiguration : IEntityTypeConfiguration<Disbursement>
{
    public void Configure(EntityTypeBuilder<Disbursement> b)
    {
        b.ToTable("disbursements");
        b.Property(x => x.DisbursementNo).HasMaxLength(40);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.Memo).HasMaxLength(200);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => x.DisbursementNo).IsUnique();
        b.HasIndex(x => new { x.InstitutionId, x.Year, x.Month, x.Fund });
        b.HasOne<Yibao.Domain.Institutions.Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResidentContributionPolicyConfiguration : IEntityTypeConfiguration<ResidentContributionPolicy>
{
    public void Configure(EntityTypeBuilder<ResidentContributionPolicy> b)
    {
        b.ToTable("resident_contribution_policies");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.IndividualAmount).HasPrecision(18, 2);
        b.Property(x => x.SubsidyAmount).HasPrecision(18, 2);
        b.HasIndex(x => new { x.PoolAreaCode, x.Year }).IsUnique();
        b.OwnsMany(x => x.Sponsored, o =>
        {
            o.ToTable("resident_sponsored_contributions");
            o.WithOwner().HasForeignKey("PolicyId");
            o.Property<int>("Id");
            o.HasKey("Id");
            o.Property(x => x.Status).HasColumnName("psn_idet_type");
            o.Property(x => x.Amount).HasPrecision(18, 2);
        });
    }
}

internal sealed class ResidentContributionConfiguration : IEntityTypeConfiguration<ResidentContribution>
{
    public void Configure(EntityTypeBuilder<ResidentContribution> b)
    {
        b.ToTable("resident_contributions");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.ReceiptNo).HasMaxLength(40);
        b.Property(x => x.IndividualAmount).HasPrecision(18, 2);
        b.Property(x => x.SponsoredAmount).HasPrecision(18, 2);
        b.Property(x => x.PaidByPerson).HasPrecision(18, 2);
        b.Property(x => x.SubsidyAmount).HasPrecision(18, 2);
        b.HasIndex(x => new { x.PersonId, x.Year }).IsUnique();
        b.HasIndex(x => new { x.PoolAreaCode, x.Year });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.JournalEntry).WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
