using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Admin;
using Yibao.Domain.Institutions;
using Yibao.Infrastructure.Identity;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> b)
    {
        b.ToTable("institutions");
        b.Property(x => x.Code).HasMaxLength(20).HasColumnName("fixmedins_code");
        b.Property(x => x.Name).HasMaxLength(200).HasColumnName("fixmedins_name");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6);
        b.Property(x => x.AreaCode).HasMaxLength(12);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.StatusReason).HasMaxLength(200);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(x => x.UserId).HasMaxLength(64);
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(8);
        b.Property(x => x.Entity).HasMaxLength(64);
        b.Property(x => x.EntityKey).HasMaxLength(128);
        b.HasIndex(x => x.AtUtc);
        b.HasIndex(x => new { x.Entity, x.EntityKey });
        b.HasIndex(x => x.UserName);
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(50);
    }
}
