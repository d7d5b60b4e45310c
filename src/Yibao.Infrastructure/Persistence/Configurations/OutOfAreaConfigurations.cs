using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Funds;
using Yibao.Domain.OutOfArea;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class OutOfAreaFilingConfiguration : IEntityTypeConfiguration<OutOfAreaFiling>
{
    public void Configure(EntityTypeBuilder<OutOfAreaFiling> b)
    {
        b.ToTable("out_of_area_filings");
        b.Property(x => x.FilingNo).HasMaxLength(40).HasColumnName("fil_no");
        b.Property(x => x.PsnNo).HasMaxLength(30).HasColumnName("psn_no");
        b.Property(x => x.Insutype).HasMaxLength(3).HasColumnName("insutype");
        b.Property(x => x.Type).HasColumnName("fil_type");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.DestinationCode).HasMaxLength(6).HasColumnName("mdtrtarea_admdvs");
        b.Property(x => x.DestinationName).HasMaxLength(100);
        b.Property(x => x.DestinationHospitalCode).HasMaxLength(30).HasColumnName("reflin_medins_no");
        b.Property(x => x.DestinationHospitalName).HasMaxLength(100).HasColumnName("reflin_medins_name");
        b.Property(x => x.ReferringInstitution).HasMaxLength(100);
        b.Property(x => x.BeginDate).HasColumnName("begndate");
        b.Property(x => x.EndDate).HasColumnName("enddate");
        b.Property(x => x.Reason).HasMaxLength(200);
        b.Property(x => x.CancelReason).HasMaxLength(200);
        b.Property(x => x.CancelledBy).HasMaxLength(100);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasIndex(x => x.FilingNo).IsUnique();
        b.HasIndex(x => new { x.PersonId, x.Status });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ManualReimbursementConfiguration : IEntityTypeConfiguration<ManualReimbursement>
{
    public void Configure(EntityTypeBuilder<ManualReimbursement> b)
    {
        b.ToTable("manual_reimbursements");
        b.Property(x => x.ReimbNo).HasMaxLength(40);
        b.Property(x => x.PsnNo).HasMaxLength(30).HasColumnName("psn_no");
        b.Property(x => x.PsnName).HasMaxLength(50).HasColumnName("psn_name");
        b.Property(x => x.Insutype).HasMaxLength(3).HasColumnName("insutype");
        b.Property(x => x.MedType).HasColumnName("med_type");
        b.Property(x => x.PoolAreaCode).HasMaxLength(6).HasColumnName("insuplc_admdvs");
        b.Property(x => x.InstitutionName).HasMaxLength(100).HasColumnName("fixmedins_name");
        b.Property(x => x.InstitutionAreaCode).HasMaxLength(6).HasColumnName("mdtrtarea_admdvs");
        b.Property(x => x.FilingNo).HasMaxLength(40);
        b.Property(x => x.BeginDate).HasColumnName("begndate");
        b.Property(x => x.EndDate).HasColumnName("enddate");
        b.Property(x => x.DiseCodg).HasMaxLength(200).HasColumnName("dise_codg");
        b.Property(x => x.DiseName).HasMaxLength(200).HasColumnName("dise_name");
        b.Property(x => x.ChronicDisease).HasMaxLength(20);
        b.Property(x => x.InvoiceNo).HasMaxLength(50);
        b.Property(x => x.BankAccountName).HasMaxLength(50);
        b.Property(x => x.BankName).HasMaxLength(100);
        b.Property(x => x.BankAccountNo).HasMaxLength(40);
        b.Property(x => x.PolicyVersionId).HasMaxLength(60);
        b.Property(x => x.SchemeName).HasMaxLength(200);
        b.Property(x => x.CreatedById).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.ReviewedById).HasMaxLength(64);
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.RejectReason).HasMaxLength(200);
        b.Property(x => x.ReversalReason).HasMaxLength(200);
        b.Property(x => x.ReversedById).HasMaxLength(64);
        b.Property(x => x.ReversedBy).HasMaxLength(100);
        b.Ignore(x => x.AmountOwedBack);
        foreach (var p in new[]
        {
            nameof(ManualReimbursement.MedfeeSumamt), nameof(ManualReimbursement.FulamtOwnpayAmt), nameof(ManualReimbursement.OverlmtSelfpay),
            nameof(ManualReimbursement.PreselfpayAmt), nameof(ManualReimbursement.InscpScpAmt), nameof(ManualReimbursement.ActPayDedc),
            nameof(ManualReimbursement.HifpPay), nameof(ManualReimbursement.PoolPropSelfpay), nameof(ManualReimbursement.CvlservPay),
            nameof(ManualReimbursement.HifobPay), nameof(ManualReimbursement.HifmiPay), nameof(ManualReimbursement.HifdmPay),
            nameof(ManualReimbursement.MafPay), nameof(ManualReimbursement.OthPay), nameof(ManualReimbursement.FundPaySumamt),
            nameof(ManualReimbursement.PsnPartAmt), nameof(ManualReimbursement.AcctPay), nameof(ManualReimbursement.PsnCashPay),
        })
        {
            b.Property<decimal>(p).HasPrecision(18, 2);
        }

        b.HasIndex(x => x.ReimbNo).IsUnique();
        b.HasIndex(x => new { x.PersonId, x.InvoiceNo });
        b.HasIndex(x => x.Status);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
