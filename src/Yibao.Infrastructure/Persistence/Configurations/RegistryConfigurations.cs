using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.ToTable("areas");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(12);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.ParentCode).HasMaxLength(12);
        b.HasIndex(x => x.ParentCode);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("households");
        b.Property(x => x.HouseholdNo).HasMaxLength(30);
        b.Property(x => x.AreaCode).HasMaxLength(12);
        b.Property(x => x.PoolAreaCode).HasMaxLength(6);
        b.Property(x => x.Address).HasMaxLength(200);
        b.HasIndex(x => x.HouseholdNo).IsUnique();
        b.HasIndex(x => x.AreaCode);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("persons");
        b.Property(x => x.PersonNo).HasMaxLength(30);
        b.Property(x => x.ResidentId)
            .HasConversion(v => v.Value, s => ResidentId.Parse(s))
            .HasMaxLength(18)
            .HasColumnName("certno");
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.AreaCode).HasMaxLength(12);
        b.Property(x => x.PoolAreaCode).HasMaxLength(6);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.CoverageVersion).IsConcurrencyToken().HasDefaultValue(0);
        b.HasIndex(x => x.ResidentId).IsUnique();
        b.HasIndex(x => x.PersonNo).IsUnique();
        b.HasIndex(x => x.Name);
        b.HasIndex(x => x.HouseholdId);
        b.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> b)
    {
        b.ToTable("employers");
        b.Property(x => x.EmployerNo).HasMaxLength(30);
        b.Property(x => x.CreditCode)
            .HasConversion(v => v.Value, s => CreditCode.Parse(s))
            .HasMaxLength(18)
            .HasColumnName("uscc");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.PoolAreaCode).HasMaxLength(6);
        b.Property(x => x.Address).HasMaxLength(200);
        b.HasIndex(x => x.CreditCode).IsUnique();
        b.HasIndex(x => x.EmployerNo).IsUnique();
    }
}
