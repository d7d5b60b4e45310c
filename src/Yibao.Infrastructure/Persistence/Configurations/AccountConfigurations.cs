using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Accounts;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class PersonalAccountConfiguration : IEntityTypeConfiguration<PersonalAccountRecord>
{
    public void Configure(EntityTypeBuilder<PersonalAccountRecord> b)
    {
        b.ToTable("personal_accounts");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.HasIndex(x => x.PersonId).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonalAccountEntryConfiguration : IEntityTypeConfiguration<PersonalAccountEntryRecord>
{
    public void Configure(EntityTypeBuilder<PersonalAccountEntryRecord> b)
    {
        b.ToTable("personal_account_entries");
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.Memo).HasMaxLength(100);
        b.Property(x => x.SourceKey).HasMaxLength(40);
        b.Property(x => x.BankName).HasMaxLength(60);
        b.Property(x => x.BankAccountName).HasMaxLength(60);
        b.Property(x => x.BankAccountNo).HasMaxLength(40);
        b.HasIndex(x => new { x.AccountId, x.SourceKey }).IsUnique();
        b.HasIndex(x => new { x.SourceKey, x.AccountId });
        b.HasOne(x => x.JournalEntry).WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FamilySharingBindingConfiguration : IEntityTypeConfiguration<FamilySharingBinding>
{
    public void Configure(EntityTypeBuilder<FamilySharingBinding> b)
    {
        b.ToTable("family_sharing_bindings");
        b.Property(x => x.ProofReference).HasMaxLength(100);
        b.Property(x => x.EndReason).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => x.MemberPersonId);
        b.HasIndex(x => x.OwnerPersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.OwnerPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.MemberPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
