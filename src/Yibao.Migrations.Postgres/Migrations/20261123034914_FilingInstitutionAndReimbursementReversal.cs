using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FilingInstitutionAndReimbursementReversal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "filed_by_institution_id",
                table: "out_of_area_filings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "refund_journal_entry_id",
                table: "manual_reimbursements",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "refund_received_date",
                table: "manual_reimbursements",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reversal_journal_entry_id",
                table: "manual_reimbursements",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "manual_reimbursements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reversed_at",
                table: "manual_reimbursements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by",
                table: "manual_reimbursements",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by_id",
                table: "manual_reimbursements",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "filed_by_institution_id",
                table: "out_of_area_filings");

            migrationBuilder.DropColumn(
                name: "refund_journal_entry_id",
                table: "manual_reimbursements");

            migrationBuilder.DropColumn(
                name: "refund_received_date",
                table: "manual_reimbursements");

            migrationBuilder.DropColumn(
                name: "reversal_journal_entry_id",
                table: "manual_reimbursements");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "manual_reimbursements");

            migrationBuilder.DropColumn(
                name: "reversed_at",
                table: "manual_reimbursements");

            migrationBuilder.DropColumn(
                name: "reversed_by",
                table: "manual_reimbursements");

            migrationBuilder.DropColumn(
                name: "reversed_by_id",
                table: "manual_reimbursements");
        }
    }
}
