using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> b)
    {
        b.ToTable("enrollments");
        b.Property(x => x.InsuranceType).HasColumnName("insutype");
        b.Property(x => x.Category).HasColumnName("psn_type");
        b.Property(x => x.Status).HasColumnName("psn_insu_stas");
        b.Property(x => x.BeginDate).HasColumnName("begndate");
        b.Property(x => x.EndDate).HasColumnName("enddate");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.TransferAreaCode).HasMaxLength(6);
        b.Ignore(x => x.IsTerminated);
        b.Ignore(x => x.LastDay);
        b.HasIndex(x => new { x.PersonId, x.InsuranceType });
        b.HasIndex(x => new { x.EmployerId, x.Status });
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employer>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnrollmentEventConfiguration : IEntityTypeConfiguration<EnrollmentEvent>
{
    public void Configure(EntityTypeBuilder<EnrollmentEvent> b)
    {
        b.ToTable("enrollment_events");
        b.Property(x => x.Category).HasColumnName("psn_type");
        b.Property(x => x.Note).HasMaxLength(200).HasColumnName("memo");
        b.HasIndex(x => new { x.EnrollmentId, x.Sequence }).IsUnique();
    }
}

internal sealed class PersonSpecialStatusConfiguration : IEntityTypeConfiguration<PersonSpecialStatus>
{
    public void Configure(EntityTypeBuilder<PersonSpecialStatus> b)
    {
        b.ToTable("person_special_statuses");
        b.Property(x => x.Type).HasColumnName("psn_idet_type");
        b.Property(x => x.BeginDate).HasColumnName("begntime");
        b.Property(x => x.EndDate).HasColumnName("endtime");
        b.Property(x => x.Source).HasMaxLength(100);
        b.Property(x => x.SourceReference).HasMaxLength(100);
        b.HasIndex(x => new { x.PersonId, x.Type });
        b.HasIndex(x => new { x.Type, x.BeginDate });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WaitingPeriodRuleConfiguration : IEntityTypeConfiguration<WaitingPeriodRule>
{
    public void Configure(EntityTypeBuilder<WaitingPeriodRule> b)
    {
        b.ToTable("waiting_period_rules");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.InsuranceType).HasColumnName("insutype");
        b.HasIndex(x => new { x.PoolAreaCode, x.InsuranceType, x.EffectiveFrom }).IsUnique();
    }
}
