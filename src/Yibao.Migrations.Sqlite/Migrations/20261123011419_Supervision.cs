using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspection_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    period_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    inspectors = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    institution_id = table.Column<long>(type: "INTEGER", nullable: false),
                    source_type = table.Column<int>(type: "INTEGER", nullable: false),
                    source_ref = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    fund = table.Column<int>(type: "INTEGER", nullable: false),
                    lead_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    filed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decision_no = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_supervision_cases_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_policies",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    penalty_multiple_min = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    penalty_multiple_max = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    penalty_multiple_default = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    reward_tiers = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    reward_floor = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    reward_cap = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    memo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    institution_id = table.Column<long>(type: "INTEGER", nullable: false),
                    inspected_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    inspectors = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    conclusion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspections_inspection_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "inspection_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    complaint_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    channel = table.Column<int>(type: "INTEGER", nullable: false),
                    reporter_name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    reporter_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    institution_id = table.Column<long>(type: "INTEGER", nullable: true),
                    content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    case_id = table.Column<long>(type: "INTEGER", nullable: true),
                    reject_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    reward_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    reward_base = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    reward_granted_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    reward_paid_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    reward_entry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    reward_fund = table.Column<int>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaints", x => x.id);
                    table.ForeignKey(
                        name: "fk_complaints_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_journal_entries_reward_entry_id",
                        column: x => x.reward_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_supervision_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "supervision_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_case_outcomes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    fund = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    multiple = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    from_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    to_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    practitioner_name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    practitioner_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    receivable_entry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    payment_entry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    payment_no = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    paid_recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    lifted_on = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_case_outcomes", x => x.id);
                    table.ForeignKey(
                        name: "fk_supervision_case_outcomes_journal_entries_payment_entry_id",
                        column: x => x.payment_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_supervision_case_outcomes_journal_entries_receivable_entry_id",
                        column: x => x.receivable_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_supervision_case_outcomes_supervision_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "supervision_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_case_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<int>(type: "INTEGER", nullable: false),
                    from_status = table.Column<int>(type: "INTEGER", nullable: false),
                    to_status = table.Column<int>(type: "INTEGER", nullable: false),
                    step_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    step_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_case_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_supervision_case_steps_supervision_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "supervision_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    inspection_id = table.Column<long>(type: "INTEGER", nullable: true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_evidence_files_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_evidence_files_supervision_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "supervision_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    inspection_id = table.Column<long>(type: "INTEGER", nullable: false),
                    seq = table.Column<int>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    fund = table.Column<int>(type: "INTEGER", nullable: false),
                    case_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_findings_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspection_findings_supervision_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "supervision_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_case_id",
                table: "complaints",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_complaint_no",
                table: "complaints",
                column: "complaint_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_institution_id",
                table: "complaints",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_received_on",
                table: "complaints",
                column: "received_on");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_reward_entry_id",
                table: "complaints",
                column: "reward_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_files_case_id",
                table: "evidence_files",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_files_inspection_id",
                table: "evidence_files",
                column: "inspection_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_findings_case_id",
                table: "inspection_findings",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_findings_inspection_id_seq",
                table: "inspection_findings",
                columns: new[] { "inspection_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspection_plans_plan_no",
                table: "inspection_plans",
                column: "plan_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspections_inspected_on",
                table: "inspections",
                column: "inspected_on");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_institution_id",
                table: "inspections",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_plan_id_institution_id",
                table: "inspections",
                columns: new[] { "plan_id", "institution_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_case_outcomes_case_id",
                table: "supervision_case_outcomes",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_case_outcomes_payment_entry_id",
                table: "supervision_case_outcomes",
                column: "payment_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_case_outcomes_payment_no",
                table: "supervision_case_outcomes",
                column: "payment_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_case_outcomes_receivable_entry_id",
                table: "supervision_case_outcomes",
                column: "receivable_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_case_steps_case_id",
                table: "supervision_case_steps",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_cases_case_no",
                table: "supervision_cases",
                column: "case_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_cases_institution_id",
                table: "supervision_cases",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_cases_source_type_source_ref",
                table: "supervision_cases",
                columns: new[] { "source_type", "source_ref" });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_cases_status",
                table: "supervision_cases",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_policies_effective_from",
                table: "supervision_policies",
                column: "effective_from",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "evidence_files");

            migrationBuilder.DropTable(
                name: "inspection_findings");

            migrationBuilder.DropTable(
                name: "supervision_case_outcomes");

            migrationBuilder.DropTable(
                name: "supervision_case_steps");

            migrationBuilder.DropTable(
                name: "supervision_policies");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "supervision_cases");

            migrationBuilder.DropTable(
                name: "inspection_plans");
        }
    }
}
