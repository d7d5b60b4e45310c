using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class EmployeeContributionPolicyConfiguration : IEntityTypeConfiguration<EmployeeContributionPolicy>
{
    public void Configure(EntityTypeBuilder<EmployeeContributionPolicy> b)
    {
        b.ToTable("employee_contribution_policies");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.AverageMonthlyWage).HasPrecision(18, 2);
        b.Property(x => x.FloorRatio).HasPrecision(9, 4);
        b.Property(x => x.CeilingRatio).HasPrecision(9, 4);
        b.Property(x => x.EmployerRate).HasPrecision(9, 4);
        b.Property(x => x.EmployeeRate).HasPrecision(9, 4);
        b.Property(x => x.FlexibleRate).HasPrecision(9, 4);
        b.Property(x => x.AccountShareOfEmployeeContribution).HasPrecision(9, 4).HasDefaultValue(EmployeeContributionPolicy.DefaultAccountShare).HasSentinel(-1m);
        b.Property(x => x.RetiredAccountMonthly).HasPrecision(18, 2).HasDefaultValue(EmployeeContributionPolicy.DefaultRetiredAccountMonthly).HasSentinel(-1m);
        b.Property(x => x.AccountInterestRate).HasPrecision(9, 4).HasDefaultValue(EmployeeContributionPolicy.DefaultAccountInterestRate).HasSentinel(-1m);
        b.Ignore(x => x.Floor);
        b.Ignore(x => x.Ceiling);
        b.Ignore(x => x.AccountRule);
        b.HasIndex(x => new { x.PoolAreaCode, x.Year }).IsUnique();
    }
}

internal sealed class ContributionBaseConfiguration : IEntityTypeConfiguration<ContributionBase>
{
    public void Configure(EntityTypeBuilder<ContributionBase> b)
    {
        b.ToTable("contribution_bases");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.DeclaredBase).HasPrecision(18, 2);
        b.Property(x => x.ApprovedBase).HasPrecision(18, 2).HasColumnName("clct_base");
        b.Ignore(x => x.IsAdjusted);
        b.HasIndex(x => new { x.EmployerId, x.Year, x.PersonId }).IsUnique();
        b.HasIndex(x => new { x.PersonId, x.Year });
        b.HasOne<Employer>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CollectionPlanConfiguration : IEntityTypeConfiguration<CollectionPlan>
{
    public void Configure(EntityTypeBuilder<CollectionPlan> b)
    {
        b.ToTable("collection_plans");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.EmployerAmount).HasPrecision(18, 2);
        b.Property(x => x.EmployeeAmount).HasPrecision(18, 2);
        b.Property(x => x.TotalAmount).HasPrecision(18, 2);
        b.HasIndex(x => new { x.EmployerId, x.Period }).IsUnique();
        b.HasIndex(x => x.Period);
        b.HasOne<Employer>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CollectionPlanLineConfiguration : IEntityTypeConfiguration<CollectionPlanLine>
{
    public void Configure(EntityTypeBuilder<CollectionPlanLine> b)
    {
        b.ToTable("collection_plan_lines");
        b.Property(x => x.Base).HasPrecision(18, 2).HasColumnName("clct_base");
        b.Property(x => x.EmployerAmount).HasPrecision(18, 2);
        b.Property(x => x.EmployeeAmount).HasPrecision(18, 2);
        b.HasIndex(x => x.PlanId);
        b.HasIndex(x => x.PersonId);
    }
}

internal sealed class EmployerPaymentConfiguration : IEntityTypeConfiguration<EmployerPayment>
{
    public void Configure(EntityTypeBuilder<EmployerPayment> b)
    {
        b.ToTable("employer_payments");
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.TicketNo).HasMaxLength(40);
        b.Property(x => x.SourceFile).HasMaxLength(200);
        b.HasIndex(x => x.TicketNo).IsUnique();
        b.HasIndex(x => new { x.EmployerId, x.Period });
        b.HasOne<Employer>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.JournalEntry).WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FlexibleContributionConfiguration : IEntityTypeConfiguration<FlexibleContribution>
{
    public void Configure(EntityTypeBuilder<FlexibleContribution> b)
    {
        b.ToTable("flexible_contributions");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.Base).HasPrecision(18, 2).HasColumnName("clct_base");
        b.Property(x => x.Rate).HasPrecision(9, 4);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.ReceiptNo).HasMaxLength(40);
        b.HasIndex(x => x.ReceiptNo).IsUnique();
        b.HasIndex(x => new { x.PersonId, x.Period }).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.JournalEntry).WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
