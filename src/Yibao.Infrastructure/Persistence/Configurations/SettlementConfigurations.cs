using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("api_clients");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.KeyHint).HasMaxLength(20);
        b.Property(x => x.KeyHash).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.RevokedBy).HasMaxLength(100);
        b.HasIndex(x => x.KeyHash).IsUnique();
        b.HasIndex(x => x.InstitutionId);
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.IsActive);
    }
}

internal sealed class MedicalEncounterConfiguration : IEntityTypeConfiguration<MedicalEncounter>
{
    public void Configure(EntityTypeBuilder<MedicalEncounter> b)
    {
        b.ToTable("medical_encounters");
        b.Property(x => x.MdtrtId).HasMaxLength(40).HasColumnName("mdtrt_id");
        b.Property(x => x.PsnNo).HasMaxLength(30).HasColumnName("psn_no");
        b.Property(x => x.Insutype).HasMaxLength(3).HasColumnName("insutype");
        b.Property(x => x.MedType).HasColumnName("med_type");
        b.Property(x => x.DiseCodg).HasMaxLength(200).HasColumnName("dise_codg");
        b.Property(x => x.ChronicDisease).HasMaxLength(20);
        b.Property(x => x.IptOtpNo).HasMaxLength(30).HasColumnName("ipt_otp_no");
        b.Property(x => x.AdmDeptCodg).HasMaxLength(30).HasColumnName("adm_dept_codg");
        b.Property(x => x.AdmBed).HasMaxLength(30).HasColumnName("adm_bed");
        b.Property(x => x.EndDate).HasColumnName("endtime");
        b.Property(x => x.DscgMaindiagCode).HasMaxLength(200).HasColumnName("dscg_maindiag_code");
        b.Property(x => x.DscgWay).HasMaxLength(3).HasColumnName("dscg_way");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.HasIndex(x => x.MdtrtId).IsUnique();
        b.HasIndex(x => new { x.InstitutionId, x.BeginDate });
        b.HasIndex(x => x.PersonId);
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.FeeDetails).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FeeDetailConfiguration : IEntityTypeConfiguration<FeeDetail>
{
    public void Configure(EntityTypeBuilder<FeeDetail> b)
    {
        b.ToTable("fee_details");
        b.Property(x => x.FeedetlSn).HasMaxLength(40).HasColumnName("feedetl_sn");
        b.Property(x => x.MedListCodg).HasMaxLength(50).HasColumnName("med_list_codg");
        b.Property(x => x.MedinsListName).HasMaxLength(200).HasColumnName("medins_list_name");
        b.Property(x => x.BilgDrCodg).HasMaxLength(30).HasColumnName("bilg_dr_codg");
        b.Property(x => x.Cnt).HasPrecision(18, 4).HasColumnName("cnt");
        b.Property(x => x.Pric).HasPrecision(18, 4).HasColumnName("pric");
        b.Property(x => x.DetItemFeeSumamt).HasPrecision(18, 2).HasColumnName("det_item_fee_sumamt");
        b.Property(x => x.FeeOcurDate).HasColumnName("fee_ocur_date");
        b.HasIndex(x => new { x.EncounterId, x.FeedetlSn }).IsUnique();
    }
}

internal sealed class SettlementRecordConfiguration : IEntityTypeConfiguration<SettlementRecord>
{
    public void Configure(EntityTypeBuilder<SettlementRecord> b)
    {
        b.ToTable("settlements");
        b.Property(x => x.SetlId).HasMaxLength(40).HasColumnName("setl_id");
        b.Property(x => x.PsnNo).HasMaxLength(30).HasColumnName("psn_no");
        b.Property(x => x.Insutype).HasMaxLength(3).HasColumnName("insutype");
        b.Property(x => x.MedType).HasColumnName("med_type");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.SetlDate).HasColumnName("setl_date");
        b.Property(x => x.PolicyVersionId).HasMaxLength(60);
        b.Property(x => x.SchemeName).HasMaxLength(200);
        b.Property(x => x.CancelReason).HasMaxLength(200);
        b.Property(x => x.CancelledBy).HasMaxLength(100);
        b.Property(x => x.Place).HasDefaultValue(Yibao.Domain.Policies.Place.Local);
        b.Property(x => x.FilingNo).HasMaxLength(40);
        foreach (var p in new[]
        {
            nameof(SettlementRecord.MedfeeSumamt), nameof(SettlementRecord.FulamtOwnpayAmt), nameof(SettlementRecord.OverlmtSelfpay),
            nameof(SettlementRecord.PreselfpayAmt), nameof(SettlementRecord.InscpScpAmt), nameof(SettlementRecord.ActPayDedc),
            nameof(SettlementRecord.HifpPay), nameof(SettlementRecord.PoolPropSelfpay), nameof(SettlementRecord.CvlservPay),
            nameof(SettlementRecord.HifobPay), nameof(SettlementRecord.HifmiPay), nameof(SettlementRecord.HifdmPay),
            nameof(SettlementRecord.MafPay), nameof(SettlementRecord.OthPay), nameof(SettlementRecord.FundPaySumamt),
            nameof(SettlementRecord.PsnPartAmt), nameof(SettlementRecord.AcctPay), nameof(SettlementRecord.PsnCashPay),
        })
        {
            b.Property<decimal>(p).HasPrecision(18, 2);
        }

        b.HasIndex(x => x.SetlId).IsUnique();
        b.HasIndex(x => x.EncounterId);
        b.HasIndex(x => new { x.InstitutionId, x.SetlDate });
        b.HasIndex(x => new { x.PersonId, x.Year });
        b.HasOne<MedicalEncounter>().WithMany().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.JournalEntry).WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversalJournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonAccumulatorConfiguration : IEntityTypeConfiguration<PersonAccumulator>
{
    public void Configure(EntityTypeBuilder<PersonAccumulator> b)
    {
        b.ToTable("person_accumulators");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.PersonId, x.Year }).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiRequestLogConfiguration : IEntityTypeConfiguration<ApiRequestLog>
{
    public void Configure(EntityTypeBuilder<ApiRequestLog> b)
    {
        b.ToTable("api_request_logs");
        b.Property(x => x.Msgid).HasMaxLength(60).HasColumnName("msgid");
        b.Property(x => x.Infno).HasMaxLength(10).HasColumnName("infno");
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.HasIndex(x => new { x.InstitutionId, x.Msgid }).IsUnique();
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
