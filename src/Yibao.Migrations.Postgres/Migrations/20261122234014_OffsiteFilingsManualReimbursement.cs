using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OffsiteFilingsManualReimbursement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "filing_no",
                table: "settlements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "place",
                table: "settlements",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "manual_reimbursements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reimb_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    psn_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    psn_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    insutype = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    med_type = table.Column<int>(type: "integer", nullable: false),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    fixmedins_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    mdtrtarea_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    institution_level = table.Column<int>(type: "integer", nullable: false),
                    place = table.Column<int>(type: "integer", nullable: false),
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    begndate = table.Column<DateOnly>(type: "date", nullable: false),
                    enddate = table.Column<DateOnly>(type: "date", nullable: false),
                    dise_codg = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    dise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    chronic_disease = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    invoice_no = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    bank_account_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    bank_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    bank_account_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    input_lines_json = table.Column<string>(type: "text", nullable: false),
                    lines_json = table.Column<string>(type: "text", nullable: false),
                    explanation_json = table.Column<string>(type: "text", nullable: false),
                    policy_version_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    scheme_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    fulamt_ownpay_amt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    overlmt_selfpay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    preselfpay_amt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    inscp_scp_amt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    act_pay_dedc = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    hifp_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    pool_prop_selfpay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    cvlserv_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    hifob_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    hifmi_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    hifdm_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    maf_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    oth_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    fund_pay_sumamt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    psn_part_amt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    acct_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    psn_cash_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    accumulators_before_json = table.Column<string>(type: "text", nullable: true),
                    accumulators_after_json = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_by_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reviewed_by_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reject_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    paid_date = table.Column<DateOnly>(type: "date", nullable: true),
                    journal_entry_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_manual_reimbursements", x => x.id);
                    table.ForeignKey(
                        name: "fk_manual_reimbursements_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_manual_reimbursements_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "out_of_area_filings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    fil_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    psn_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    insutype = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    fil_type = table.Column<int>(type: "integer", nullable: false),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    mdtrtarea_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    destination_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reflin_medins_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    reflin_medins_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    referring_institution = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    begndate = table.Column<DateOnly>(type: "date", nullable: false),
                    enddate = table.Column<DateOnly>(type: "date", nullable: true),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    cancel_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancelled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_out_of_area_filings", x => x.id);
                    table.ForeignKey(
                        name: "fk_out_of_area_filings_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_manual_reimbursements_journal_entry_id",
                table: "manual_reimbursements",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_manual_reimbursements_person_id_invoice_no",
                table: "manual_reimbursements",
                columns: new[] { "person_id", "invoice_no" });

            migrationBuilder.CreateIndex(
                name: "ix_manual_reimbursements_reimb_no",
                table: "manual_reimbursements",
                column: "reimb_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_manual_reimbursements_status",
                table: "manual_reimbursements",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_out_of_area_filings_fil_no",
                table: "out_of_area_filings",
                column: "fil_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_out_of_area_filings_person_id_status",
                table: "out_of_area_filings",
                columns: new[] { "person_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "manual_reimbursements");

            migrationBuilder.DropTable(
                name: "out_of_area_filings");

            migrationBuilder.DropColumn(
                name: "filing_no",
                table: "settlements");

            migrationBuilder.DropColumn(
                name: "place",
                table: "settlements");
        }
    }
}
