using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Supervision;

namespace Yibao.Infrastructure.Persistence.Configurations;

internal sealed class SupervisionPolicyConfiguration : IEntityTypeConfiguration<SupervisionPolicy>
{
    public void Configure(EntityTypeBuilder<SupervisionPolicy> b)
    {
        b.ToTable("supervision_policies");
        b.Property(x => x.PenaltyMultipleMin).HasPrecision(9, 2);
        b.Property(x => x.PenaltyMultipleMax).HasPrecision(9, 2);
        b.Property(x => x.PenaltyMultipleDefault).HasPrecision(9, 2);
        b.Property(x => x.RewardFloor).HasPrecision(18, 2);
        b.Property(x => x.RewardCap).HasPrecision(18, 2);
        b.Property(x => x.RewardTiers).HasMaxLength(500);
        b.Property(x => x.Memo).HasMaxLength(200);
        b.Property(x => x.UpdatedBy).HasMaxLength(100);
        b.Ignore(x => x.Tiers);
        b.HasIndex(x => x.EffectiveFrom).IsUnique();
    }
}

internal sealed class InspectionPlanConfiguration : IEntityTypeConfiguration<InspectionPlan>
{
    public void Configure(EntityTypeBuilder<InspectionPlan> b)
    {
        b.ToTable("inspection_plans");
        b.Property(x => x.PlanNo).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Scope).HasMaxLength(200);
        b.Property(x => x.Inspectors).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasIndex(x => x.PlanNo).IsUnique();
        b.HasMany(x => x.Inspections).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("inspections");
        b.Property(x => x.Inspectors).HasMaxLength(200);
        b.Property(x => x.Conclusion).HasMaxLength(1000);
        b.HasIndex(x => new { x.PlanId, x.InstitutionId }).IsUnique();
        b.HasIndex(x => x.InspectedOn);
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Findings).WithOne().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionFindingConfiguration : IEntityTypeConfiguration<InspectionFinding>
{
    public void Configure(EntityTypeBuilder<InspectionFinding> b)
    {
        b.ToTable("inspection_findings");
        b.Property(x => x.Description).HasMaxLength(500);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.InspectionId, x.Seq }).IsUnique();
        b.HasOne<SupervisionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.ToTable("evidence_files");
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.Description).HasMaxLength(200);
        b.Property(x => x.UploadedBy).HasMaxLength(100);
        b.HasIndex(x => x.InspectionId);
        b.HasIndex(x => x.CaseId);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SupervisionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SupervisionCaseConfiguration : IEntityTypeConfiguration<SupervisionCase>
{
    public void Configure(EntityTypeBuilder<SupervisionCase> b)
    {
        b.ToTable("supervision_cases");
        b.Property(x => x.CaseNo).HasMaxLength(20);
        b.Property(x => x.SourceRef).HasMaxLength(60);
        b.Property(x => x.Summary).HasMaxLength(500);
        b.Property(x => x.LeadAmount).HasPrecision(18, 2);
        b.Property(x => x.DecisionNo).HasMaxLength(60);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasIndex(x => x.CaseNo).IsUnique();
        b.HasIndex(x => new { x.SourceType, x.SourceRef });
        // One case per review flag (SourceType 4 = ReviewFlag): the database refuses a second one even when two 审核员 transfer at once.
        b.HasIndex(x => x.SourceRef).IsUnique().HasFilter("source_type = 4").HasDatabaseName("ux_supervision_cases_review_flag");
        b.HasIndex(x => x.Status);
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Outcomes).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseStepConfiguration : IEntityTypeConfiguration<CaseStep>
{
    public void Configure(EntityTypeBuilder<CaseStep> b)
    {
        b.ToTable("supervision_case_steps");
        b.Property(x => x.StepBy).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(500);
    }
}

internal sealed class CaseOutcomeConfiguration : IEntityTypeConfiguration<CaseOutcome>
{
    public void Configure(EntityTypeBuilder<CaseOutcome> b)
    {
        b.ToTable("supervision_case_outcomes");
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.Multiple).HasPrecision(9, 2);
        b.Property(x => x.PractitionerName).HasMaxLength(50);
        b.Property(x => x.PractitionerCode).HasMaxLength(30);
        b.Property(x => x.PaymentNo).HasMaxLength(40);
        b.Property(x => x.PaidRecordedBy).HasMaxLength(100);
        b.Ignore(x => x.IsMoney);
        b.Ignore(x => x.Outstanding);
        b.Ignore(x => x.Paid);
        b.Ignore(x => x.PaymentStatus);
        b.Property(x => x.PaidAmount).HasPrecision(18, 2);
        b.Property(x => x.ReversalReason).HasMaxLength(500);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversalEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Payments).WithOne().HasForeignKey(x => x.OutcomeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PaymentNo).IsUnique();
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReceivableEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.PaymentEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutcomePaymentConfiguration : IEntityTypeConfiguration<OutcomePayment>
{
    public void Configure(EntityTypeBuilder<OutcomePayment> b)
    {
        b.ToTable("supervision_outcome_payments");
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.PaymentNo).HasMaxLength(40);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => x.PaymentNo).IsUnique();
        b.HasIndex(x => x.OutcomeId);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("complaints");
        b.Property(x => x.ComplaintNo).HasMaxLength(20);
        b.Property(x => x.ReporterName).HasMaxLength(50);
        b.Property(x => x.ReporterPhone).HasMaxLength(20);
        b.Property(x => x.Content).HasMaxLength(1000);
        b.Property(x => x.RejectReason).HasMaxLength(200);
        b.Property(x => x.RewardAmount).HasPrecision(18, 2);
        b.Property(x => x.RewardBase).HasPrecision(18, 2);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasIndex(x => x.ComplaintNo).IsUnique();
        b.HasIndex(x => x.ReceivedOn);
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SupervisionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.RewardEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
