using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SettlementOpsAndDisbursements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cancelled_by",
                table: "settlements",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "agreement_end",
                table: "institutions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "agreement_start",
                table: "institutions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "institutions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disbursements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    disbursement_no = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    institution_id = table.Column<long>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    fund = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    memo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    journal_entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disbursements", x => x.id);
                    table.ForeignKey(
                        name: "fk_disbursements_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disbursements_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_disbursement_no",
                table: "disbursements",
                column: "disbursement_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_institution_id_year_month_fund",
                table: "disbursements",
                columns: new[] { "institution_id", "year", "month", "fund" });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_journal_entry_id",
                table: "disbursements",
                column: "journal_entry_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disbursements");

            migrationBuilder.DropColumn(
                name: "cancelled_by",
                table: "settlements");

            migrationBuilder.DropColumn(
                name: "agreement_end",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "agreement_start",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "institutions");
        }
    }
}
